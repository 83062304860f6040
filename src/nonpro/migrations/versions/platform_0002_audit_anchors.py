"""platform: audit rows signed with the audit key, and signed anchors of the log's head

Revision ID: platform_0002
Revises: multilateral_0002
Create Date: 2026-12-07 12:45:00

Rows already in the log keep their hashes and get no signature (``mac`` stays NULL): the key is
not known to a migration, and signing them now would vouch for whatever they hold. They stay
verifiable by their chain, and the first ``nonpro audit verify`` after the upgrade anchors them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import create_indexes, drop_tables

revision: str = "platform_0002"
down_revision: str | Sequence[str] | None = "multilateral_0002"


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mac", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_anchors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchors")),
    )
    create_indexes("audit_anchors", "count")


def downgrade() -> None:
    drop_tables("audit_anchors")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("mac")
