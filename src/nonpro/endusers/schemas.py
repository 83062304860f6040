"""What the knowledge base answers: one programme entity, where it comes from and how sure."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from nonpro.controls.catchall.schemas import ProgramEntity

Origin = Literal["reviewed", "list"]


class KnownEndUser(BaseModel):
    """One entity tied to a missile or space programme, with the source that ties it."""

    name: str
    aliases: list[str]
    country: str | None = Field(description="ISO alpha-3; null where the source names none")
    country_name: str | None
    programme: str = Field(description="the programme, or why the list entry was taken in")
    listing: str = Field(description="the listing or publication it rests on")
    origin: Origin = Field(description="reviewed by the office, or read from a loaded list")
    confidence: str
    source: str
    as_of: str
    entry_id: str | None = Field(description="the list entry, for 'list' records")
    generic_name: bool = Field(description="found only where the party's country agrees")

    @classmethod
    def of(cls, entity: ProgramEntity, *, country_name: str | None, generic: bool) -> KnownEndUser:
        return cls(
            **entity.model_dump(),
            country_name=country_name,
            origin="list" if entity.entry_id else "reviewed",
            generic_name=generic,
        )


class KnowledgeBase(BaseModel):
    """The entities found, and how many of each origin the whole base holds."""

    entities: list[KnownEndUser]
    reviewed: int
    from_lists: int
    lists: dict[str, str] = Field(description="the active list snapshots read, by list")
