"""Tables of the screening capability: list snapshots and their entries, parties, dispositions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, UTCDateTime, UUIDPrimaryKey


class ListSnapshot(UUIDPrimaryKey, Base):
    """One publication of one list as loaded; at most one snapshot per source is active."""

    __tablename__ = "list_snapshots"

    source: Mapped[str] = mapped_column(String(40), index=True)
    publication_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    origin: Mapped[str] = mapped_column(Text)  # the file, folder or URL it was read from
    file_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the bytes read
    entry_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)  # by entity type, by tag
    warnings: Mapped[list[str]] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class ListEntryRecord(UUIDPrimaryKey, Base):
    """One entry of one snapshot, kept as the parser produced it (``ListEntry`` as JSON)."""

    __tablename__ = "list_entries"
    __table_args__ = (Index("ix_list_entries_snapshot_source_id", "snapshot_id", "source_id"),)

    snapshot_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("list_snapshots.id", ondelete="CASCADE")
    )
    source_id: Mapped[str] = mapped_column(String(100))
    entity_type: Mapped[str] = mapped_column(String(20))
    primary_name: Mapped[str] = mapped_column(Text)
    # SHA-256 of the canonical content: a disposition holds until the entry's content changes.
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)


class ListLoadFailure(UUIDPrimaryKey, Base):
    """A load or download that failed; the previous snapshot stayed active."""

    __tablename__ = "list_load_failures"

    source: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    origin: Mapped[str] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))


class ScreenedParty(UUIDPrimaryKey, Base):
    """A party kept for re-screening when lists change (from a case, or saved by a reviewer)."""

    __tablename__ = "screened_parties"

    party_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    entity_type: Mapped[str | None] = mapped_column(String(20), nullable=True)
    dob: Mapped[str | None] = mapped_column(String(10), nullable=True)
    country: Mapped[str | None] = mapped_column(String(100), nullable=True)
    identifiers: Mapped[list[str]] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(200))  # "case:REF", "manual:alice"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_screened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    hits: Mapped[list[PartyHit]] = relationship(
        back_populates="party", cascade="all, delete-orphan"
    )


class PartyHit(UUIDPrimaryKey, Base):
    """An alert a stored party had; a re-screening reports the ones not seen before."""

    __tablename__ = "party_hits"
    __table_args__ = (Index("ix_party_hits_party_entry", "party_id", "entry_id", unique=True),)

    party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("screened_parties.id", ondelete="CASCADE")
    )
    entry_id: Mapped[str] = mapped_column(String(150))
    entry_hash: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    snapshot_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    current: Mapped[bool] = mapped_column(Boolean, default=True)

    party: Mapped[ScreenedParty] = relationship(back_populates="hits")


class Disposition(UUIDPrimaryKey, Base):
    """A reviewer's decision on one hit for one party; never deleted, shown on later screenings."""

    __tablename__ = "dispositions"
    __table_args__ = (Index("ix_dispositions_party_entry", "party_key", "entry_id"),)

    party_key: Mapped[str] = mapped_column(String(64))
    party_name: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str] = mapped_column(String(150))
    entry_hash: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
