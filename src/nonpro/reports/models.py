"""The report archive: every generated report, its file, the hash of its inputs, who and when."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, Username, UTCDateTime, UUIDPrimaryKey


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
