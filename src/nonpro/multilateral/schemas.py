"""Inputs and outputs of the multilateral capability (pydantic), shared by CLI, API and web."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from nonpro.core.inputs import Document, InputModel, OutputModel
from nonpro.multilateral.rules import (
    Action,
    ClearanceStatus,
    DelegateRole,
    DocumentKind,
    InstructionState,
    Pattern,
    date_problem,
    session_problem,
)

Text = Field(min_length=1, max_length=300)


def _strip(value: str) -> str:
    return value.strip()


# --- calendar -------------------------------------------------------------------------------


def calendar_day(day: dt.date | None) -> dt.date | None:
    """A day the calendar can hold (see ``rules.date_problem``)."""
    if day is not None and (problem := date_problem(day)):
        raise ValueError(problem)
    return day


def last_day(end: dt.date | None, info: ValidationInfo, first: str) -> dt.date | None:
    """A session's last day, checked against its first (field ``first``) when both are given;
    the problem is the last day's, so it is shown beside that field."""
    start = info.data.get(first)
    if end is not None and start is not None and (problem := session_problem(start, end)):
        raise ValueError(problem)
    return end


class SeedSession(InputModel):
    title: str
    start: dt.date
    end: dt.date

    _days = field_validator("start", "end")(calendar_day)

    @field_validator("end")
    @classmethod
    def _session(cls, end: dt.date, info: ValidationInfo) -> dt.date | None:
        return last_day(end, info, "start")

    venue: str | None = None
    confidence: str | None = None
    note: str = ""


class BodyDescription(BaseModel):
    """What a meeting body is: as the calendar file gives it, and as it is shown."""

    code: str
    name: str
    organization: str
    venue: str
    lead_office: str
    usual_timing: str


class SeedBody(InputModel, BodyDescription):
    source: str
    confidence: str
    patterns: list[Pattern]
    sessions: list[SeedSession]


class SeedCalendar(InputModel):
    source_file: str
    as_of: dt.date
    bodies: list[SeedBody]


class BodyOut(OutputModel, BodyDescription):
    patterns: list[Pattern]
    source: str
    as_of: dt.date | None
    confidence: str


class MeetingIn(InputModel):
    body: str = Field(min_length=1, max_length=40, description="Body code, e.g. IAEA-BOG")
    title: str = Text
    start_date: dt.date
    end_date: dt.date
    venue: str = Field(default="", max_length=200)
    agenda: list[str] = Field(default_factory=list)
    note: str = ""

    @field_validator("agenda")
    @classmethod
    def _agenda(cls, items: list[str]) -> list[str]:
        return [item.strip() for item in items if item.strip()]

    _days = field_validator("start_date", "end_date")(calendar_day)

    @field_validator("end_date")
    @classmethod
    def _session(cls, end: dt.date, info: ValidationInfo) -> dt.date | None:
        return last_day(end, info, "start_date")


class MeetingUpdate(InputModel):
    """Edit a meeting; giving dates to a projected session confirms it (unless kept projected)."""

    title: str | None = Field(default=None, min_length=1, max_length=300)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    venue: str | None = Field(default=None, max_length=200)
    agenda: list[str] | None = None
    note: str | None = None
    confirm: bool = False

    _days = field_validator("start_date", "end_date")(calendar_day)


class DelegateIn(InputModel):
    name: str = Field(min_length=1, max_length=200)
    role: DelegateRole
    agency: str = Field(min_length=2, max_length=40, description="Agency code, e.g. STATE_ISN_MNSA")


class DelegateOut(OutputModel):
    id: uuid.UUID
    name: str
    role: DelegateRole
    agency: str


class VersionOut(OutputModel):
    number: int
    text: str
    note: str
    author: str
    created_at: dt.datetime


class DocumentIn(InputModel):
    kind: DocumentKind
    title: str = Text
    text: Document = Field(min_length=1)
    note: str = ""


class VersionIn(InputModel):
    text: Document = Field(min_length=1)
    note: str = ""


class DocumentOut(OutputModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    kind: DocumentKind
    title: str
    created_by: str
    versions: list[VersionOut]

    @property
    def current(self) -> VersionOut:
        return self.versions[-1]


class MeetingOut(OutputModel):
    id: uuid.UUID
    body: str
    body_name: str
    title: str
    start_date: dt.date
    end_date: dt.date
    venue: str
    agenda: list[str]
    projected: bool
    source: str
    as_of: dt.date | None
    confidence: str
    note: str
    delegates: list[DelegateOut] = Field(default_factory=list)


# --- instructions ---------------------------------------------------------------------------


class InstructionIn(InputModel):
    title: str = Text
    mission: str = Field(min_length=1, max_length=200, description="e.g. USMISSION UNVIE")
    text: str = Field(min_length=1)
    offices: list[str] = Field(description="The offices that clear, in order")

    @field_validator("offices")
    @classmethod
    def _offices(cls, offices: list[str]) -> list[str]:
        cleaned = [office.strip() for office in offices if office.strip()]
        if len({office.upper() for office in cleaned}) != len(cleaned):
            raise ValueError("an office appears twice in the clearance list")
        return cleaned


class StepIn(InputModel):
    """One step of the workflow: ``office`` for clear/comment, ``text`` for revise."""

    action: Action
    office: str | None = None
    note: str = ""
    text: str | None = None
    offices: list[str] | None = None


class ClearanceOut(OutputModel):
    position: int
    office: str
    status: ClearanceStatus
    by: str | None
    at: dt.datetime | None
    comment: str


class StepOut(OutputModel):
    action: Action
    state_after: InstructionState
    actor: str
    office: str | None
    note: str
    at: dt.datetime


class InstructionOut(OutputModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    title: str
    mission: str
    state: InstructionState
    drafted_by: str
    document: DocumentOut
    clearances: list[ClearanceOut]
    steps: list[StepOut]
    allowed: list[Action]
    next_office: str | None


class ClearingOfficerIn(InputModel):
    """Who may clear instructions for an office (an office may have several clearing officers)."""

    office: str = Field(min_length=1, max_length=100, description="e.g. L/NPV")
    username: str = Field(min_length=1, max_length=200)

    @field_validator("office")
    @classmethod
    def _office(cls, office: str) -> str:
        return office.upper()  # offices are compared without regard to case

    @field_validator("username")
    @classmethod
    def _username(cls, username: str) -> str:
        return username.lower()  # as accounts stores it


class ClearingOfficerOut(OutputModel):
    id: uuid.UUID
    office: str
    username: str
    appointed_by: str
    appointed_at: dt.datetime
