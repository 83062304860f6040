"""Tables of the multilateral capability."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.db import (
    Base,
    Username,
    UTCDateTime,
    UUIDPrimaryKey,
    WrittenAt,
    child_rows,
    parent_key,
)


class CalendarFact:
    """Where a body's or a session's facts come from, as of when, and how sure they are."""

    source: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    confidence: Mapped[str] = mapped_column(Text, default="")


class Body(UUIDPrimaryKey, CalendarFact, Base):
    """A meeting body (the IAEA Board, the CD, ...) with its usual calendar as rules."""

    __tablename__ = "multilateral_bodies"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(100))
    venue: Mapped[str] = mapped_column(String(200), default="")
    lead_office: Mapped[str] = mapped_column(String(100), default="")
    usual_timing: Mapped[str] = mapped_column(Text, default="")
    # [{key, label, month, weekday, nth, days, every_years, first_year}]: see rules.occurrence
    patterns: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Meeting(UUIDPrimaryKey, CalendarFact, Base):
    """One session of a body; ``projected`` until its dates are confirmed."""

    __tablename__ = "multilateral_meetings"

    body_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("multilateral_bodies.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[list[str]] = mapped_column(JSON, default=list)
    projected: Mapped[bool] = mapped_column(Boolean, default=False)
    # Seeded and projected rows carry a key, so loading and projecting again add nothing.
    seed_key: Mapped[str | None] = mapped_column(String(120), unique=True, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]

    body: Mapped[Body] = relationship(lazy="joined")
    delegates: Mapped[list[Delegate]] = child_rows("Delegate.position")


class Delegate(UUIDPrimaryKey, Base):
    """A member of the delegation to one meeting."""

    __tablename__ = "multilateral_delegates"

    meeting_id: Mapped[uuid.UUID] = parent_key("multilateral_meetings.id")
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    agency: Mapped[str] = mapped_column(String(40))


class Document(UUIDPrimaryKey, Base):
    """A position paper, statement or instruction of a meeting; its text lives in versions."""

    __tablename__ = "multilateral_documents"

    meeting_id: Mapped[uuid.UUID] = parent_key("multilateral_meetings.id")
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]

    versions: Mapped[list[DocumentVersion]] = child_rows("DocumentVersion.number")


class DocumentVersion(UUIDPrimaryKey, Base):
    __tablename__ = "multilateral_document_versions"

    document_id: Mapped[uuid.UUID] = parent_key("multilateral_documents.id")
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[Username]
    created_at: Mapped[WrittenAt]


class Instruction(UUIDPrimaryKey, Base):
    """Instructions to a mission: drafted, cleared office by office, approved, sent."""

    __tablename__ = "multilateral_instructions"

    meeting_id: Mapped[uuid.UUID] = parent_key("multilateral_meetings.id")
    document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("multilateral_documents.id", ondelete="CASCADE")
    )
    mission: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), index=True)
    drafted_by: Mapped[Username]
    created_at: Mapped[WrittenAt]

    document: Mapped[Document] = relationship(lazy="joined")
    clearances: Mapped[list[Clearance]] = child_rows("Clearance.position")
    steps: Mapped[list[InstructionStep]] = child_rows("InstructionStep.at")


class Clearance(UUIDPrimaryKey, Base):
    """One office in an instruction's ordered clearance list."""

    __tablename__ = "multilateral_clearances"

    instruction_id: Mapped[uuid.UUID] = parent_key("multilateral_instructions.id")
    position: Mapped[int] = mapped_column(Integer)
    office: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))  # pending, cleared, commented
    by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")


class InstructionStep(UUIDPrimaryKey, Base):
    """Who did what to an instruction and when (the audit log holds the same, hash-chained)."""

    __tablename__ = "multilateral_instruction_steps"

    instruction_id: Mapped[uuid.UUID] = parent_key("multilateral_instructions.id")
    action: Mapped[str] = mapped_column(String(20))
    state_after: Mapped[str] = mapped_column(String(20))
    actor: Mapped[Username]
    office: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[WrittenAt]


class ClearingOfficer(UUIDPrimaryKey, Base):
    """A user who may clear (or comment on) instructions for one office."""

    __tablename__ = "multilateral_clearing_officers"
    __table_args__ = (UniqueConstraint("office", "username"),)

    office: Mapped[str] = mapped_column(String(100), index=True)  # upper case, as compared
    username: Mapped[Username]
    appointed_by: Mapped[Username]
    appointed_at: Mapped[WrittenAt]


class LaunchNotification(UUIDPrimaryKey, Base):
    """An HCOC pre-launch notification of one of the state's own launches."""

    __tablename__ = "multilateral_hcoc_notifications"

    state: Mapped[str] = mapped_column(String(3))
    vehicle_class: Mapped[str] = mapped_column(String(10))
    window_opens: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    window_closes: Mapped[datetime] = mapped_column(UTCDateTime())
    launch_area: Mapped[str] = mapped_column(String(200))
    general_direction: Mapped[str] = mapped_column(String(100))
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(20), default="notified")
    launched_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]


class HcocPolicy(UUIDPrimaryKey, Base):
    """The policy statements of one year's HCOC annual declaration."""

    __tablename__ = "multilateral_hcoc_policies"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    ballistic_missile_policy: Mapped[str] = mapped_column(Text)
    space_launch_policy: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]


class Contribution(UUIDPrimaryKey, Base):
    """A voluntary contribution to the IAEA, in US dollars, for one year and fund."""

    __tablename__ = "multilateral_contributions"

    year: Mapped[int] = mapped_column(Integer, index=True)
    fund: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    status: Mapped[str] = mapped_column(String(20))
    pledged_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    obligated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    disbursed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]

    allocations: Mapped[list[Allocation]] = child_rows("Allocation.position")


class Allocation(UUIDPrimaryKey, Base):
    """Part of a contribution allocated to one IAEA project."""

    __tablename__ = "multilateral_allocations"

    contribution_id: Mapped[uuid.UUID] = parent_key("multilateral_contributions.id")
    position: Mapped[int] = mapped_column(Integer)
    project: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300), default="")
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2))
