"""What goes in and out of the interagency services."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nonpro.core.inputs import InputSchema
from nonpro.interagency.clock import Deadline
from nonpro.interagency.rules import (
    AdviceKind,
    Level,
    Majority,
    Outcome,
    Scope,
    SignerRole,
    Standing,
    VoteChoice,
)

_Text = Field(default="", max_length=8000)


def _strip_all(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()]


class GroupIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,19}$")
    name: str = Field(min_length=2, max_length=200)
    purpose: str = ""
    chair_agency: str
    members: list[str] = Field(min_length=1)
    quorum: int = Field(ge=1, description="voting agencies present for a vote to count")
    majority: Majority = Majority.SIMPLE
    non_voting: list[str] = Field(
        default_factory=list,
        description="members that advise but do not vote (e.g. the intelligence community)",
    )

    @model_validator(mode="after")
    def _quorum_fits(self) -> GroupIn:
        strangers = [a for a in self.non_voting if a not in self.members]
        if strangers:
            raise ValueError(f"non-voting {', '.join(strangers)} must be members of the group")
        voters = len(self.members) - len(set(self.non_voting))
        if self.quorum > voters:
            raise ValueError(f"quorum {self.quorum} exceeds the {voters} voting members")
        return self


class GroupOut(GroupIn):
    model_config = ConfigDict(from_attributes=True, extra="ignore")

    active: bool = True


class ReferralIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    case: str = Field(description="the case's id or reference")
    group: str = Field(description="group code, e.g. MTEC")
    agencies: list[str] = Field(
        default_factory=list,
        description="agencies due to advise; default: all members but the chair",
    )
    referred_on: date | None = Field(default=None, description="default: today")
    registered_on: date | None = Field(default=None, description="BIS registration, if known")
    note: str = _Text


class ReferralRequestIn(InputSchema):
    """An analyst asks a group to take a case; the group's chair accepts or declines."""

    model_config = ConfigDict(extra="forbid")

    case: str = Field(min_length=1, description="the case's id or reference")
    group: str = Field(min_length=1, description="group code, e.g. MTEC")
    note: str = _Text


class RequestAnswerIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(default="", max_length=8000, description="required to decline")


class ReferralRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_reference: str
    group: str
    note: str
    requested_by: str
    requested_at: datetime
    state: str
    answered_by: str | None
    answered_at: datetime | None
    answer_note: str
    referral_id: uuid.UUID | None


class AdviceIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(default=None, description="default: the representative's agency")
    kind: AdviceKind
    scope: Scope = Scope.CASE
    position: int = Field(default=0, ge=0, description="the item's or party's position")
    provisos: list[str] = Field(default_factory=list, description="proviso ids from the library")
    written_provisos: list[str] = Field(default_factory=list, description="provisos in words")
    reasons: list[str] = Field(default_factory=list)
    rationale: str = _Text
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=100)

    _clean = field_validator("written_provisos", "reasons")(_strip_all)

    @model_validator(mode="after")
    def _fits_the_kind(self) -> AdviceIn:
        has_provisos = bool(self.provisos or self.written_provisos)
        if self.kind == AdviceKind.APPROVE_WITH_PROVISOS and not has_provisos:
            raise ValueError("an approval with provisos names at least one proviso")
        if self.kind != AdviceKind.APPROVE_WITH_PROVISOS and has_provisos:
            raise ValueError(f"provisos go with approve_with_provisos, not {self.kind.value}")
        if self.kind == AdviceKind.DENY and not self.reasons:
            raise ValueError("a denial gives its reasons")
        if self.kind == AdviceKind.REQUEST_INFORMATION and not (self.reasons or self.rationale):
            raise ValueError("say what information is missing")
        if self.scope == Scope.CASE and self.position:
            raise ValueError("advice on the whole case has no position")
        return self


class AdviceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    agency_code: str
    scope: Scope
    position: int
    kind: AdviceKind
    provisos: list[str]
    written_provisos: list[str]
    reasons: list[str]
    rationale: str
    advised_by: str
    advised_at: datetime
    due_on: date
    late: bool


class PositionOut(BaseModel):
    agency: str
    standing: Standing
    kind: AdviceKind | None = None
    advice: AdviceOut | None = None
    inherited: bool = Field(default=False, description="the agency's advice on the whole case")


class ScopeView(BaseModel):
    scope: Scope
    position: int
    label: str
    outcome: Outcome
    complete: bool
    provisos: list[str]
    deniers: list[str]
    explanation: str
    positions: list[PositionOut]


class HoldOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    started_on: date
    ended_on: date | None
    reason: str
    agency_code: str | None
    started_by: str
    expires_on: date | None = None


class EscalationIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    level: Level
    agency: str | None = Field(default=None, description="default: the representative's agency")
    reasons: str = Field(min_length=3, max_length=8000)
    signed_by: str = Field(default="", max_length=200, description="the official who signs")
    signer_role: SignerRole | None = Field(
        default=None,
        description="the signer's office: an appeal to the ACEP needs a PAS official (or the "
        "agency head), to the EARB or the President the head of the department or agency",
    )
    escalated_on: date | None = None


class EscalationDecisionIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    outcome: VoteChoice
    note: str = _Text
    decided_on: date | None = None


class EscalationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    agency_code: str
    level: Level
    escalated_by: str
    signed_by: str
    signer_role: str | None = None
    escalated_on: date
    reasons: str
    appeal_due: date
    decision_due: date | None
    late: bool
    outcome: str | None
    outcome_note: str
    decided_on: date | None
    decided_by: str | None


class CaseEscalationOut(EscalationOut):
    """An escalation as the case page shows it: with the group whose referral it is."""

    referral_id: uuid.UUID
    group: str


class ReferralSummary(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    case_status: str
    destination: str
    group: str
    referred_on: date
    agencies: list[str]
    due_on: date = Field(description="agency recommendations due (holds included)")
    late_agencies: list[str]
    answered: list[str]
    reminded: list[str] = Field(default_factory=list, description="agencies sent a reminder")
    on_hold: bool


class ConsolidatedView(BaseModel):
    referral: ReferralSummary
    case_recommendation: str | None
    outcome: Outcome
    conflict: bool
    scopes: list[ScopeView]
    history: list[AdviceOut]
    holds: list[HoldOut]
    escalations: list[EscalationOut]
    deadlines: list[Deadline]
    reminders: list[ReminderOut]


class ReminderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    due_on: date
    sent_at: datetime
    sent_by: str
    note: str


class MeetingIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    group: str
    held_on: date
    title: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=200)
    cases: list[str] = Field(default_factory=list, description="case ids or references")


class AttendanceIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    agency: str
    representative: str = Field(default="", max_length=200)
    present: bool = True


class VoteIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    case: str
    agency: str
    choice: VoteChoice
    reasons: str = _Text


class DissentIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    case: str
    agency: str | None = None
    reasons: str = Field(min_length=3, max_length=8000)


class RecommendationIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    case: str
    recommendation: VoteChoice
    reasons: str = Field(min_length=3, max_length=8000)
    provisos: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_abstaining(self) -> RecommendationIn:
        if self.recommendation == VoteChoice.ABSTAIN:
            raise ValueError("the chair recommends approve, approve_with_provisos or deny")
        if self.recommendation == VoteChoice.APPROVE_WITH_PROVISOS and not self.provisos:
            raise ValueError("an approval with provisos names at least one proviso")
        return self


class VoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    choice: VoteChoice
    reasons: str
    recorded_by: str


class DissentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    reasons: str
    recorded_by: str
    recorded_at: datetime


class AgendaItemOut(BaseModel):
    position: int
    referral_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    votes: list[VoteOut]
    outcome: VoteChoice | None
    quorate: bool
    tally: str
    dissenters: list[str] = Field(description="agencies that voted against the outcome")
    dissents: list[DissentOut]
    recommendation: VoteChoice | None
    recommendation_reasons: str
    provisos: list[str]
    recommended_by: str | None


class AttendanceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    representative: str
    present: bool


class MeetingOut(BaseModel):
    id: uuid.UUID
    group: str
    group_name: str
    held_on: date
    title: str
    location: str
    quorum: int
    majority: Majority
    non_voting: list[str] = Field(
        default_factory=list, description="members that advise here but do not vote"
    )
    attendance: list[AttendanceOut]
    agenda: list[AgendaItemOut]


ConsolidatedView.model_rebuild()
