"""Inputs and outputs of the UNGA First Committee resolutions and votes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from nonpro.core.rejected_rows import ImportReport, RejectedRow
from nonpro.registers.votes.rules import Vote


class Tally(BaseModel):
    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0

    def __str__(self) -> str:
        return f"{self.yes}-{self.no}-{self.abstain}"


class StateVote(BaseModel):
    state: str
    vote: Vote


class ResolutionOut(BaseModel):
    symbol: str
    series: str
    file: str | None
    session_number: int
    year: int
    adopted: dt.date | None
    title: str
    text_reference: str
    sponsors: list[str]
    source: str
    tally: Tally
    votes: list[StateVote] = []


class VoteImport(BaseModel):
    added: list[str]
    updated: list[str]
    votes: int
    rejected: list[RejectedRow] = Field(default_factory=list)  # rows left out, with the reason
    report: ImportReport  # rows read, stored and refused, each refused row named


class RecordRow(BaseModel):
    """How the state voted on one resolution of the series (one a year, as a rule)."""

    year: int
    symbol: str
    session_number: int
    title: str
    vote: Vote | None  # None: no vote recorded for the state
    changed: bool  # differs from the state's vote on the previous resolution of the series
    tally: Tally
    compare_vote: Vote | None = None
    differs: bool = False  # the state and the comparison state voted differently


class VotingRecord(BaseModel):
    state: str
    series: str
    compare: str | None
    rows: list[RecordRow]
