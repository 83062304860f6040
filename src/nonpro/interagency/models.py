"""Tables of interagency review (all named ``ia_*``, short enough for PostgreSQL's 63 characters).

Advice is append-only: a changed position is a new row, and the newest row per agency and scope
is the agency's advice. ``idempotency_key`` is unique, so a repeated submission (a double click,
a retried request) finds the row already there instead of writing a second one.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.cases.models import Case
from nonpro.core.clock import utcnow
from nonpro.core.db import (
    Base,
    Username,
    UTCDateTime,
    UUIDPrimaryKey,
    WrittenAt,
    child_rows,
    parent_key,
)

_AGENCY = "agencies.code"


class Group(UUIDPrimaryKey, Base):
    __tablename__ = "ia_groups"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    chair_agency: Mapped[str] = mapped_column(String(40))
    members: Mapped[list[str]] = mapped_column(JSON, default=list)
    quorum: Mapped[int] = mapped_column(Integer)
    majority: Mapped[str] = mapped_column(String(20))
    # Members that advise but do not vote (the intelligence community informs rather than
    # decides licensing, law_process.md 5.2.6): their votes are refused, their advice kept.
    non_voting: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[WrittenAt]


class Referral(UUIDPrimaryKey, Base):
    __tablename__ = "ia_referrals"
    __table_args__ = (UniqueConstraint("case_id", "group_id"),)

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ia_groups.id"), index=True)
    referred_on: Mapped[date] = mapped_column(Date, index=True)
    registered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    referred_by: Mapped[Username]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[WrittenAt]

    case: Mapped[Case] = relationship(lazy="joined")
    group: Mapped[Group] = relationship(lazy="joined")
    agencies: Mapped[list[ReferralAgency]] = child_rows("ReferralAgency.agency_code")
    holds: Mapped[list[Hold]] = child_rows("Hold.started_on")
    escalations: Mapped[list[Escalation]] = child_rows("Escalation.escalated_at")


class ReferralAgency(UUIDPrimaryKey, Base):
    """An agency due to advise on a referral."""

    __tablename__ = "ia_referral_agencies"
    __table_args__ = (UniqueConstraint("referral_id", "agency_code"),)

    referral_id: Mapped[uuid.UUID] = parent_key("ia_referrals.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY), index=True)


class Advice(UUIDPrimaryKey, Base):
    __tablename__ = "ia_advice"

    referral_id: Mapped[uuid.UUID] = parent_key("ia_referrals.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY), index=True)
    scope: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)  # item/party position; 0 for case
    kind: Mapped[str] = mapped_column(String(30))
    provisos: Mapped[list[str]] = mapped_column(JSON, default=list)  # ids from the library
    written_provisos: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    rationale: Mapped[str] = mapped_column(Text, default="")
    advised_by: Mapped[Username]
    advised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)


class Hold(UUIDPrimaryKey, Base):
    """The clock stopped for missing information (HWA), from one date to another."""

    __tablename__ = "ia_holds"

    referral_id: Mapped[uuid.UUID] = parent_key("ia_referrals.id")
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    agency_code: Mapped[str | None] = mapped_column(ForeignKey(_AGENCY), nullable=True)
    started_by: Mapped[Username]
    ended_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Reminder(UUIDPrimaryKey, Base):
    __tablename__ = "ia_reminders"

    referral_id: Mapped[uuid.UUID] = parent_key("ia_referrals.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[WrittenAt]
    sent_by: Mapped[Username]
    note: Mapped[str] = mapped_column(Text, default="")


class Meeting(UUIDPrimaryKey, Base):
    __tablename__ = "ia_meetings"

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ia_groups.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]

    group: Mapped[Group] = relationship(lazy="joined")
    agenda: Mapped[list[AgendaItem]] = child_rows("AgendaItem.position")
    attendance: Mapped[list[Attendance]] = child_rows("Attendance.agency_code")


class AgendaItem(UUIDPrimaryKey, Base):
    """A referred case on a meeting's agenda, with the chair's recommendation on it."""

    __tablename__ = "ia_agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "referral_id"),)

    meeting_id: Mapped[uuid.UUID] = parent_key("ia_meetings.id")
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ia_referrals.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    recommendation: Mapped[str | None] = mapped_column(String(30), nullable=True)
    recommendation_reasons: Mapped[str] = mapped_column(Text, default="")
    provisos: Mapped[list[str]] = mapped_column(JSON, default=list)
    recommended_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    recommended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    referral: Mapped[Referral] = relationship(lazy="joined")
    votes: Mapped[list[Vote]] = child_rows("Vote.agency_code")
    dissents: Mapped[list[Dissent]] = child_rows("Dissent.agency_code")


class Attendance(UUIDPrimaryKey, Base):
    __tablename__ = "ia_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "agency_code"),)

    meeting_id: Mapped[uuid.UUID] = parent_key("ia_meetings.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY))
    representative: Mapped[str] = mapped_column(String(200), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class Vote(UUIDPrimaryKey, Base):
    __tablename__ = "ia_votes"
    __table_args__ = (UniqueConstraint("agenda_item_id", "agency_code"),)

    agenda_item_id: Mapped[uuid.UUID] = parent_key("ia_agenda_items.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY))
    choice: Mapped[str] = mapped_column(String(30))
    reasons: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]


class Dissent(UUIDPrimaryKey, Base):
    __tablename__ = "ia_dissents"
    __table_args__ = (UniqueConstraint("agenda_item_id", "agency_code"),)

    agenda_item_id: Mapped[uuid.UUID] = parent_key("ia_agenda_items.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY))
    reasons: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]


class Escalation(UUIDPrimaryKey, Base):
    """A dissenting agency's appeal up the EO 12981 ladder, and what was decided there."""

    __tablename__ = "ia_escalations"
    __table_args__ = (UniqueConstraint("referral_id", "level"),)

    referral_id: Mapped[uuid.UUID] = parent_key("ia_referrals.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey(_AGENCY))
    level: Mapped[str] = mapped_column(String(30))
    escalated_by: Mapped[Username]
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    # The signer's office (rules.SignerRole), checked against the level (rules.APPEAL_SIGNERS).
    signer_role: Mapped[str | None] = mapped_column(String(30), nullable=True)
    escalated_at: Mapped[WrittenAt]
    escalated_on: Mapped[date] = mapped_column(Date)
    reasons: Mapped[str] = mapped_column(Text)
    appeal_due: Mapped[date] = mapped_column(Date)
    decision_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(30), nullable=True)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ReferralRequest(UUIDPrimaryKey, Base):
    """An analyst's request that a group take a case (the handoff): the group's chair accepts it,
    which makes the referral, or declines it with a note. ``state``: open, accepted, declined."""

    __tablename__ = "ia_referral_requests"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ia_groups.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[Username]
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    state: Mapped[str] = mapped_column(String(20), index=True, default="open")
    answered_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer_note: Mapped[str] = mapped_column(Text, default="")
    referral_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ia_referrals.id", ondelete="SET NULL"), nullable=True
    )

    case: Mapped[Case] = relationship(lazy="joined")
    group: Mapped[Group] = relationship(lazy="joined")
