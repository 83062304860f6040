"""Tables of the negotiation files: the files, states' positions, the state's own papers."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import (
    Base,
    CountryCode,
    Username,
    UUIDPrimaryKey,
    WrittenAt,
    child_rows,
    parent_key,
)


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

    file_id: Mapped[uuid.UUID] = parent_key("register_files.id")
    state: Mapped[CountryCode]
    day: Mapped[date] = mapped_column(Date, index=True)
    forum: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # statement | working_paper | vote | other
    stance: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]


class PositionPaper(UUIDPrimaryKey, Base):
    """The state's own position paper on a file; its text lives in numbered versions."""

    __tablename__ = "register_papers"

    file_id: Mapped[uuid.UUID] = parent_key("register_files.id")
    title: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]

    versions: Mapped[list[PaperVersion]] = child_rows("PaperVersion.number")


class PaperVersion(UUIDPrimaryKey, Base):
    __tablename__ = "register_paper_versions"
    __table_args__ = (UniqueConstraint("paper_id", "number"),)

    paper_id: Mapped[uuid.UUID] = parent_key("register_papers.id")
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[Username]
    created_at: Mapped[WrittenAt]
