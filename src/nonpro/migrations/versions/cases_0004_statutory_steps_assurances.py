"""cases: statutory steps (Defense referral, intent to deny, appeal) and assurances

Revision ID: cases_0004
Revises: denials_0001
Create Date: 2026-12-07 16:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from nonpro.migrations.tables import create_table, drop_tables, parent_key, written

revision: str = "cases_0004"
down_revision: str | Sequence[str] | None = "denials_0001"


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assurances_required", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    create_table(
        "case_statutory_steps",
        parent_key("case_id", "cases.id"),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        *written("recorded"),
        index=["kind"],
    )
    create_table(
        "case_assurances",
        parent_key("case_id", "cases.id"),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("government", sa.String(length=2), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("received_by", sa.String(length=200), nullable=True),
    )


def downgrade() -> None:
    drop_tables("case_assurances", "case_statutory_steps")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("assurances_required")
