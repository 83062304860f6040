"""What a bulk screening reads from each row and adds to it."""

from __future__ import annotations

from pydantic import BaseModel

from nonpro.screening.schemas import EntityType

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


class ColumnMapping(BaseModel):
    """Which input columns hold the facts of a party; only the name is required."""

    name: str = "name"
    dob: str | None = None
    country: str | None = None
    entity_type_column: str | None = None
    entity_type: EntityType | None = None  # one type for every row, when no column gives it

    def required(self) -> list[str]:
        wanted = [self.name, self.dob, self.country, self.entity_type_column]
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
