"""denials: the register of MTCR denial notifications

Revision ID: denials_0001
Revises: platform_0002
Create Date: 2026-12-07 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nonpro.core.db
from nonpro.migrations.tables import create_table, drop_tables, written

revision: str = "denials_0001"
down_revision: str | Sequence[str] | None = "cases_0003"


def upgrade() -> None:
    create_table(
        "denial_notifications",
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("notifying_partner", sa.String(length=3), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=False),
        sa.Column("item_description", sa.Text(), nullable=False),
        sa.Column("annex_entry", sa.String(length=40), nullable=True),
        sa.Column("annex_version", sa.String(length=40), nullable=True),
        sa.Column("end_user", sa.Text(), nullable=False),
        sa.Column("end_user_country", sa.String(length=3), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawal_note", sa.Text(), nullable=False),
        *written("created"),
        sa.Column("updated_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        unique=["reference"],
    )
    with op.batch_alter_table("denial_notifications", schema=None) as batch_op:
        for column in (
            "annex_entry",
            "end_user_country",
            "notified_on",
            "notifying_partner",
            "status",
        ):
            batch_op.create_index(
                batch_op.f(f"ix_denial_notifications_{column}"), [column], unique=False
            )


def downgrade() -> None:
    with op.batch_alter_table("denial_notifications", schema=None) as batch_op:
        for column in (
            "status",
            "notifying_partner",
            "notified_on",
            "end_user_country",
            "annex_entry",
        ):
            batch_op.drop_index(batch_op.f(f"ix_denial_notifications_{column}"))
    drop_tables("denial_notifications")
