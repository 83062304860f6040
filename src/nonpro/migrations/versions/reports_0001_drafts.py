"""reports: drafts the office edits and clears (versions, clearances by office)

Revision ID: reports_0001
Revises: interagency_0004
Create Date: 2026-12-08 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from nonpro.core.db import UTCDateTime
from nonpro.migrations.tables import create_table, drop_tables, parent_key

revision: str = "reports_0001"
down_revision: str | Sequence[str] | None = "interagency_0004"

_UTC = UTCDateTime(timezone=True)


def upgrade() -> None:
    create_table(
        "report_drafts",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("marking", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("offices", sa.JSON(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("finalized_by", sa.String(length=200), nullable=True),
        sa.Column("finalized_at", _UTC, nullable=True),
        sa.Column("final_pdf", sa.Uuid(), nullable=True),
        sa.Column("final_docx", sa.Uuid(), nullable=True),
        index=("kind", "state"),
    )
    create_table(
        "report_draft_versions",
        parent_key("draft_id", "report_drafts.id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=300), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        unique=[("draft_id", "number")],
    )
    create_table(
        "report_draft_clearances",
        parent_key("draft_id", "report_drafts.id"),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("at", _UTC, nullable=False),
    )


def downgrade() -> None:
    drop_tables("report_draft_clearances", "report_draft_versions", "report_drafts")
