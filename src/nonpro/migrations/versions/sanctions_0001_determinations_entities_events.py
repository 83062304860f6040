"""sanctions register: determinations, entities, events

Revision ID: sanctions_0001
Revises: treaties_0001
Create Date: 2026-11-22 08:14:34.728514
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from nonpro.migrations.tables import create_table, drop_tables, parent_key, written

revision: str = "sanctions_0001"
down_revision: str | Sequence[str] | None = "treaties_0001"


def upgrade() -> None:
    create_table(
        "sanctions_determinations",
        sa.Column("authorities", sa.JSON(), nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("determination_date", sa.Date(), nullable=False),
        sa.Column("fr_publication_date", sa.Date(), nullable=True),
        sa.Column("fr_citation", sa.String(length=100), nullable=True),
        sa.Column("term_years", sa.Integer(), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("term_minimum", sa.Boolean(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *written("recorded"),
        index=["determination_date", "expires_on"],
    )

    create_table(
        "sanctions_entities",
        parent_key("determination_id", "sanctions_determinations.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("sub_units_and_successors", sa.Boolean(), nullable=False),
        sa.Column("government_activities", sa.Boolean(), nullable=False),
    )

    create_table(
        "sanctions_events",
        parent_key("determination_id", "sanctions_determinations.id"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("citation", sa.String(length=200), nullable=True),
        sa.Column("fr_publication_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *written("recorded"),
    )


def downgrade() -> None:
    drop_tables("sanctions_events", "sanctions_entities", "sanctions_determinations")
