"""Tables of the treaties capability: imports, the participation events and stated counts they
brought.

Statuses are never stored: they are derived from the events for whatever date is asked. Each event
and count keeps the import it came from and that import's source key (``untc``, ``unoda``,
``nonpro``...), so a new import of the same source replaces exactly what the old one brought.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, Username, UTCDateTime, UUIDPrimaryKey, parent_key


class TreatyImportRecord(UUIDPrimaryKey, Base):
    """One load of a file, folder or download: where from, its hash, what it covered."""

    __tablename__ = "treaty_imports"

    source: Mapped[str] = mapped_column(String(200), index=True)  # untc, unoda, nonpro, csv:...
    origin: Mapped[str] = mapped_column(Text)  # the path or URL it was read from
    file_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the bytes read
    instruments: Mapped[list[str]] = mapped_column(JSON)  # the codes whose events it replaced
    event_count: Mapped[int] = mapped_column(Integer)
    stated_count_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)  # events by instrument
    warnings: Mapped[list[str]] = mapped_column(JSON)
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    loaded_by: Mapped[Username]


class ParticipationEventRecord(UUIDPrimaryKey, Base):
    """A ``ParticipationEvent`` as stored: every field of it, and the import that brought it."""

    __tablename__ = "treaty_events"
    __table_args__ = (
        Index("ix_treaty_events_instrument_source_key", "instrument", "source_key"),
        Index("ix_treaty_events_state_instrument", "state", "instrument"),
    )

    import_id: Mapped[uuid.UUID] = parent_key("treaty_imports.id")
    source_key: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(3))
    instrument: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    effective_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    date_precision: Mapped[str] = mapped_column(String(10), default="day")
    confidence: Mapped[str | None] = mapped_column(Text, nullable=True)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)


class StatedCountRecord(UUIDPrimaryKey, Base):
    """A count a source states about itself, kept for ``nonpro treaties check``."""

    __tablename__ = "treaty_stated_counts"
    __table_args__ = (
        Index("ix_treaty_stated_counts_instrument_source_key", "instrument", "source_key"),
    )

    import_id: Mapped[uuid.UUID] = parent_key("treaty_imports.id")
    source_key: Mapped[str] = mapped_column(String(200))
    instrument: Mapped[str] = mapped_column(String(40))
    measure: Mapped[str] = mapped_column(String(20))
    value: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    among: Mapped[str | None] = mapped_column(String(40), nullable=True)
    explanation: Mapped[str | None] = mapped_column(Text, nullable=True)
    states: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
