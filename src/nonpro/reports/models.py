"""The report archive (every generated report, its file, the hash of its inputs, who and when) and
the drafts the office edits and clears before a report is final."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.clock import utcnow
from nonpro.core.db import (
    Base,
    Username,
    UTCDateTime,
    UUIDPrimaryKey,
    WrittenAt,
    child_rows,
    parent_key,
)


class ArchivedReport(UUIDPrimaryKey, Base):
    """One generated file, kept in the database: one backup holds the reports and their data."""

    __tablename__ = "report_archive"

    kind: Mapped[str] = mapped_column(String(20), index=True)  # annual, emergency, country
    title: Mapped[str] = mapped_column(String(300))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    as_of: Mapped[date] = mapped_column(Date)
    input_hash: Mapped[str] = mapped_column(String(64), index=True)
    file_format: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    generated_by: Mapped[Username]
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class ReportDraft(UUIDPrimaryKey, Base):
    """A generated report the office edits, has cleared by offices, and finalizes.

    ``parameters`` are what the report was built from (kind, year or period or state, the as-of
    date), so "refresh data" and the final file are built the same way; ``round`` counts the
    requests for clearance: only the current round's decisions count.
    """

    __tablename__ = "report_drafts"

    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    marking: Mapped[str] = mapped_column(String(60))  # the scheme's name
    state: Mapped[str] = mapped_column(String(20), index=True)
    offices: Mapped[list[str]] = mapped_column(JSON, default=list)  # asked to clear this round
    round: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]
    finalized_by: Mapped[str | None] = mapped_column(String(200))
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    final_pdf: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # report_archive ids
    final_docx: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    versions: Mapped[list[DraftVersion]] = child_rows("DraftVersion.number")
    clearances: Mapped[list[DraftClearance]] = child_rows("DraftClearance.at")


class DraftVersion(UUIDPrimaryKey, Base):
    """One saved state of a draft: for each section its office text and the data-driven
    content it was built from (``reports.draft_sections``)."""

    __tablename__ = "report_draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    draft_id: Mapped[uuid.UUID] = parent_key("report_drafts.id")
    number: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(300))  # "created", "edited 2.1 ...", "refreshed"
    edited: Mapped[bool] = mapped_column(Boolean, default=False)  # the author wrote text in it
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    author: Mapped[Username]
    at: Mapped[WrittenAt]


class DraftClearance(UUIDPrimaryKey, Base):
    """An office's decision on the version in clearance: cleared, or returned with a comment."""

    __tablename__ = "report_draft_clearances"

    draft_id: Mapped[uuid.UUID] = parent_key("report_drafts.id")
    round: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    office: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    officer: Mapped[Username]
    at: Mapped[WrittenAt]
