"""Tables of UNGA First Committee resolutions and the states' recorded votes."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, CountryCode, UUIDPrimaryKey, child_rows, parent_key


class Resolution(UUIDPrimaryKey, Base):
    """A UNGA (First Committee) resolution: one text of a series, adopted in one session."""

    __tablename__ = "register_resolutions"

    symbol: Mapped[str] = mapped_column(String(60), unique=True)  # A/RES/79/37
    series: Mapped[str] = mapped_column(String(120), index=True)
    file_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("register_files.id", ondelete="SET NULL"), nullable=True, index=True
    )
    session_number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer, index=True)
    adopted: Mapped[date | None] = mapped_column(Date, nullable=True)
    title: Mapped[str] = mapped_column(String(400))
    text_reference: Mapped[str] = mapped_column(Text, default="")  # document symbol or URL
    sponsors: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_vote: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(Text, default="")

    votes: Mapped[list[ResolutionVote]] = child_rows("ResolutionVote.state")


class ResolutionVote(UUIDPrimaryKey, Base):
    __tablename__ = "register_votes"
    __table_args__ = (UniqueConstraint("resolution_id", "state"),)

    resolution_id: Mapped[uuid.UUID] = parent_key("register_resolutions.id")
    state: Mapped[CountryCode]
    vote: Mapped[str] = mapped_column(String(10))  # yes | no | abstain | absent
