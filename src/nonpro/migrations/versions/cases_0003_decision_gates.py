"""cases: decision gates: proposals awaiting a countersignature, exceptions to hard stops

Revision ID: cases_0003
Revises: platform_0002
Create Date: 2026-12-07 15:10:30.107453
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from nonpro.migrations.tables import create_table, drop_tables, parent_key, written

revision: str = "cases_0003"
down_revision: str | Sequence[str] | None = "platform_0002"


def upgrade() -> None:
    create_table(
        "case_decision_proposals",
        parent_key("case_id", "cases.id"),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("provisos", sa.JSON(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        *written("proposed"),
        *written("answered", nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=False),
        index=["state"],
    )

    create_table(
        "case_gate_exceptions",
        parent_key("case_id", "cases.id"),
        sa.Column("stops", sa.JSON(), nullable=False),
        sa.Column("stop_texts", sa.JSON(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *written("recorded"),
    )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        # Cases decided before the gates have no written grounds: the empty text.
        batch_op.add_column(
            sa.Column("decision_justification", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("countersigned_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("countersigned_by")
        batch_op.drop_column("decision_justification")

    drop_tables("case_gate_exceptions", "case_decision_proposals")
