"""cases: agencies whose representatives may see a case

Revision ID: cases_0002
Revises: interagency_0001
Create Date: 2026-11-22 09:17:54.389241
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import nonpro.core.db
from nonpro.migrations.tables import create_table, drop_tables, parent_key

revision: str = "cases_0002"
down_revision: str | Sequence[str] | None = "interagency_0001"


def upgrade() -> None:
    create_table(
        "case_agency_access",
        parent_key("case_id", "cases.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("granted_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=False),
        unique=[("case_id", "agency_code")],
        index=["agency_code"],
    )


def downgrade() -> None:
    drop_tables("case_agency_access")
