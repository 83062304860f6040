"""Inputs and outputs of the denial register and the no-undercut check (pydantic), shared by CLI,
API and web."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from nonpro.core.inputs import (
    CODE_LENGTH,
    DESCRIPTION_LENGTH,
    NAME_LENGTH,
    Code,
    Day,
    InputSchema,
    Note,
    OutputModel,
    ShortText,
    refuse_surrogates,
)
from nonpro.core.rejected_rows import ImportReport, RejectedRow
from nonpro.denials.rules import DenialStatus, MatchKind


def _required(max_length: int, min_length: int = 2) -> object:
    return StringConstraints(min_length=min_length, max_length=max_length)


# Required text: the shared types of nonpro.core.inputs allow "", which a denial cannot lack.
Reference = Annotated[
    str,
    _required(CODE_LENGTH),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
    AfterValidator(refuse_surrogates),
]
RequiredName = Annotated[str, _required(NAME_LENGTH), AfterValidator(refuse_surrogates)]
ItemText = Annotated[str, _required(DESCRIPTION_LENGTH, 3), AfterValidator(refuse_surrogates)]


class _Input(InputSchema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DenialIn(_Input):
    """A denial notification as the office records it."""

    reference: Reference = Field(
        description="The notification's reference, e.g. MTCR-DEN-2025-014 or US-2026-003",
    )
    notifying_partner: RequiredName = Field(
        description="The partner that denied the licence (a state; USA for ours)"
    )
    notified_on: Day = Field(description="The day the denial was notified (YYYY-MM-DD)")
    item_description: ItemText
    annex_entry: Code | None = Field(
        default=None,
        description="The MTCR Annex entry of the item (2.A.1.c); none for a catch-all denial",
    )
    end_user: RequiredName
    end_user_country: RequiredName = Field(description="A state, by name or ISO code")
    reason: Note = ""
    source: ShortText = ""


class DenialWithdrawal(_Input):
    withdrawn_on: Day
    note: Note = ""


class DenialOut(OutputModel):
    id: uuid.UUID
    reference: str
    notifying_partner: str
    notifying_partner_name: str
    notified_on: dt.date
    item_description: str
    annex_entry: str | None
    annex_title: str | None
    annex_version: str | None
    end_user: str
    end_user_country: str
    end_user_country_name: str
    reason: str
    source: str
    status: DenialStatus
    withdrawn_on: dt.date | None
    withdrawal_note: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime


class MatchReason(BaseModel):
    """One ground of a match: which case item or party met which fact of the denial, and how
    strongly (``score``: the description ratio 0-100, or the name score 0-1; none when exact)."""

    kind: MatchKind
    text: str
    case_item: int | None = None  # 1-based, as the case page numbers its items
    score: float | None = None


class DenialMatch(BaseModel):
    """A denial in force that the case would undercut, with the grounds of the match."""

    denial: DenialOut
    reasons: list[MatchReason]
    consult: str  # "Consult Germany (DEU) before approval: ..."
    source: str


class ItemFacts(BaseModel):
    number: int  # 1-based
    description: str
    annex_entries: list[tuple[str, str]] = Field(default_factory=list)  # (entry, where from)


class PartyFacts(BaseModel):
    role: str
    name: str
    country: str | None = None


class CaseFacts(BaseModel):
    """What the no-undercut check reads of a case, so it can be asked without the case's tables
    (``services.match_facts``): items, receiving parties, destination."""

    reference: str
    destination: str  # a state, as the case stores it (alpha-2) or any form the resolver reads
    items: list[ItemFacts]
    parties: list[PartyFacts]


class CaseDenialCheck(BaseModel):
    """The answer of ``check``: the case, whether to consult before approval, and the matches."""

    case: str  # its reference
    case_id: uuid.UUID
    consult_before_approval: bool
    summary: str
    matches: list[DenialMatch]
    source: str


class DenialImport(BaseModel):
    added: list[str]
    rejected: list[RejectedRow] = Field(default_factory=list)
    report: ImportReport  # rows read, stored and refused, each refused row named
