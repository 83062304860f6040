"""Inputs and outputs of the negotiation files: the files, states' positions, the state's own
position papers with versions, search hits and timelines."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from nonpro.core.inputs import Document, InputModel, OutputModel
from nonpro.registers.files.rules import Forum, PositionKind, parse_forum


class SeedFile(InputModel):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    title: str
    summary: str
    forums: list[Forum]
    source: str = Field(min_length=1)

    @field_validator("forums", mode="before")
    @classmethod
    def _forums(cls, value: list[str]) -> list[Forum]:
        return [parse_forum(item) for item in value]


class SeedFiles(InputModel):
    as_of: dt.date
    files: list[SeedFile]


class FileOut(BaseModel):
    code: str
    title: str
    summary: str
    forums: list[Forum]
    forum_labels: list[str]
    source: str
    positions: int = 0
    papers: int = 0
    resolutions: int = 0


class PositionIn(InputModel):
    state: str = Field(min_length=2, max_length=200, description="A state's name or ISO code")
    day: dt.date
    forum: Forum
    kind: PositionKind = PositionKind.STATEMENT
    stance: str = Field(min_length=1, max_length=200, description="In a few words")
    summary: str = ""
    source: str = Field(min_length=1, description="Where it is written: a document symbol or URL")

    @field_validator("forum", mode="before")
    @classmethod
    def _forum(cls, value: object) -> object:
        return parse_forum(value) if isinstance(value, str) else value


class PositionOut(OutputModel):
    id: uuid.UUID
    file: str
    state: str
    day: dt.date
    forum: Forum
    kind: PositionKind
    stance: str
    summary: str
    source: str
    created_by: str


class PaperIn(InputModel):
    title: str = Field(min_length=1, max_length=300)
    text: Document = Field(min_length=1)
    note: str = ""


class PaperVersionIn(InputModel):
    text: Document = Field(min_length=1)
    note: str = ""


class PaperVersionOut(OutputModel):
    number: int
    text: str
    note: str
    author: str
    created_at: dt.datetime


class PaperOut(BaseModel):
    id: uuid.UUID
    file: str
    title: str
    created_by: str
    versions: list[PaperVersionOut]

    @property
    def current(self) -> PaperVersionOut:
        return self.versions[-1]


class PaperDiff(BaseModel):
    paper_id: uuid.UUID
    title: str
    old: int
    new: int
    lines: list[str]  # a unified diff


class SearchHit(BaseModel):
    kind: Literal["position", "paper", "resolution"]
    file: str | None
    day: dt.date | None
    title: str
    excerpt: str
    ref: str  # the position's or paper's id, or the resolution's symbol


class TimelineEntry(BaseModel):
    day: dt.date
    kind: Literal["position", "paper_version", "resolution"]
    title: str
    detail: str
    source: str
    ref: str


class Timeline(BaseModel):
    file: FileOut
    entries: list[TimelineEntry]
