"""interagency: an analyst's request for referral, accepted or declined by the group's chair

Revision ID: interagency_0002
Revises: denials_0001
Create Date: 2026-12-07 16:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db

revision: str = "interagency_0002"
down_revision: str | Sequence[str] | None = "cases_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ia_referral_requests",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("requested_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("answered_by", sa.String(length=200), nullable=True),
        sa.Column("answered_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_ia_referral_requests_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["ia_groups.id"], name=op.f("fk_ia_referral_requests_group_id_ia_groups")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["ia_referrals.id"],
            name=op.f("fk_ia_referral_requests_referral_id_ia_referrals"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ia_referral_requests")),
    )
    with op.batch_alter_table("ia_referral_requests", schema=None) as batch_op:
        for column in ("case_id", "group_id", "state"):
            batch_op.create_index(
                batch_op.f(f"ix_ia_referral_requests_{column}"), [column], unique=False
            )


def downgrade() -> None:
    with op.batch_alter_table("ia_referral_requests", schema=None) as batch_op:
        for column in ("case_id", "group_id", "state"):
            batch_op.drop_index(batch_op.f(f"ix_ia_referral_requests_{column}"))
    op.drop_table("ia_referral_requests")
