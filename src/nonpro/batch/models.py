"""The record of a bulk screening run in the background: who asked, how far it got, where the
result is."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, Username, UTCDateTime, UUIDPrimaryKey, WrittenAt


class BatchJob(UUIDPrimaryKey, Base):
    """One file screened in the background. Its files (the upload, the result, the alerts with
    their explanations) live in ``<jobs_dir>/<id>/`` and are deleted with the record."""

    __tablename__ = "batch_jobs"

    kind: Mapped[str] = mapped_column(String(40))  # "bulk_screening"
    owner: Mapped[Username] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)  # JobState
    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the upload
    columns: Mapped[list[str]] = mapped_column(JSON, default=list)
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    threshold: Mapped[float | None] = mapped_column(Float, nullable=True)
    rows_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    alerts: Mapped[int] = mapped_column(Integer, default=0)
    snapshots: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # list -> snapshot id
    result_file: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # "host:pid" of the server process whose runner has the job: a job left queued or running
    # by a process no longer alive is marked failed when a server starts on that host.
    worker: Mapped[str] = mapped_column(String(100), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[WrittenAt]
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
