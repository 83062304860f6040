"""treaties: imports, participation events, stated counts

Revision ID: treaties_0001
Revises: screening_0001
Create Date: 2026-11-22 08:12:22.837341
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import References, create_table, drop_tables

revision: str = "treaties_0001"
down_revision: str | Sequence[str] | None = "screening_0001"


def upgrade() -> None:
    create_table(
        "treaty_imports",
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("instruments", sa.JSON(), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("stated_count_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("loaded_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.String(length=200), nullable=False),
        index=["source"],
    )

    create_table(
        "treaty_events",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("confidence", sa.Text(), nullable=True),
        sa.Column("disputed", sa.Boolean(), nullable=False),
        references=[References("import_id", "treaty_imports.id", "CASCADE")],
    )
    with op.batch_alter_table("treaty_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treaty_events_import_id"), ["import_id"], unique=False)
        batch_op.create_index(
            "ix_treaty_events_instrument_source_key", ["instrument", "source_key"], unique=False
        )
        batch_op.create_index(
            "ix_treaty_events_state_instrument", ["state", "instrument"], unique=False
        )

    create_table(
        "treaty_stated_counts",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("among", sa.String(length=40), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("states", sa.JSON(), nullable=True),
        references=[References("import_id", "treaty_imports.id", "CASCADE")],
    )
    with op.batch_alter_table("treaty_stated_counts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_treaty_stated_counts_import_id"), ["import_id"], unique=False
        )
        batch_op.create_index(
            "ix_treaty_stated_counts_instrument_source_key",
            ["instrument", "source_key"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("treaty_stated_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_treaty_stated_counts_instrument_source_key")
        batch_op.drop_index(batch_op.f("ix_treaty_stated_counts_import_id"))

    drop_tables("treaty_stated_counts")
    with op.batch_alter_table("treaty_events", schema=None) as batch_op:
        batch_op.drop_index("ix_treaty_events_state_instrument")
        batch_op.drop_index("ix_treaty_events_instrument_source_key")
        batch_op.drop_index(batch_op.f("ix_treaty_events_import_id"))

    drop_tables("treaty_events", "treaty_imports")
