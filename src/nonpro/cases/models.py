"""Tables of the cases capability: cases, their parties, items, documents and history.

``Case.version`` is SQLAlchemy's version counter: every UPDATE says ``WHERE version = <read>``,
so of two writers who read the same version the second changes nothing and gets a conflict.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, Username, UTCDateTime, UUIDPrimaryKey, WrittenAt, parent_key


class Case(UUIDPrimaryKey, Base):
    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(60), unique=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(40), index=True)
    destination: Mapped[str] = mapped_column(String(2), index=True)  # ISO alpha-2
    end_use: Mapped[str] = mapped_column(Text, default="")
    applicant: Mapped[str | None] = mapped_column(Text, nullable=True)
    assignee: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    created_by: Mapped[Username]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[WrittenAt]
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # While on hold the clock is stopped; resuming moves the due date by the days held.
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(40), nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # Two-person approval: the decider's written grounds and who countersigned (cases.gates).
    decision_justification: Mapped[str] = mapped_column(Text, default="")
    countersigned_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    provisos: Mapped[list[str]] = mapped_column(JSON, default=list)
    recommendation: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Space-delimited (" category_i list_hit "), so "by flag" is one LIKE on either backend.
    flags: Mapped[str] = mapped_column(Text, default=" ")
    # Set by an analyst when the recommendation or provisos call for government-to-government
    # assurances (MTCR Guidelines para 5): approval then waits for every one (cases.statutory).
    assurances_required: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseParty.position"
    )
    items: Mapped[list[CaseItem]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseItem.position"
    )
    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseDocument.uploaded_at"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.at"
    )
    proposals: Mapped[list[DecisionProposal]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="DecisionProposal.proposed_at"
    )
    gate_exceptions: Mapped[list[GateException]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="GateException.recorded_at"
    )
    statutory_steps: Mapped[list[StatutoryStep]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="StatutoryStep.recorded_at"
    )
    assurances: Mapped[list[Assurance]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Assurance.requested_on"
    )

    # The services bump ``version`` on a person's edit only: a re-assessment after a list update
    # rewrites the findings without making an analyst's open form stale. Every UPDATE still
    # carries ``WHERE version = <read>``.
    __mapper_args__ = {  # noqa: RUF012  (SQLAlchemy reads a plain dict)
        "version_id_col": version,
        "version_id_generator": False,
    }

    @property
    def flag_list(self) -> list[str]:
        return self.flags.split()


class CaseParty(UUIDPrimaryKey, Base):
    __tablename__ = "case_parties"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text, index=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    address: Mapped[str | None] = mapped_column(Text, nullable=True)
    dob: Mapped[str | None] = mapped_column(String(10), nullable=True)
    identifiers: Mapped[list[str]] = mapped_column(JSON, default=list)

    case: Mapped[Case] = relationship(back_populates="parties")


class CaseItem(UUIDPrimaryKey, Base):
    __tablename__ = "case_items"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[float | None] = mapped_column(Float, nullable=True)
    value_usd: Mapped[float | None] = mapped_column(Float, nullable=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    control_numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Written by the assessment, so the facets "Annex item" and "category" are plain columns.
    annex_item: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    category: Mapped[str | None] = mapped_column(String(4), nullable=True, index=True)

    case: Mapped[Case] = relationship(back_populates="items")


class CaseDocument(UUIDPrimaryKey, Base):
    """A document kept in the database itself: one backup, one transaction, both backends."""

    __tablename__ = "case_documents"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[Username]
    uploaded_at: Mapped[WrittenAt]

    case: Mapped[Case] = relationship(back_populates="documents")


class CaseEvent(UUIDPrimaryKey, Base):
    """One line of the case's history as shown on its page (the audit log holds the proof)."""

    __tablename__ = "case_events"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    at: Mapped[WrittenAt]
    actor: Mapped[Username]
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(40), nullable=True)
    to_status: Mapped[str | None] = mapped_column(String(40), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="events")


class CaseAgencyAccess(UUIDPrimaryKey, Base):
    """An agency whose representatives may see the case (granted when it is referred to them)."""

    __tablename__ = "case_agency_access"
    __table_args__ = (UniqueConstraint("case_id", "agency_code"),)

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    agency_code: Mapped[str] = mapped_column(String(40), index=True)
    granted_at: Mapped[WrittenAt]
    granted_by: Mapped[Username]


class DecisionProposal(UUIDPrimaryKey, Base):
    """A decision proposed by one officer, in force only once a second person countersigns it.

    Rows are kept whatever becomes of them (countersigned, rejected, withdrawn): the history of
    who proposed what and who signed or sent it back."""

    __tablename__ = "case_decision_proposals"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    decision: Mapped[str] = mapped_column(String(40))
    provisos: Mapped[list[str]] = mapped_column(JSON, default=list)
    justification: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(40), nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    proposed_by: Mapped[Username]
    proposed_at: Mapped[WrittenAt]
    answered_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer_note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="proposals")


class GateException(UUIDPrimaryKey, Base):
    """An audited exception to the hard stops of a case (the keys it covers), with its legal
    basis. It covers only the stops named: a stop found later needs an exception of its own."""

    __tablename__ = "case_gate_exceptions"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    stops: Mapped[list[str]] = mapped_column(JSON, default=list)  # GateReason keys
    stop_texts: Mapped[list[str]] = mapped_column(JSON, default=list)  # as read when recorded
    legal_basis: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]

    case: Mapped[Case] = relationship(back_populates="gate_exceptions")


class StatutoryStep(UUIDPrimaryKey, Base):
    """A step the law puts before (or after) a decision: the AECA §71(b)(1) referral to
    Defense, a Commerce intent-to-deny notice (15 CFR 750.6), an appeal (15 CFR Part 756).
    ``on`` is the step's date; ``deadline`` the date a response or an appeal is due by."""

    __tablename__ = "case_statutory_steps"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    kind: Mapped[str] = mapped_column(String(40), index=True)
    on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]

    case: Mapped[Case] = relationship(back_populates="statutory_steps")


class Assurance(UUIDPrimaryKey, Base):
    """A government-to-government assurance the case needs (end use, no retransfer, no use in
    WMD delivery): requested from a government on a date, received on a date with its text."""

    __tablename__ = "case_assurances"

    case_id: Mapped[uuid.UUID] = parent_key("cases.id")
    kind: Mapped[str] = mapped_column(String(40))
    government: Mapped[str] = mapped_column(String(2))  # ISO alpha-2 of the giving government
    requested_on: Mapped[date] = mapped_column(Date)
    requested_by: Mapped[Username]
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reference: Mapped[str] = mapped_column(Text, default="")
    received_by: Mapped[str | None] = mapped_column(String(200), nullable=True)

    case: Mapped[Case] = relationship(back_populates="assurances")
