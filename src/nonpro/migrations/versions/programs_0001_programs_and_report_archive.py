"""missile systems, flight tests, events, transfers, imports; report archive

Revision ID: programs_0001
Revises: cases_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from nonpro.migrations.tables import country_code, create_table, drop_tables, parent_key, written

revision: str = "programs_0001"
down_revision: str | Sequence[str] | None = "cases_0001"


def upgrade() -> None:
    create_table(
        "missile_systems",
        sa.Column("dataset", sa.String(length=60), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        country_code("country"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("missile_class", sa.String(length=40), nullable=False),
        sa.Column("range_km", sa.Float(), nullable=True),
        sa.Column("payload_kg", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        index=["dataset", "key", "missile_class"],
    )

    create_table(
        "missile_transfers",
        sa.Column("dataset", sa.String(length=60), nullable=False),
        country_code("supplier", nullable=True),
        sa.Column("supplier_name", sa.String(length=200), nullable=False),
        country_code("recipient", nullable=True),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("order_year", sa.Integer(), nullable=True),
        sa.Column("order_year_uncertain", sa.Boolean(), nullable=False),
        sa.Column("number_ordered", sa.Integer(), nullable=True),
        sa.Column("designation", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("number_delivered", sa.Integer(), nullable=True),
        sa.Column("delivery_years", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        index=["dataset", "order_year"],
    )

    create_table(
        "program_events",
        sa.Column("dataset", sa.String(length=60), nullable=False),
        country_code("country"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("event", sa.String(length=300), nullable=False),
        sa.Column("missile_class", sa.String(length=40), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        index=["category", "dataset", "day", "missile_class"],
    )

    create_table(
        "program_imports",
        sa.Column("dataset", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("data_as_of", sa.Date(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        *written("loaded"),
        index=["dataset"],
    )

    create_table(
        "report_archive",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=10), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        *written("generated"),
        index=["generated_at", "input_hash", "kind"],
    )

    create_table(
        "flight_tests",
        sa.Column("dataset", sa.String(length=60), nullable=False),
        country_code("country"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("time_of_day", sa.String(length=40), nullable=True),
        parent_key("system_id", "missile_systems.id", ondelete="SET NULL", nullable=True),
        sa.Column("system_name", sa.String(length=200), nullable=False),
        sa.Column("missile_class", sa.String(length=40), nullable=False),
        sa.Column("site", sa.String(length=200), nullable=True),
        sa.Column("landing", sa.String(length=100), nullable=True),
        sa.Column("apogee_km", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        index=["dataset", "day", "missile_class"],
    )


def downgrade() -> None:
    drop_tables(
        "flight_tests",
        "report_archive",
        "program_imports",
        "program_events",
        "missile_transfers",
        "missile_systems",
    )
