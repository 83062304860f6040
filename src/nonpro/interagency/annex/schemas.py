"""What goes in and out of the Annex proposal services."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nonpro.core.inputs import Day, Document, InputSchema, Note
from nonpro.interagency.annex.rules import Outcome, Stage, Status, USPosition, ViewPosition

_ENTRY = r"^[0-9]{1,2}(\.[A-E](\.[0-9]+(\.[a-z](\.[0-9]+)*)*)?)?$"


class ProposalIn(InputSchema):
    """A proposal to amend one Annex entry, or to add one under ``parent_entry``."""

    model_config = ConfigDict(extra="forbid")

    entry: str = Field(
        pattern=_ENTRY, max_length=40, description='the Annex entry amended, e.g. "2.A.1.c"'
    )
    new_entry: bool = Field(
        default=False, description="a new entry: ``entry`` is its number, the parent must exist"
    )
    parent_entry: str | None = Field(
        default=None, pattern=_ENTRY, max_length=40, description="for a new entry, its parent"
    )
    proposed_text: Document = Field(min_length=1)
    rationale: Note = Field(min_length=1)
    proposer: str = Field(
        default="United States", min_length=2, max_length=200, description="partner or U.S."
    )

    @field_validator("entry", "parent_entry", "proposer", mode="before")
    @classmethod
    def _trimmed(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("proposed_text", "rationale", mode="after")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class ViewIn(InputSchema):
    """An agency's view; a representative's own agency when ``agency`` is left out."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = None
    position: ViewPosition
    note: Note = ""


class PositionIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    position: USPosition
    note: Note = Field(min_length=1, description="the grounds of the U.S. position")

    @field_validator("note", mode="after")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("say on what grounds the United States takes this position")
        return value.strip()


class OutcomeIn(InputSchema):
    """A Technical Experts Meeting's or plenary's outcome on the proposal."""

    model_config = ConfigDict(extra="forbid")

    held_on: Day
    outcome: Outcome
    note: Note = ""
    produced_version: str | None = Field(
        default=None,
        max_length=100,
        description='the Annex version an adopting plenary produced, e.g. "MTCR/TEM/2024/Annex"',
    )

    @field_validator("produced_version", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value


class ViewOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    position: ViewPosition
    note: str
    recorded_by: str
    recorded_at: datetime


class MeetingOutcome(BaseModel):
    stage: Stage
    held_on: date
    outcome: Outcome
    note: str


class ProposalOut(BaseModel):
    id: uuid.UUID
    entry: str
    new_entry: bool
    parent_entry: str | None
    annex_version: str
    current_text: str
    proposed_text: str
    rationale: str
    proposer: str
    status: Status
    ended: bool
    created_by: str
    created_at: datetime
    members: list[str] = Field(description="MARC's member agencies, whose views are asked")
    views: list[ViewOut]
    awaiting: list[str] = Field(description="member agencies that have given no view yet")
    us_position: USPosition | None
    us_position_note: str
    us_position_by: str | None
    us_position_at: datetime | None
    tem: MeetingOutcome | None
    plenary: MeetingOutcome | None
    produced_version: str | None
    next_steps: list[str] = Field(description="what may happen next, in words")
