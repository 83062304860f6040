"""Case facts in, red-flag findings and destination policy out; and the reference-data records.

``CaseFacts`` accepts the case JSON shape (``reference``, ``destination``, ``end_use``,
``parties``, ``items``) and ignores keys it does not use, so a whole case can be passed in.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nonpro.core.inputs import InputSchema

Severity = Literal["high", "medium", "low", "info"]
Confidence = Literal[
    "verified_excerpt", "secondary_excerpt", "inferred", "recollection_unverified", "published_list"
]


# --- input -------------------------------------------------------------------------------------


class Party(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: str = Field(description="applicant, purchaser, intermediate_consignee, end_user, ...")
    name: str
    country: str | None = Field(default=None, description="ISO alpha-2, alpha-3 or a name")


class ItemFacts(InputSchema):
    model_config = ConfigDict(extra="ignore")

    description: str
    quantity: float | None = None
    value_usd: float | None = None
    annex_item: str | None = Field(default=None, description="from the classifier, if known")
    category: Literal["I", "II"] | None = None
    speed_m_s: float | None = Field(default=None, description="rated speed, if stated apart")


class KnowledgeReport(BaseModel):
    """What the exporter knows or was told: the "know / reason to know" facts."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["informed", "aware", "intelligence"] = Field(
        description="informed by the authorities; exporter aware; other information"
    )
    summary: str
    source: str
    date: dt.date | None = None


class ProgramTie(BaseModel):
    """A link between a party and a missile programme, known to the caller."""

    model_config = ConfigDict(extra="forbid")

    party: str
    programme: str
    source: str


class CaseFacts(InputSchema):
    model_config = ConfigDict(extra="ignore")

    reference: str | None = None
    destination: str
    end_use: str | None = None
    parties: list[Party] = Field(default_factory=list)
    items: list[ItemFacts] = Field(default_factory=list)
    routing: list[str] = Field(default_factory=list, description="transit countries")
    shipping: str | None = Field(default=None, description="shipping terms as written")
    payment: str | None = Field(default=None, description="payment terms as written")
    end_use_statement: Literal["provided", "missing", "refused"] | None = None
    knowledge: list[KnowledgeReport] = Field(default_factory=list)
    program_ties: list[ProgramTie] = Field(default_factory=list)


# --- output ------------------------------------------------------------------------------------


class Finding(BaseModel):
    rule: str = Field(description="rule identifier, e.g. CA-ROUTING")
    title: str
    severity: Severity
    evidence: list[str]
    basis: str = Field(description="the legal or regime text the rule rests on")
    source: str = Field(description="where the facts used come from")
    unverified: bool = Field(default=False, description="a fact used is marked unverified")
    guideline_factors: list[str] = Field(
        default_factory=list,
        description="MTCR Guidelines para 3 factors the finding bears on (wording unverified)",
    )


class Embargo(BaseModel):
    measure: str
    scope: Literal["missile", "arms", "non_state"]
    since: dt.date
    source: str
    unverified: bool


class DestinationPolicy(BaseModel):
    country: str = Field(description="ISO alpha-3")
    country_name: str
    as_of: dt.date
    mtcr_partner: bool
    hcoc_subscriber: bool
    un_measures: list[Embargo]
    state_sponsor_of_terrorism: bool
    country_of_concern: bool
    findings: list[Finding]


class CatchAllAssessment(BaseModel):
    reference: str | None
    as_of: dt.date
    destination: DestinationPolicy
    findings: list[Finding] = Field(description="every red flag, destination findings included")
    red_flags: int = Field(description="findings of severity high or medium")
    catch_all_triggered: bool = Field(
        description="knowledge or a programme tie makes even an unlisted item need a licence"
    )
    summary: str


# --- reference data ----------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MembershipRecord(_Record):
    regime: Literal["MTCR", "HCOC"]
    country: str
    name: str
    status: Literal["member", "uncertain"]
    joined: dt.date
    joined_precision: Literal["day", "month", "year", "assumed_founding"]
    left: dt.date | None = None
    detail: str | None = None
    note: str | None = None
    confidence: Confidence
    source: str
    as_of: str


class Period(_Record):
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class TerrorismDesignation(_Record):
    country: str
    name: str
    periods: list[Period]
    note: str | None = None
    confidence: Confidence
    source: str
    as_of: str


class UnMeasure(_Record):
    country: str
    name: str
    measure: str
    scope: Literal["missile", "arms", "non_state"]
    periods: list[Period]
    note: str | None = None
    confidence: Confidence
    source: str
    as_of: str


class ConcernList(_Record):
    title: str
    source: str
    confidence: Confidence
    as_of: str
    countries: list[str]


class ProgramEntity(_Record):
    name: str
    aliases: list[str]
    country: str | None  # ISO alpha-3; None where the source names none
    programme: str
    listing: str
    confidence: Confidence
    source: str
    as_of: str
    entry_id: str | None = None  # the list entry it was read from ("published_list")


class ItemKind(_Record):
    id: str
    label: str
    item_words: list[str]
    fits: list[str]
    does_not_fit: list[str]
    research_scale_limit: str | None = None
    speed_limit_m_s: float | None = None
    speed_note: str | None = None
    slow_end_uses: list[str] = Field(default_factory=list)


class RedFlagVocabulary(_Record):
    item_kinds: list[ItemKind]
    vague_end_uses: list[str]
    routing_words: list[str]
    payment_words: list[str]
    cash_flag_above_usd: float
    transshipment_hubs: list[str]
    confidence: Confidence
    source: str
    as_of: str
