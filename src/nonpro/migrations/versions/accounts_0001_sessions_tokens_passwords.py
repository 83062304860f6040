"""accounts: server-side web sessions, token expiry, "must change password"

Revision ID: accounts_0001
Revises: registers_0001
Create Date: 2026-12-07 11:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import create_table, drop_tables, parent_key

revision: str = "accounts_0001"
down_revision: str | Sequence[str] | None = "registers_0001"


def upgrade() -> None:
    create_table(
        "web_sessions",
        parent_key("user_id", "users.id"),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        unique=["key_hash"],
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expires_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
    drop_tables("web_sessions")
