"""interagency: MARC's proposals to amend the MTCR Annex and the member agencies' views

Revision ID: interagency_0004
Revises: interagency_0003
Create Date: 2026-12-07 19:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db

revision: str = "interagency_0004"
down_revision: str | Sequence[str] | None = "interagency_0003"

_UTC = nonpro.core.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ia_annex_proposals",
        sa.Column("entry", sa.String(length=40), nullable=False),
        sa.Column("new_entry", sa.Boolean(), nullable=False),
        sa.Column("parent_entry", sa.String(length=40), nullable=True),
        sa.Column("annex_version", sa.String(length=40), nullable=False),
        sa.Column("current_text", sa.Text(), nullable=False),
        sa.Column("proposed_text", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("proposer", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("views_requested_at", _UTC, nullable=True),
        sa.Column("us_position", sa.String(length=30), nullable=True),
        sa.Column("us_position_note", sa.Text(), nullable=False),
        sa.Column("us_position_by", sa.String(length=200), nullable=True),
        sa.Column("us_position_at", _UTC, nullable=True),
        sa.Column("tem_on", sa.Date(), nullable=True),
        sa.Column("tem_outcome", sa.String(length=20), nullable=True),
        sa.Column("tem_note", sa.Text(), nullable=False),
        sa.Column("plenary_on", sa.Date(), nullable=True),
        sa.Column("plenary_outcome", sa.String(length=20), nullable=True),
        sa.Column("plenary_note", sa.Text(), nullable=False),
        sa.Column("produced_version", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ia_annex_proposals")),
    )
    with op.batch_alter_table("ia_annex_proposals", schema=None) as batch_op:
        for column in ("entry", "status"):
            batch_op.create_index(batch_op.f(f"ix_ia_annex_proposals_{column}"), [column])
    op.create_table(
        "ia_annex_views",
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", _UTC, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"],
            ["agencies.code"],
            name=op.f("fk_ia_annex_views_agency_code_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["ia_annex_proposals.id"],
            name=op.f("fk_ia_annex_views_proposal_id_ia_annex_proposals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ia_annex_views")),
        sa.UniqueConstraint(
            "proposal_id", "agency_code", name=op.f("uq_ia_annex_views_proposal_id")
        ),
    )
    with op.batch_alter_table("ia_annex_views", schema=None) as batch_op:
        for column in ("proposal_id", "agency_code"):
            batch_op.create_index(batch_op.f(f"ix_ia_annex_views_{column}"), [column])


def downgrade() -> None:
    with op.batch_alter_table("ia_annex_views", schema=None) as batch_op:
        for column in ("proposal_id", "agency_code"):
            batch_op.drop_index(batch_op.f(f"ix_ia_annex_views_{column}"))
    op.drop_table("ia_annex_views")
    with op.batch_alter_table("ia_annex_proposals", schema=None) as batch_op:
        for column in ("entry", "status"):
            batch_op.drop_index(batch_op.f(f"ix_ia_annex_proposals_{column}"))
    op.drop_table("ia_annex_proposals")
