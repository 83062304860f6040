"""What goes in and out of the sanctions services: facts, evaluations, determinations."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nonpro.controls.schemas import ItemDescription
from nonpro.core.inputs import InputSchema
from nonpro.sanctions.statutes import AUTHORITY_CODES, MEASURE_CODES
from nonpro.screening.schemas import PartyNewHit

ActivityKind = Literal["export", "transfer", "conspiracy", "attempt", "facilitation"]


class _In(InputSchema):
    model_config = ConfigDict(extra="forbid")


# --- facts of a reported activity --------------------------------------------------------------


class PersonFacts(_In):
    name: str = Field(min_length=1)
    nationality: str | None = Field(default=None, description="country name or ISO code")
    us_person: bool
    government_entity: bool = Field(
        default=False, description="a government entity (operating as a business enterprise)"
    )


class ActivityFacts(_In):
    kind: ActivityKind
    knowing: bool
    # Every dated fact (MTCR adherence, terrorism designation, the statutes' start dates) is
    # decided as of this day; without it the evaluation uses its own date and says so.
    date: dt.date | None = Field(default=None, description="the day of the activity")


class ItemFacts(_In):
    annex_item: str | None = Field(default=None, description="MTCR Annex entry, e.g. 2.A.1.d")
    description: ItemDescription | str | None = Field(
        default=None, description="text (or an ItemDescription) the controls classifier reads"
    )

    @model_validator(mode="after")
    def _one_of(self) -> ItemFacts:
        if (self.annex_item is None) == (self.description is None):
            raise ValueError("give exactly one of annex_item or description")
        return self


class DestinationFacts(_In):
    country: str = Field(min_length=2, description="the country whose missile program it served")
    end_user_country: str | None = None
    # The statute's "adherent" includes countries under an international understanding with the
    # U.S. (22 U.S.C. 2797c), which the regime data does not list: the officer may say so here.
    # Also the officer's answer where the regime data cannot say (a join date known only as a
    # year): the evaluation then asks for it as "information needed".
    mtcr_adherent: bool | None = Field(default=None, description="overrides the regime data")
    end_user_mtcr_adherent: bool | None = Field(
        default=None, description="the end user's country: overrides the regime data"
    )


class Facts(_In):
    """A reported activity as the sanctions officer knows it."""

    person: PersonFacts
    activity: ActivityFacts
    item: ItemFacts
    destination: DestinationFacts
    substantial_contribution: bool = False
    authorized_by_adherent: bool = False
    # Optional: known only in some cases; each defaults to "not established".
    material_contribution: bool | None = Field(
        default=None, description="EO 12938/13382 standard; defaults to substantial_contribution"
    )
    authorization_by_fraud: bool = False
    adherent_enforcement_action: bool = False
    advisory_opinion: bool = Field(default=False, description="favorable opinion relied on")


# --- the evaluation ----------------------------------------------------------------------------


class TermOut(BaseModel):
    years: int
    minimum: bool


class MeasureOut(BaseModel):
    code: str
    scope: str
    term: TermOut | None
    paragraph: str
    citation: str
    unverified: str | None = None


class ExceptionOut(BaseModel):
    code: str
    applies: bool
    text: str
    why: str
    citation: str
    unverified: str | None = None


class NoticePeriod(BaseModel):
    days: int | None
    working_days: bool
    to: list[str]
    form: str


class WaiverOut(BaseModel):
    code: str
    text: str
    notice: NoticePeriod
    citation: str
    unverified: str | None = None


class InformationNeeded(BaseModel):
    """A dated fact the data cannot settle: the evaluation asks rather than assumes."""

    fact: str
    field: str = Field(description="the input whose answer settles it")
    date: dt.date
    why: str


class AuthorityResult(BaseModel):
    authority: str
    title: str
    applies: bool | None = Field(description="None: undecided until the information needed")
    mandatory: bool
    measures: list[MeasureOut]
    exceptions: list[ExceptionOut]
    waivers: list[WaiverOut]
    citations: list[str]
    reasons: list[str]
    extends_to: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    unverified: list[str] = Field(default_factory=list)
    information_needed: list[str] = Field(default_factory=list)


class ItemOut(BaseModel):
    annex_item: str | None
    category: Literal["I", "II"] | None
    title: str | None
    how: str
    annex_version: str
    unverified: str | None = None
    missing: list[str] = Field(default_factory=list, description="what the classifier needs")


class DestinationOut(BaseModel):
    country: str
    country_name: str
    mtcr_adherent: bool | None = Field(description="on the facts' date; None: unknown")
    state_sponsor_of_terrorism: bool
    evidence: list[str]
    end_user_country: str | None
    end_user_adherent: bool | None


class Evaluation(BaseModel):
    as_of: date = Field(description="the evaluation's date (today unless given)")
    facts_date: date = Field(description="the day every dated fact is decided as of")
    facts_date_basis: str = Field(description="why that day: the activity's, or the evaluation's")
    person: str
    item: ItemOut
    destination: DestinationOut
    authorities: list[AuthorityResult]
    unverified: list[str] = Field(description="every unverified fact an applying result rests on")
    information_needed: list[InformationNeeded] = Field(default_factory=list)
    summary: str


# --- the register ------------------------------------------------------------------------------


class EntityIn(_In):
    name: str = Field(min_length=1, max_length=500)
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    entity_type: Literal["organization", "person"] = "organization"
    sub_units_and_successors: bool = True
    government_activities: bool = Field(
        default=False, description="the law extends to the government's activities (nonmarket)"
    )


class AuthorityCitation(_In):
    authority: str
    paragraphs: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known(self) -> AuthorityCitation:
        if self.authority not in AUTHORITY_CODES:
            raise ValueError(
                f"unknown authority {self.authority!r}; known: {', '.join(AUTHORITY_CODES)}"
            )
        return self


class TermIn(_In):
    years: int = Field(ge=0, le=50)
    months: int = Field(default=0, ge=0, le=11)
    minimum: bool = False


class DeterminationIn(_In):
    entities: list[EntityIn] = Field(min_length=1)
    authorities: list[AuthorityCitation] = Field(min_length=1)
    measures: list[str] = Field(min_length=1)
    activity: str = Field(min_length=3)
    determination_date: date = Field(description="the date of the determination = effective date")
    fr_publication_date: date | None = None
    fr_citation: str | None = Field(default=None, description="e.g. '67 FR 54693'")
    term: TermIn = Field(default_factory=lambda: TermIn(years=2))
    # The finding the import ban of AECA §73(a)(2)(C) / EAA §11B(b)(1)(B)(iii) rests on.
    substantial_contribution: bool = Field(
        default=False, description="the transfer substantially contributed (import ban)"
    )
    # A determination on the same entity, paragraph and period is flagged; the officer who
    # records it all the same says so here.
    acknowledge_duplicate: bool = Field(
        default=False, description="record although it duplicates a determination in force"
    )
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> DeterminationIn:
        unknown = [m for m in self.measures if m not in MEASURE_CODES]
        if unknown:
            raise ValueError(
                f"unknown measure {', '.join(unknown)}; known: {', '.join(MEASURE_CODES)}"
            )
        if self.fr_publication_date and self.fr_publication_date < self.determination_date:
            raise ValueError("the Federal Register publication cannot precede the determination")
        return self


class EventIn(_In):
    effective_date: date
    citation: str | None = None
    fr_publication_date: date | None = None
    note: str = ""


class EntityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    aliases: list[str]
    country: str | None
    entity_type: str
    sub_units_and_successors: bool
    government_activities: bool


class EventOut(BaseModel):
    kind: Literal["waiver", "termination"]
    effective_date: date
    citation: str | None
    fr_publication_date: date | None
    note: str
    recorded_by: str
    recorded_at: datetime


Status = Literal["pending", "active", "expired", "waived", "terminated"]


class DeterminationOut(BaseModel):
    id: str
    entities: list[EntityOut]
    authorities: list[AuthorityCitation]
    measures: list[str]
    activity: str
    determination_date: date
    effective_date: date
    fr_publication_date: date | None
    fr_citation: str | None
    term: TermIn
    substantial_contribution: bool = False
    expires_on: date | None = Field(description="first day no longer in force")
    ends_on: date | None = Field(description="expiry, or an earlier waiver or termination")
    status: Status
    status_as_of: date
    events: list[EventOut]
    note: str
    recorded_by: str
    recorded_at: datetime
    unverified: list[str] = Field(default_factory=list)


class RegisterPublication(BaseModel):
    """The register as a screening list after a write: its snapshot and the new hits."""

    list_snapshot: str
    list_entries: int
    unchanged: bool
    new_hits: list[PartyNewHit]


class RegisterChange(RegisterPublication):
    """A register write and what it did to screening."""

    determination: DeterminationOut
