"""cases, parties, items, documents, events

Revision ID: cases_0001
Revises: sanctions_0001
Create Date: 2026-11-22 08:15:03.534050
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import nonpro.core.db
from nonpro.migrations.tables import create_table, drop_tables, parent_key, written

revision: str = "cases_0001"
down_revision: str | Sequence[str] | None = "sanctions_0001"


def upgrade() -> None:
    create_table(
        "cases",
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("destination", sa.String(length=2), nullable=False),
        sa.Column("end_use", sa.Text(), nullable=False),
        sa.Column("applicant", sa.Text(), nullable=True),
        sa.Column("assignee", sa.String(length=80), nullable=True),
        *written("created"),
        sa.Column("updated_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("paused_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision", sa.String(length=40), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("decided_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("provisos", sa.JSON(), nullable=False),
        sa.Column("recommendation", sa.String(length=40), nullable=True),
        sa.Column("assessment", sa.JSON(), nullable=True),
        sa.Column("assessed_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        unique=["reference"],
        index=[
            "assignee",
            "created_at",
            "destination",
            "due_date",
            "recommendation",
            "status",
            "type",
        ],
    )

    create_table(
        "case_documents",
        parent_key("case_id", "cases.id"),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        *written("uploaded"),
        index=["sha256"],
    )

    create_table(
        "case_events",
        parent_key("case_id", "cases.id"),
        sa.Column("at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_status", sa.String(length=40), nullable=True),
        sa.Column("to_status", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )

    create_table(
        "case_items",
        parent_key("case_id", "cases.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("value_usd", sa.Float(), nullable=True),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("control_numbers", sa.JSON(), nullable=False),
        sa.Column("annex_item", sa.String(length=40), nullable=True),
        sa.Column("category", sa.String(length=4), nullable=True),
        index=["annex_item", "category"],
    )

    create_table(
        "case_parties",
        parent_key("case_id", "cases.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("dob", sa.String(length=10), nullable=True),
        sa.Column("identifiers", sa.JSON(), nullable=False),
        index=["name"],
    )


def downgrade() -> None:
    drop_tables("case_parties", "case_items", "case_events", "case_documents", "cases")
