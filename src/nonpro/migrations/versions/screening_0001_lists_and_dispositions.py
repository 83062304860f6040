"""screening: list snapshots and entries, load failures, parties, hits, dispositions

Revision ID: screening_0001
Revises: platform_0001
Create Date: 2026-11-22 07:54:26.746361
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import References, create_table, drop_tables, written

revision: str = "screening_0001"
down_revision: str | Sequence[str] | None = "platform_0001"


def upgrade() -> None:
    create_table(
        "dispositions",
        sa.Column("party_key", sa.String(length=64), nullable=False),
        sa.Column("party_name", sa.Text(), nullable=False),
        sa.Column("entry_id", sa.String(length=150), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *written("decided"),
    )
    with op.batch_alter_table("dispositions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dispositions_party_entry", ["party_key", "entry_id"], unique=False
        )

    create_table(
        "list_load_failures",
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("failed_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        index=["source"],
    )

    create_table(
        "list_snapshots",
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("publication_date", sa.Date(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("loaded_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        index=["active", "source"],
    )

    create_table(
        "screened_parties",
        sa.Column("party_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=True),
        sa.Column("dob", sa.String(length=10), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("identifiers", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_screened_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        unique=["party_key"],
    )
    create_table(
        "list_entries",
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("primary_name", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        references=[References("snapshot_id", "list_snapshots.id", "CASCADE")],
    )
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_list_entries_snapshot_source_id", ["snapshot_id", "source_id"], unique=False
        )

    create_table(
        "party_hits",
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.String(length=150), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=True),
        sa.Column("first_seen_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        references=[References("party_id", "screened_parties.id", "CASCADE")],
    )
    with op.batch_alter_table("party_hits", schema=None) as batch_op:
        batch_op.create_index("ix_party_hits_party_entry", ["party_id", "entry_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("party_hits", schema=None) as batch_op:
        batch_op.drop_index("ix_party_hits_party_entry")

    drop_tables("party_hits")
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_list_entries_snapshot_source_id")

    drop_tables("list_entries", "screened_parties", "list_snapshots", "list_load_failures")
    with op.batch_alter_table("dispositions", schema=None) as batch_op:
        batch_op.drop_index("ix_dispositions_party_entry")

    drop_tables("dispositions")
