"""batch: background bulk screening jobs

Revision ID: batch_0001
Revises: interagency_0004
Create Date: 2026-12-08 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from nonpro.core.db import UTCDateTime
from nonpro.migrations.tables import create_table, drop_tables

revision: str = "batch_0001"
down_revision: str | Sequence[str] | None = "reports_0001"


def upgrade() -> None:
    create_table(
        "batch_jobs",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=True),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("alerts", sa.Integer(), nullable=False),
        sa.Column("snapshots", sa.JSON(), nullable=False),
        sa.Column("result_file", sa.String(length=300), nullable=True),
        sa.Column("worker", sa.String(length=100), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        index=["owner", "state"],
    )


def downgrade() -> None:
    drop_tables("batch_jobs")
