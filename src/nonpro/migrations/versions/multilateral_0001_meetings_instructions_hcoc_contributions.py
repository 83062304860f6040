"""Multilateral: bodies, meetings, delegations, documents, instructions, HCOC, contributions

Revision ID: multilateral_0001
Revises: programs_0001
Create Date: 2026-11-22 08:37:31.808993
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import nonpro.core.db
from nonpro.migrations.tables import References, create_table, drop_tables, parent_key, written

revision: str = "multilateral_0001"
down_revision: str | Sequence[str] | None = "programs_0001"


def upgrade() -> None:
    create_table(
        "multilateral_bodies",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organization", sa.String(length=100), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("lead_office", sa.String(length=100), nullable=False),
        sa.Column("usual_timing", sa.Text(), nullable=False),
        sa.Column("patterns", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Text(), nullable=False),
        unique=["code"],
    )
    create_table(
        "multilateral_contributions",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("fund", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("pledged_on", sa.Date(), nullable=True),
        sa.Column("obligated_on", sa.Date(), nullable=True),
        sa.Column("disbursed_on", sa.Date(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        *written("recorded"),
        index=["year"],
    )

    create_table(
        "multilateral_hcoc_notifications",
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("vehicle_class", sa.String(length=10), nullable=False),
        sa.Column("window_opens", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("window_closes", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("launch_area", sa.String(length=200), nullable=False),
        sa.Column("general_direction", sa.String(length=100), nullable=False),
        sa.Column("notified_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("launched_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *written("recorded"),
        index=["window_opens"],
    )

    create_table(
        "multilateral_hcoc_policies",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ballistic_missile_policy", sa.Text(), nullable=False),
        sa.Column("space_launch_policy", sa.Text(), nullable=False),
        *written("recorded"),
        unique=["year"],
    )
    create_table(
        "multilateral_allocations",
        parent_key("contribution_id", "multilateral_contributions.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("project", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("amount", sa.Numeric(precision=16, scale=2), nullable=False),
    )

    create_table(
        "multilateral_meetings",
        parent_key("body_id", "multilateral_bodies.id", ondelete="RESTRICT"),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("agenda", sa.JSON(), nullable=False),
        sa.Column("projected", sa.Boolean(), nullable=False),
        sa.Column("seed_key", sa.String(length=120), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *written("created"),
        unique=["seed_key"],
        index=["start_date"],
    )

    create_table(
        "multilateral_delegates",
        parent_key("meeting_id", "multilateral_meetings.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
    )

    create_table(
        "multilateral_documents",
        parent_key("meeting_id", "multilateral_meetings.id"),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        *written("created"),
    )

    create_table(
        "multilateral_document_versions",
        parent_key("document_id", "multilateral_documents.id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
    )

    create_table(
        "multilateral_instructions",
        parent_key("meeting_id", "multilateral_meetings.id"),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("mission", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("drafted_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        references=[References("document_id", "multilateral_documents.id", "CASCADE")],
        index=["state"],
    )

    create_table(
        "multilateral_clearances",
        parent_key("instruction_id", "multilateral_instructions.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=True),
        sa.Column("at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
    )

    create_table(
        "multilateral_instruction_steps",
        parent_key("instruction_id", "multilateral_instructions.id"),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("state_after", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("office", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    drop_tables(
        "multilateral_instruction_steps",
        "multilateral_clearances",
        "multilateral_instructions",
        "multilateral_document_versions",
        "multilateral_documents",
        "multilateral_delegates",
        "multilateral_meetings",
        "multilateral_allocations",
        "multilateral_hcoc_policies",
        "multilateral_hcoc_notifications",
        "multilateral_contributions",
        "multilateral_bodies",
    )
