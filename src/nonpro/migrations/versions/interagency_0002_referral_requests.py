"""interagency: an analyst's request for referral, accepted or declined by the group's chair

Revision ID: interagency_0002
Revises: denials_0001
Create Date: 2026-12-07 16:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from nonpro.migrations.tables import References, create_table, drop_tables, written

revision: str = "interagency_0002"
down_revision: str | Sequence[str] | None = "cases_0004"


def upgrade() -> None:
    create_table(
        "ia_referral_requests",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *written("requested"),
        sa.Column("state", sa.String(length=20), nullable=False),
        *written("answered", nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        references=[
            References("case_id", "cases.id", "CASCADE"),
            References("group_id", "ia_groups.id"),
            References("referral_id", "ia_referrals.id", "SET NULL"),
        ],
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
    drop_tables("ia_referral_requests")
