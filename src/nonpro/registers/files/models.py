"""Tables of the negotiation files: the files, states' positions, the state's own papers."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, UTCDateTime, UUIDPrimaryKey


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
