"""interagency groups referrals advice meetings escalations

Revision ID: interagency_0001
Revises: multilateral_0001
Create Date: 2026-11-22 08:43:50.825941
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import nonpro.core.db
from nonpro.migrations.tables import References, create_table, drop_tables, parent_key, written

revision: str = "interagency_0001"
down_revision: str | Sequence[str] | None = "multilateral_0001"


def upgrade() -> None:
    create_table(
        "ia_groups",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("chair_agency", sa.String(length=40), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("quorum", sa.Integer(), nullable=False),
        sa.Column("majority", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        unique=["code"],
    )

    create_table(
        "ia_meetings",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        *written("created"),
        references=[References("group_id", "ia_groups.id")],
        index=["group_id", "held_on"],
    )

    create_table(
        "ia_referrals",
        parent_key("case_id", "cases.id"),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("referred_by", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        references=[References("group_id", "ia_groups.id")],
        unique=[("case_id", "group_id")],
        index=["group_id", "referred_on"],
    )

    create_table(
        "ia_advice",
        parent_key("referral_id", "ia_referrals.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("provisos", sa.JSON(), nullable=False),
        sa.Column("written_provisos", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        *written("advised"),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        references=[References("agency_code", "agencies.code")],
        unique=["idempotency_key"],
        index=["advised_at", "agency_code"],
    )

    create_table(
        "ia_agenda_items",
        parent_key("meeting_id", "ia_meetings.id"),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("recommendation", sa.String(length=30), nullable=True),
        sa.Column("recommendation_reasons", sa.Text(), nullable=False),
        sa.Column("provisos", sa.JSON(), nullable=False),
        *written("recommended", nullable=True),
        references=[References("referral_id", "ia_referrals.id")],
        unique=[("meeting_id", "referral_id")],
        index=["referral_id"],
    )

    create_table(
        "ia_attendance",
        parent_key("meeting_id", "ia_meetings.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("representative", sa.String(length=200), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        references=[References("agency_code", "agencies.code")],
        unique=[("meeting_id", "agency_code")],
    )

    create_table(
        "ia_escalations",
        parent_key("referral_id", "ia_referrals.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=30), nullable=False),
        sa.Column("escalated_by", sa.String(length=200), nullable=False),
        sa.Column("signed_by", sa.String(length=200), nullable=False),
        sa.Column("escalated_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalated_on", sa.Date(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("appeal_due", sa.Date(), nullable=False),
        sa.Column("decision_due", sa.Date(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        references=[References("agency_code", "agencies.code")],
        unique=[("referral_id", "level")],
    )

    create_table(
        "ia_holds",
        parent_key("referral_id", "ia_referrals.id"),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=True),
        sa.Column("started_by", sa.String(length=200), nullable=False),
        sa.Column("ended_by", sa.String(length=200), nullable=True),
        references=[References("agency_code", "agencies.code")],
    )

    create_table(
        "ia_referral_agencies",
        parent_key("referral_id", "ia_referrals.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        references=[References("agency_code", "agencies.code")],
        unique=[("referral_id", "agency_code")],
        index=["agency_code"],
    )

    create_table(
        "ia_reminders",
        parent_key("referral_id", "ia_referrals.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_at", nonpro.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        references=[References("agency_code", "agencies.code")],
        index=["agency_code"],
    )

    create_table(
        "ia_dissents",
        parent_key("agenda_item_id", "ia_agenda_items.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        *written("recorded"),
        references=[References("agency_code", "agencies.code")],
        unique=[("agenda_item_id", "agency_code")],
    )

    create_table(
        "ia_votes",
        parent_key("agenda_item_id", "ia_agenda_items.id"),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("choice", sa.String(length=30), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        *written("recorded"),
        references=[References("agency_code", "agencies.code")],
        unique=[("agenda_item_id", "agency_code")],
    )


def downgrade() -> None:

    drop_tables(
        "ia_votes",
        "ia_dissents",
        "ia_reminders",
        "ia_referral_agencies",
        "ia_holds",
        "ia_escalations",
        "ia_attendance",
        "ia_agenda_items",
        "ia_advice",
        "ia_referrals",
        "ia_meetings",
        "ia_groups",
    )
