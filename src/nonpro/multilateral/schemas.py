"""Inputs and outputs of the multilateral capability (pydantic), shared by CLI, API and web."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nonpro.multilateral.rules import (
    Action,
    ClearanceStatus,
    ContributionStatus,
    DelegateRole,
    DocumentKind,
    Fund,
    InstructionState,
    LaunchOutcome,
    Pattern,
    VehicleClass,
)

Text = Field(min_length=1, max_length=300)


def _strip(value: str) -> str:
    return value.strip()


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- calendar -------------------------------------------------------------------------------


class SeedSession(_In):
    title: str
    start: dt.date
    end: dt.date
    venue: str | None = None
    confidence: str | None = None
    note: str = ""


class SeedBody(_In):
    code: str
    name: str
    organization: str
    venue: str
    lead_office: str
    usual_timing: str
    source: str
    confidence: str
    patterns: list[Pattern]
    sessions: list[SeedSession]


class SeedCalendar(_In):
    source_file: str
    as_of: dt.date
    bodies: list[SeedBody]


class BodyOut(_Out):
    code: str
    name: str
    organization: str
    venue: str
    lead_office: str
    usual_timing: str
    patterns: list[Pattern]
    source: str
    as_of: dt.date | None
    confidence: str


class MeetingIn(_In):
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

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} is before start_date {self.start_date}")
        return self


class MeetingUpdate(_In):
    """Edit a meeting; giving dates to a projected session confirms it (unless kept projected)."""

    title: str | None = Field(default=None, min_length=1, max_length=300)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    venue: str | None = Field(default=None, max_length=200)
    agenda: list[str] | None = None
    note: str | None = None
    confirm: bool = False


class DelegateIn(_In):
    name: str = Field(min_length=1, max_length=200)
    role: DelegateRole
    agency: str = Field(min_length=2, max_length=40, description="Agency code, e.g. STATE_ISN_MNSA")


class DelegateOut(_Out):
    id: uuid.UUID
    name: str
    role: DelegateRole
    agency: str


class VersionOut(_Out):
    number: int
    text: str
    note: str
    author: str
    created_at: dt.datetime


class DocumentIn(_In):
    kind: DocumentKind
    title: str = Text
    text: str = Field(min_length=1)
    note: str = ""


class VersionIn(_In):
    text: str = Field(min_length=1)
    note: str = ""


class DocumentOut(_Out):
    id: uuid.UUID
    meeting_id: uuid.UUID
    kind: DocumentKind
    title: str
    created_by: str
    versions: list[VersionOut]

    @property
    def current(self) -> VersionOut:
        return self.versions[-1]


class MeetingOut(_Out):
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


class InstructionIn(_In):
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


class StepIn(_In):
    """One step of the workflow: ``office`` for clear/comment, ``text`` for revise."""

    action: Action
    office: str | None = None
    note: str = ""
    text: str | None = None
    offices: list[str] | None = None


class ClearanceOut(_Out):
    position: int
    office: str
    status: ClearanceStatus
    by: str | None
    at: dt.datetime | None
    comment: str


class StepOut(_Out):
    action: Action
    state_after: InstructionState
    actor: str
    office: str | None
    note: str
    at: dt.datetime


class InstructionOut(_Out):
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


# --- HCOC -----------------------------------------------------------------------------------


class NotificationIn(_In):
    vehicle_class: VehicleClass
    window_opens: dt.datetime
    window_closes: dt.datetime
    launch_area: str = Field(min_length=1, max_length=200)
    general_direction: str = Field(min_length=1, max_length=100)
    notified_at: dt.datetime | None = Field(
        default=None, description="When the notice went to the Central Contact; now if omitted"
    )
    state: str = Field(default="USA", min_length=2, max_length=60)
    note: str = ""

    @field_validator("window_opens", "window_closes", "notified_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)  # a time without a zone is read as UTC
        return value

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.window_closes <= self.window_opens:
            raise ValueError("window_closes must be after window_opens")
        return self


class OutcomeIn(_In):
    outcome: LaunchOutcome
    launched_on: dt.date | None = None


class NotificationOut(_Out):
    id: uuid.UUID
    state: str
    vehicle_class: VehicleClass
    kind: str
    window_opens: dt.datetime
    window_closes: dt.datetime
    launch_area: str
    general_direction: str
    notified_at: dt.datetime
    lead_hours: float
    late: bool
    outcome: LaunchOutcome
    launched_on: dt.date | None
    note: str
    recorded_by: str


class PolicyIn(_In):
    ballistic_missile_policy: str = Field(min_length=1)
    space_launch_policy: str = Field(min_length=1)


class ClassCount(BaseModel):
    vehicle_class: VehicleClass
    kind: str
    launches: int


class Declaration(BaseModel):
    """The HCOC annual declaration for a year, built from the notifications recorded."""

    state: str
    year: int
    subscribing: bool
    subscribing_states: int
    ballistic_missile_policy: str | None
    space_launch_policy: str | None
    policy_year: int | None
    ballistic_missile_launches: int
    space_launch_vehicle_launches: int
    by_class: list[ClassCount]
    notifications: list[NotificationOut]
    late_notifications: int
    warnings: list[str]


# --- IAEA contributions ---------------------------------------------------------------------


class AllocationIn(_In):
    project: str = Field(min_length=1, max_length=60, description="IAEA project code")
    title: str = Field(default="", max_length=300)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)


class AllocationOut(_Out):
    project: str
    title: str
    amount: Decimal


class ContributionIn(_In):
    year: int = Field(ge=1957, le=2100)
    fund: Fund
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="US dollars")
    status: ContributionStatus = ContributionStatus.PLEDGED
    on: dt.date | None = Field(default=None, description="Date of the status; today if omitted")
    purpose: str = ""
    allocations: list[AllocationIn] = Field(default_factory=list)


class StatusIn(_In):
    status: ContributionStatus
    on: dt.date | None = None


class ContributionOut(_Out):
    id: uuid.UUID
    year: int
    fund: Fund
    fund_label: str
    amount: Decimal
    status: ContributionStatus
    pledged_on: dt.date | None
    obligated_on: dt.date | None
    disbursed_on: dt.date | None
    purpose: str
    allocated: Decimal
    unallocated: Decimal
    allocations: list[AllocationOut]


class TotalRow(BaseModel):
    year: int
    fund: Fund
    fund_label: str
    pledged: Decimal
    obligated: Decimal
    disbursed: Decimal
    total: Decimal


class Totals(BaseModel):
    rows: list[TotalRow]
    by_year: dict[int, Decimal]
    by_fund: dict[str, Decimal]
    grand_total: Decimal
