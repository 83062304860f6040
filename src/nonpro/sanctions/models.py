"""Tables of the sanctions register: determinations, their entities, waivers and terminations."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.db import Base, Username, UUIDPrimaryKey, WrittenAt, parent_key


class Determination(UUIDPrimaryKey, Base):
    """One sanctions determination as published: effective on the day it was made."""

    __tablename__ = "sanctions_determinations"

    authorities: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{authority, paragraphs}]
    measures: Mapped[list[str]] = mapped_column(JSON)
    activity: Mapped[str] = mapped_column(Text)
    # The determination date is the effective date; publication follows (law_process 1.6.2).
    determination_date: Mapped[date] = mapped_column(Date, index=True)
    fr_publication_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    fr_citation: Mapped[str | None] = mapped_column(String(100), nullable=True)
    term_years: Mapped[int] = mapped_column(Integer)
    term_months: Mapped[int] = mapped_column(Integer, default=0)
    term_minimum: Mapped[bool] = mapped_column(Boolean, default=False)
    # The finding an import ban under §73(a)(2)(C) / §11B(b)(1)(B)(iii) needs.
    substantial_contribution: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Stored, not only computed, so "expiring within N days" is one indexed query.
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]

    entities: Mapped[list[SanctionedEntity]] = relationship(
        back_populates="determination",
        cascade="all, delete-orphan",
        order_by="SanctionedEntity.position",
    )
    events: Mapped[list[DeterminationEvent]] = relationship(
        back_populates="determination",
        cascade="all, delete-orphan",
        order_by="DeterminationEvent.effective_date",
    )


class SanctionedEntity(UUIDPrimaryKey, Base):
    """A person or entity named in a determination, with the names it is screened under."""

    __tablename__ = "sanctions_entities"

    determination_id: Mapped[uuid.UUID] = parent_key("sanctions_determinations.id")
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    country: Mapped[str | None] = mapped_column(String(100), nullable=True)
    entity_type: Mapped[str] = mapped_column(String(20))
    sub_units_and_successors: Mapped[bool] = mapped_column(Boolean, default=True)
    government_activities: Mapped[bool] = mapped_column(Boolean, default=False)

    determination: Mapped[Determination] = relationship(back_populates="entities")


class DeterminationEvent(UUIDPrimaryKey, Base):
    """A waiver or termination: ends the determination from its effective date on."""

    __tablename__ = "sanctions_events"

    determination_id: Mapped[uuid.UUID] = parent_key("sanctions_determinations.id")
    kind: Mapped[str] = mapped_column(String(20))  # "waiver" or "termination"
    effective_date: Mapped[date] = mapped_column(Date)
    citation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    fr_publication_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]

    determination: Mapped[Determination] = relationship(back_populates="events")
