"""cases: statutory steps (Defense referral, intent to deny, appeal) and assurances

Revision ID: cases_0004
Revises: denials_0001
Create Date: 2026-12-07 16:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db

revision: str = "cases_0004"
down_revision: str | Sequence[str] | None = "denials_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assurances_required", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "case_statutory_steps",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_statutory_steps_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_statutory_steps")),
    )
    with op.batch_alter_table("case_statutory_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_statutory_steps_case_id"), ["case_id"])
        batch_op.create_index(batch_op.f("ix_case_statutory_steps_kind"), ["kind"])
    op.create_table(
        "case_assurances",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("government", sa.String(length=2), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("received_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_assurances_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_assurances")),
    )
    with op.batch_alter_table("case_assurances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_assurances_case_id"), ["case_id"])


def downgrade() -> None:
    with op.batch_alter_table("case_assurances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_assurances_case_id"))
    op.drop_table("case_assurances")
    with op.batch_alter_table("case_statutory_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_statutory_steps_kind"))
        batch_op.drop_index(batch_op.f("ix_case_statutory_steps_case_id"))
    op.drop_table("case_statutory_steps")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("assurances_required")
