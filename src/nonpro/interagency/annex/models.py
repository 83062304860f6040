"""Tables of MARC's Annex amendment proposals (``ia_annex_*``).

An agency's view is one row per agency, replaced when the agency changes its mind (the audit
log keeps every version). Meeting outcomes are columns of the proposal: one TEM and one plenary
decide it; a deferral is overwritten by the later meeting's outcome, and audited both times.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import (
    Base,
    Username,
    UTCDateTime,
    UUIDPrimaryKey,
    WrittenAt,
    child_rows,
    parent_key,
)


class AnnexProposal(UUIDPrimaryKey, Base):
    __tablename__ = "ia_annex_proposals"

    # The entry amended ("2.A.1.c"), or the number a new entry would take under ``parent_entry``.
    entry: Mapped[str] = mapped_column(String(40), index=True)
    new_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_entry: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The Annex version the current text was read from, and that text ("" for a new entry).
    annex_version: Mapped[str] = mapped_column(String(40))
    current_text: Mapped[str] = mapped_column(Text, default="")
    proposed_text: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text)
    proposer: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]
    views_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    us_position: Mapped[str | None] = mapped_column(String(30), nullable=True)
    us_position_note: Mapped[str] = mapped_column(Text, default="")
    us_position_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    us_position_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    tem_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    tem_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    tem_note: Mapped[str] = mapped_column(Text, default="")
    plenary_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    plenary_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    plenary_note: Mapped[str] = mapped_column(Text, default="")
    # The Annex version the adopted amendment produced, as the regime labels it (free text).
    produced_version: Mapped[str | None] = mapped_column(String(100), nullable=True)

    views: Mapped[list[AnnexView]] = child_rows("AnnexView.agency_code")


class AnnexView(UUIDPrimaryKey, Base):
    __tablename__ = "ia_annex_views"
    __table_args__ = (UniqueConstraint("proposal_id", "agency_code"),)

    proposal_id: Mapped[uuid.UUID] = parent_key("ia_annex_proposals.id")
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[Username]
    recorded_at: Mapped[WrittenAt]
