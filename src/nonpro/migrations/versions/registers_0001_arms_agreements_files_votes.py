"""registers: UN arms register, agreements, negotiation files, UNGA votes

Revision ID: registers_0001
Revises: cases_0002
Create Date: 2026-12-06 15:59:02.096780
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import nonpro.core.db
from nonpro.migrations.tables import country_code, create_table, drop_tables, parent_key, written

revision: str = "registers_0001"
down_revision: str | Sequence[str] | None = "cases_0002"


def upgrade() -> None:
    create_table(
        "register_agreements",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("partner", sa.String(length=20), nullable=False),
        sa.Column("partner_name", sa.String(length=200), nullable=False),
        sa.Column("signed", sa.Date(), nullable=True),
        sa.Column("in_force", sa.Date(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("terminated", sa.Date(), nullable=True),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("consent_rights", sa.Text(), nullable=False),
        sa.Column("safeguards_basis", sa.Text(), nullable=False),
        sa.Column("remind_days", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        unique=["key"],
        index=["expires", "kind", "partner"],
    )

    create_table(
        "register_arms_background",
        country_code("reporting_state"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("number_of_items", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        *written("created"),
        unique=[("reporting_state", "year", "kind", "category")],
        index=["year"],
    )

    create_table(
        "register_arms_datasets",
        sa.Column("kind", sa.String(length=20), nullable=False),
        country_code("reporting_state", nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        *written("imported"),
        index=["kind"],
    )

    create_table(
        "register_files",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("forums", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        unique=["code"],
    )
    create_table(
        "register_arms_transfers",
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        parent_key("dataset_id", "register_arms_datasets.id", nullable=True),
        country_code("reporting_state", nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("subcategory", sa.String(length=40), nullable=False),
        country_code("exporter", nullable=True),
        sa.Column("exporter_name", sa.String(length=200), nullable=False),
        country_code("importer", nullable=True),
        sa.Column("importer_name", sa.String(length=200), nullable=False),
        sa.Column("number_of_items", sa.Integer(), nullable=True),
        sa.Column("state_of_origin", sa.String(length=200), nullable=False),
        sa.Column("intermediate_location", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        *written("created"),
        index=["category", "source_kind", "year"],
    )

    create_table(
        "register_papers",
        parent_key("file_id", "register_files.id"),
        sa.Column("title", sa.String(length=300), nullable=False),
        *written("created"),
    )

    create_table(
        "register_positions",
        parent_key("file_id", "register_files.id"),
        country_code("state"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("forum", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stance", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        *written("created"),
        index=["day"],
    )

    create_table(
        "register_resolutions",
        sa.Column("symbol", sa.String(length=60), nullable=False),
        sa.Column("series", sa.String(length=120), nullable=False),
        parent_key("file_id", "register_files.id", ondelete="SET NULL", nullable=True),
        sa.Column("session_number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("adopted", sa.Date(), nullable=True),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("text_reference", sa.Text(), nullable=False),
        sa.Column("sponsors", sa.JSON(), nullable=False),
        sa.Column("recorded_vote", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        unique=["symbol"],
        index=["series", "year"],
    )

    create_table(
        "register_paper_versions",
        parent_key("paper_id", "register_papers.id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        unique=[("paper_id", "number")],
    )

    create_table(
        "register_votes",
        parent_key("resolution_id", "register_resolutions.id"),
        country_code("state"),
        sa.Column("vote", sa.String(length=10), nullable=False),
        unique=[("resolution_id", "state")],
    )


def downgrade() -> None:
    drop_tables(
        "register_votes",
        "register_paper_versions",
        "register_resolutions",
        "register_positions",
        "register_papers",
        "register_arms_transfers",
        "register_files",
        "register_arms_datasets",
        "register_arms_background",
        "register_agreements",
    )
