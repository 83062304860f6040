"""multilateral: clearing officers, who may clear instructions for which office

Revision ID: multilateral_0002
Revises: accounts_0001
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db

revision: str = "multilateral_0002"
down_revision: str | Sequence[str] | None = "accounts_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "multilateral_clearing_officers",
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("appointed_by", sa.String(length=200), nullable=False),
        sa.Column("appointed_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_clearing_officers")),
        sa.UniqueConstraint(
            "office", "username", name=op.f("uq_multilateral_clearing_officers_office")
        ),
    )
    with op.batch_alter_table("multilateral_clearing_officers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_multilateral_clearing_officers_office"), ["office"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("multilateral_clearing_officers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_multilateral_clearing_officers_office"))
    op.drop_table("multilateral_clearing_officers")
