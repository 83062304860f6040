"""Tables of the registers capability: the UN Register of Conventional Arms, cooperation and
safeguards arrangements, negotiation files with states' positions, and UNGA First Committee votes.

Registers hold facts over time: rows are added with their date and source and corrected by a
new row or an edit that the audit log records; nothing here is a workflow with states.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, UTCDateTime, UUIDPrimaryKey

# --- UN Register of Conventional Arms ----------------------------------------------------------


class ArmsDataset(UUIDPrimaryKey, Base):
    """One import of transfers: another state's report for a year, or the SIPRI trade register.

    The state's own transfers are recorded one by one and belong to no data set.
    """

    __tablename__ = "register_arms_datasets"

    kind: Mapped[str] = mapped_column(String(20), index=True)  # state_report | sipri
    reporting_state: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    origin: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ArmsTransfer(UUIDPrimaryKey, Base):
    """One reported export or import in one Register category for one calendar year."""

    __tablename__ = "register_arms_transfers"

    # own: recorded here for the state's national report; state_report / sipri: imported
    source_kind: Mapped[str] = mapped_column(String(20), index=True)
    dataset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("register_arms_datasets.id", ondelete="CASCADE"), nullable=True, index=True
    )
    reporting_state: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    direction: Mapped[str] = mapped_column(String(10))  # export | import
    year: Mapped[int] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(20), index=True)  # I..VII, SALW_SA, SALW_LW
    subcategory: Mapped[str] = mapped_column(String(40), default="")  # VII.b MANPADS, ...
    exporter: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    exporter_name: Mapped[str] = mapped_column(String(200))
    importer: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    importer_name: Mapped[str] = mapped_column(String(200))
    number_of_items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state_of_origin: Mapped[str] = mapped_column(String(200), default="")
    intermediate_location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ArmsBackground(UUIDPrimaryKey, Base):
    """Background information: military holdings or procurement through national production."""

    __tablename__ = "register_arms_background"
    __table_args__ = (UniqueConstraint("reporting_state", "year", "kind", "category"),)

    reporting_state: Mapped[str] = mapped_column(String(3), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # holdings | national_production
    category: Mapped[str] = mapped_column(String(20))
    number_of_items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# --- Nuclear cooperation and safeguards arrangements --------------------------------------------


class Agreement(UUIDPrimaryKey, Base):
    """A bilateral nuclear cooperation agreement, safeguards or sister-laboratory arrangement."""

    __tablename__ = "register_agreements"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(300))
    # ISO alpha-3 for a state; an organisation's code (EURATOM, IAEA, TWN-AIT) otherwise
    partner: Mapped[str] = mapped_column(String(20), index=True)
    partner_name: Mapped[str] = mapped_column(String(200))
    signed: Mapped[date | None] = mapped_column(Date, nullable=True)
    in_force: Mapped[date | None] = mapped_column(Date, nullable=True)
    expires: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    terminated: Mapped[date | None] = mapped_column(Date, nullable=True)
    scope: Mapped[str] = mapped_column(Text, default="")
    consent_rights: Mapped[str] = mapped_column(Text, default="")
    safeguards_basis: Mapped[str] = mapped_column(Text, default="")
    remind_days: Mapped[int] = mapped_column(Integer, default=365)
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# --- Negotiation files and UNGA First Committee votes -------------------------------------------


class NegotiationFile(UUIDPrimaryKey, Base):
    """A long-running negotiation file (FMCT, PAROS, security assurances, landmines, testing)."""

    __tablename__ = "register_files"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    forums: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text, default="")


class StatePosition(UUIDPrimaryKey, Base):
    """What a state said or did on a file on a date, and where that is written."""

    __tablename__ = "register_positions"

    file_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("register_files.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(3), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    forum: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # statement | working_paper | vote | other
    stance: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PositionPaper(UUIDPrimaryKey, Base):
    """The state's own position paper on a file; its text lives in numbered versions."""

    __tablename__ = "register_papers"

    file_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("register_files.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    versions: Mapped[list[PaperVersion]] = relationship(
        cascade="all, delete-orphan", order_by="PaperVersion.number", lazy="selectin"
    )


class PaperVersion(UUIDPrimaryKey, Base):
    __tablename__ = "register_paper_versions"
    __table_args__ = (UniqueConstraint("paper_id", "number"),)

    paper_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("register_papers.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


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

    votes: Mapped[list[ResolutionVote]] = relationship(
        cascade="all, delete-orphan", order_by="ResolutionVote.state", lazy="selectin"
    )


class ResolutionVote(UUIDPrimaryKey, Base):
    __tablename__ = "register_votes"
    __table_args__ = (UniqueConstraint("resolution_id", "state"),)

    resolution_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("register_resolutions.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(3), index=True)
    vote: Mapped[str] = mapped_column(String(10))  # yes | no | abstain | absent
