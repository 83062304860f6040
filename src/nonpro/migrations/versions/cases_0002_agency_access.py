"""cases: agencies whose representatives may see a case

Revision ID: cases_0002
Revises: interagency_0001
Create Date: 2026-11-22 09:17:54.389241
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db

revision: str = "cases_0002"
down_revision: str | Sequence[str] | None = "interagency_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_agency_access",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("granted_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_agency_access_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_agency_access")),
        sa.UniqueConstraint("case_id", "agency_code", name=op.f("uq_case_agency_access_case_id")),
    )
    with op.batch_alter_table("case_agency_access", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_agency_access_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_agency_access_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_agency_access", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_agency_access_case_id"))
        batch_op.drop_index(batch_op.f("ix_case_agency_access_agency_code"))

    op.drop_table("case_agency_access")
