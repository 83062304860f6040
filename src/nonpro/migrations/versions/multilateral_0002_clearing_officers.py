"""multilateral: clearing officers, who may clear instructions for which office

Revision ID: multilateral_0002
Revises: accounts_0001
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from nonpro.migrations.tables import create_table, drop_tables, written

revision: str = "multilateral_0002"
down_revision: str | Sequence[str] | None = "accounts_0001"


def upgrade() -> None:
    create_table(
        "multilateral_clearing_officers",
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        *written("appointed"),
        unique=[("office", "username")],
        index=["office"],
    )


def downgrade() -> None:
    drop_tables("multilateral_clearing_officers")
