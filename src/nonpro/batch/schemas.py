"""What a bulk screening reads from each row and adds to it."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from nonpro.screening.schemas import EntityType, Hit

# "ignored": the cells of the row that could not be read (column: problem), left out of its
# screening rather than stopping the file.
RESULT_COLUMNS = (
    "alert",
    "top_score",
    "top_entry_id",
    "top_list",
    "top_name",
    "hit_count",
    "ignored",
)

# A background job's result adds the snapshot the top hit's entry came from.
SNAPSHOT_COLUMN = "top_snapshot"


class ColumnMapping(BaseModel):
    """Which input columns hold the facts of a party; only the name is required."""

    name: str = "name"
    dob: str | None = None
    country: str | None = None
    entity_type_column: str | None = None
    entity_type: EntityType | None = None  # one type for every row, when no column gives it
    identifier: str | None = None  # passport, IMO, registration ...; several comma-separated

    def required(self) -> list[str]:
        wanted = [self.name, self.dob, self.country, self.entity_type_column, self.identifier]
        return [column for column in wanted if column]


class BulkSummary(BaseModel):
    rows: int
    alerts: int
    output: str


class Scheduler(BaseModel):
    """Where partitions run: a local Dask cluster of ``workers`` processes, or at ``address``."""

    address: str | None = None  # tcp://HOST:PORT of a running scheduler
    workers: int | None = None  # local cluster size; None: one per core

    @classmethod
    def parse(cls, value: str) -> Scheduler:
        """``local``, ``local:N`` or ``tcp://HOST:PORT``; ValueError says what is accepted."""
        text = value.strip()
        accepted = "expected local, local:N (N ≥ 1) or tcp://HOST:PORT"
        if text == "local":
            return cls()
        if text.startswith("local:"):
            count = text.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise ValueError(f"{value!r}: {accepted}")
            return cls(workers=int(count))
        if text.startswith("tcp://"):
            host, _, port = text.removeprefix("tcp://").rpartition(":")
            if host and port.isdigit() and 0 < int(port) < 65536:
                return cls(address=text)
        raise ValueError(f"{value!r}: {accepted}")


# --- background jobs ----------------------------------------------------------------------------


class JobState(StrEnum):
    UPLOADED = "uploaded"  # the file is stored; its columns are not yet mapped
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    owner: str
    state: JobState
    file_name: str
    file_hash: str
    columns: list[str]
    mapping: ColumnMapping | None
    threshold: float | None
    rows_total: int | None
    rows_done: int
    alerts: int
    snapshots: dict[str, str]
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class AlertRow(BaseModel):
    """A row of the file with at least one hit at or above the threshold, explained."""

    line: int  # the file's line (the header is line 1), or the Parquet row + 1
    name: str
    hits: list[Hit]  # the alerting hits, best first


class IgnoredCell(BaseModel):
    """A cell left out of its row's screening, and why."""

    line: int
    column: str
    problem: str


class JobReview(BaseModel):
    """What a finished job found, for the reviewer; the result file has every row."""

    alerts: list[AlertRow]
    ignored: list[IgnoredCell]
    alerts_cut: bool = False  # more alerts than kept here: the result file has them all
    ignored_cut: bool = False
