"""What goes in and out of the cases services: the case JSON, summaries, the assessment."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from nonpro.cases.rules import (
    CaseType,
    Decision,
    PartyRole,
    Recommendation,
    SharedKind,
    Status,
    normal_annex_entry,
)
from nonpro.core.inputs import Code, Day, InputSchema, Name, PartialDay

FindingKind = Literal["classification", "screening", "sanctions", "destination", "catch_all"]
ParameterValue = float | int | bool | str


# --- the case JSON ---------------------------------------------------------------------------


class PartyIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    role: PartyRole
    name: str = Field(min_length=1, max_length=500)
    country: str | None = Field(default=None, description="ISO alpha-2, alpha-3 or a name")
    address: str | None = None
    dob: PartialDay | None = None
    identifiers: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class ItemIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=3, description="as the application gives it")
    quantity: float | None = Field(default=None, ge=0)
    value_usd: float | None = Field(default=None, ge=0)
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    control_numbers: list[str] = Field(default_factory=list, description="declared, e.g. 9A004")


class CaseIn(InputSchema):
    """A case as the application gives it (the shared case JSON shape)."""

    model_config = ConfigDict(extra="forbid")

    reference: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
    type: CaseType
    destination: str = Field(min_length=2, description="ISO alpha-2, alpha-3 or a name")
    end_use: str = ""
    applicant: str | None = Field(default=None, description="defaults to the applicant party")
    parties: list[PartyIn] = Field(default_factory=list)
    items: list[ItemIn] = Field(default_factory=list)


class CaseUpdate(CaseIn):
    """A new version of the case's facts; ``version`` is the one the editor read."""

    version: int


class TransitionIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    to: Status
    version: int = Field(description="the version the caller read; a stale one gets 409")
    decision: Decision | None = Field(default=None, description="required when going to decided")
    provisos: list[str] = Field(default_factory=list, description="proviso ids, for provisos")
    note: str = Field(default="", max_length=4000)
    justification: str = Field(
        default="",
        max_length=8000,
        description="the decider's written grounds; required when the decision departs from "
        "the recommendation",
    )


class ProposalIn(InputSchema):
    """A decision proposed for a second person's countersignature."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(description="the version the caller read; a stale one gets 409")
    decision: Decision
    provisos: list[str] = Field(default_factory=list, description="proviso ids, for provisos")
    note: str = Field(default="", max_length=4000)
    justification: str = Field(default="", max_length=8000)


class ProposalAnswerIn(InputSchema):
    """A countersignature, or a proposal sent back (then the note says why)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    note: str = Field(default="", max_length=4000)


class GateExceptionIn(InputSchema):
    """An exception to the case's hard stops as they stand, naming its legal basis."""

    model_config = ConfigDict(extra="forbid")

    version: int
    legal_basis: str = Field(
        min_length=1,
        max_length=4000,
        description="the authority the exception rests on, e.g. a waiver and its citation",
    )
    note: str = Field(default="", max_length=4000)

    @field_validator("legal_basis")
    @classmethod
    def _basis_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name the legal basis of the exception")
        return value.strip()


class HitDispositionIn(InputSchema):
    """A reviewer's decision on a case party's screening hit."""

    model_config = ConfigDict(extra="forbid")

    party: int = Field(ge=0, description="the party's position in the case (0 first)")
    entry_id: str = Field(min_length=3, description="'<list>:<publisher's id>' of the hit")
    decision: Literal["true_match", "false_positive", "escalate"]
    note: str = Field(default="", max_length=4000)


class AssignmentIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    assignee: str | None = Field(description="a user name, or null to unassign")
    version: int


# --- out ---------------------------------------------------------------------------------------


class Finding(BaseModel):
    kind: FindingKind
    summary: str
    evidence: list[str]
    source: str
    rule: str = ""
    severity: Literal["high", "medium", "low", "info"] = "info"
    subject: str = Field(default="", description="the item or party the finding is about")
    entry_id: str | None = Field(default=None, description="the list entry of a screening hit")
    party: int | None = Field(default=None, description="the party's position, for a hit")
    hit_state: Literal["confirmed", "possible", "escalated", "dismissed"] | None = Field(
        default=None, description="a screening hit's state as reviewed (decision gates read it)"
    )
    # A hit's entity as the list names it, and the reviewers' decisions on it (newest last);
    # absent from assessments made before they were recorded.
    listed_name: str | None = Field(default=None, description="the entry's name, for a hit")
    list_source: str | None = Field(default=None, description="the list, e.g. 'un', for a hit")
    decisions: list[HitDecisionOut] = Field(default_factory=list)


class HitDecisionOut(BaseModel):
    """A reviewer's decision on a hit as the case shows it."""

    decision: str  # true_match, false_positive, escalate
    by: str
    at: datetime
    note: str = Field(description="empty unless written on this case (a note is its case's)")
    current: bool = Field(description="False once the entry changed since the decision")


class FactorAssessment(BaseModel):
    """One MTCR Guidelines para 3 factor, with what was found for it."""

    factor: str
    weighs: Literal["favourable", "neutral", "adverse"]
    evidence: list[str]


class RuleOutcome(BaseModel):
    rule: str
    recommendation: Recommendation | None = Field(description="None: considered, did not fire")
    text: str
    basis: str


class Assessment(BaseModel):
    reference: str
    as_of: date
    recommendation: Recommendation
    findings: list[Finding]
    reasons: list[str] = Field(description="every rule that fired and every factor considered")
    rules: list[RuleOutcome]
    factors: list[FactorAssessment]
    provisos: list[str] = Field(description="proviso ids suggested with the recommendation")
    flags: list[str]
    lists: dict[str, str] = Field(
        default_factory=dict, description="each list the parties were screened against → snapshot"
    )


class PartyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: str
    name: str
    country: str | None
    address: str | None
    dob: str | None
    identifiers: list[str]


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    description: str
    quantity: float | None
    value_usd: float | None
    parameters: dict[str, Any]
    control_numbers: list[str]
    annex_item: str | None
    category: str | None


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    action: str
    from_status: str | None
    to_status: str | None
    note: str


GateKind = Literal[
    "stale_assessment",
    "justification",
    "category_i",
    "listed_party",
    "embargo",
    "no_undercut",
    "undecided_hit",
    "open_referral",
    "pending_escalation",
    "defense_referral",
    "intent_to_deny",
    "assurances",
]


class GateReason(BaseModel):
    """One reason a decision cannot be taken (yet), with the source it rests on."""

    model_config = ConfigDict(frozen=True)

    kind: GateKind
    text: str
    source: str = Field(description="the Annex item, list entry, referral or statute relied on")
    key: str = Field(default="", description="a hard stop's key, which an exception names")
    field: str | None = Field(default=None, description="the input field that would cure it")
    hard_stop: bool = Field(default=False, description="curable only by a recorded exception")
    excepted_by: str | None = Field(
        default=None, description="a hard stop covered by an exception: who recorded it"
    )


class ProposalOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    decision: str
    provisos: list[str]
    justification: str
    note: str
    recommendation: str | None
    state: str
    proposed_by: str
    proposed_at: datetime
    answered_by: str | None
    answered_at: datetime | None
    answer_note: str


class GateExceptionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    stops: list[str]
    stop_texts: list[str]
    legal_basis: str
    note: str
    recorded_by: str
    recorded_at: datetime


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    type: str
    status: str
    destination: str
    applicant: str | None
    assignee: str | None
    created_at: datetime
    due_date: date | None
    recommendation: str | None
    decision: str | None
    flags: list[str] = Field(validation_alias="flag_list")
    version: int


class StatutoryStepOut(BaseModel):
    """A Defense referral, an intent-to-deny notice or an appeal, with its deadline."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    on: date
    deadline: date | None
    note: str
    response: str
    responded_on: date | None
    recorded_by: str
    recorded_at: datetime


class AssuranceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    government: str
    requested_on: date
    requested_by: str
    received_on: date | None
    reference: str
    received_by: str | None


class ClockOut(BaseModel):
    """The NSPD-56 60-day adjudication target of a munitions case (``cases.statutory``)."""

    received: date | None
    days_used: int | None
    days_remaining: int | None
    exceptions: list[str] = Field(description="the published exceptions that apply now")
    source: str
    note: str = Field(description="what the clock does not know or the law does not say")


class StatutoryStepIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["defense_referral", "intent_to_deny", "appeal"]
    on: date
    note: str = ""


class StepResponseIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    on: date
    response: str = Field(min_length=1)


class AssuranceRequestIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["end_use", "no_retransfer", "no_wmd_delivery"]
    government: str = Field(min_length=2, max_length=2, description="ISO alpha-2 code")
    on: date


class AssuranceReceiptIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    on: date
    reference: str = Field(min_length=1, description="the assurance's text or its reference")


class AssurancesRequiredIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    required: bool


class CaseOut(CaseSummary):
    end_use: str
    submitted_at: datetime | None
    paused_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str
    decision_justification: str
    countersigned_by: str | None
    provisos: list[str]
    proposals: list[ProposalOut]
    gate_exceptions: list[GateExceptionOut]
    assurances_required: bool = False
    statutory_steps: list[StatutoryStepOut] = Field(default_factory=list)
    assurances: list[AssuranceOut] = Field(default_factory=list)
    nspd56_clock: ClockOut | None = None
    parties: list[PartyOut]
    items: list[ItemOut]
    documents: list[DocumentOut]
    events: list[EventOut]
    assessment: Assessment | None
    assessment_stale: bool = Field(
        default=False, description="the active lists changed since the assessment"
    )
    allowed_transitions: list[str] = Field(default_factory=list)


class CaseFilter(InputSchema):
    """Search and queues: every field narrows; all empty lists every case."""

    model_config = ConfigDict(extra="forbid")

    queue: Literal["all", "mine", "unassigned", "deadline"] = "all"
    status: Status | None = None
    type: CaseType | None = None
    destination: str | None = None
    annex_item: str | None = None
    category: Literal["I", "II"] | None = None
    party: str | None = None
    assignee: str | None = None
    flag: str | None = None
    recommendation: Recommendation | None = None
    created_from: date | None = None
    created_to: date | None = None
    limit: int = Field(default=200, ge=1, le=1000)


class Facets(BaseModel):
    status: dict[str, int]
    destination: dict[str, int]
    category: dict[str, int]
    annex_item: dict[str, int]
    flag: dict[str, int]
    recommendation: dict[str, int]


class Proviso(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]+$")
    title: str
    text: str
    basis: str
    source: str


# --- precedents (cases/precedents.py) ----------------------------------------------------------


class SharedAttribute(BaseModel):
    """One attribute a precedent shares with the case, in words, and what it weighs."""

    kind: SharedKind
    text: str = Field(description='e.g. "same Annex entry 2.A.1.c", "same end user …"')
    weight: int


class Precedent(BaseModel):
    """A decided case with its decision: outcome, date, decider, and the grounds given."""

    id: uuid.UUID
    reference: str
    type: str
    destination: str
    decision: str
    decided_at: datetime | None
    decided_by: str | None
    countersigned_by: str | None
    recommendation: str | None = Field(description="the recommendation the decider had")
    followed_recommendation: bool | None = Field(description="None: no recommendation on record")
    justification: str
    note: str
    provisos: list[str]
    grounds: list[str] = Field(description="the decision's grounds in words")
    annex_entries: list[str]
    end_users: list[str]
    shared: list[SharedAttribute] = Field(
        default_factory=list, description="what it shares with the case (similar cases only)"
    )
    score: int = Field(default=0, description="the sum of the shared attributes' weights")


class PrecedentsOut(BaseModel):
    """The decided cases most like a case, best first, each saying what it shares."""

    case: str
    case_id: uuid.UUID
    precedents: list[Precedent]
    total: int = Field(description="decided cases sharing at least one attribute, of those seen")
    basis: str = Field(description="how precedents are chosen and ranked")
    notes: list[str] = Field(description="what the case lacks for a comparison")


class PrecedentSearch(InputSchema):
    """A search of decided cases: every field narrows; all empty lists every decided case."""

    model_config = ConfigDict(extra="forbid")

    annex_item: Code | None = Field(
        default=None, description="an Annex entry; finds it and the entries under it"
    )
    end_user: Name | None = Field(default=None, description="part of an end user's name")
    destination: Name | None = Field(default=None, description="ISO alpha-2, alpha-3 or a name")
    outcome: Decision | None = None
    type: CaseType | None = None
    decided_from: Day | None = None
    decided_to: Day | None = None
    limit: int = Field(default=50, ge=1, le=500)

    @field_validator("annex_item")
    @classmethod
    def _annex_number(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        entry = normal_annex_entry(value)
        if entry is None:
            raise ValueError(f"{value.strip()[:40]!r} is not an Annex entry (e.g. 2.A.1.c)")
        return entry

    @field_validator("end_user", "destination")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("decided_to")
    @classmethod
    def _range_in_order(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("decided_from")
        if value is not None and start is not None and value < start:
            raise ValueError(f"must not be before decided from ({start})")
        return value


class PrecedentSearchOut(BaseModel):
    criteria: list[str] = Field(description="the search in words")
    precedents: list[Precedent]
    total: int = Field(description="decided cases matching, of those the reader may see")
