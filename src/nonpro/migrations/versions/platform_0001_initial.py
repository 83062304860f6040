"""platform: audit log, agencies, users, api tokens

Revision ID: platform_0001
Revises:
Create Date: 2026-11-22 07:40:28.418541
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import create_indexes, create_table, drop_tables, parent_key

revision: str = "platform_0001"
down_revision: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "agencies",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        unique=["code"],
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=300), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    create_indexes("audit_log", "action", "target")

    create_table(
        "users",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        parent_key("agency_id", "agencies.id", ondelete="RESTRICT", nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        unique=["username"],
    )

    create_table(
        "api_tokens",
        parent_key("user_id", "users.id"),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=True),
        unique=["token_hash"],
    )


def downgrade() -> None:
    drop_tables("api_tokens", "users", "audit_log", "agencies")
