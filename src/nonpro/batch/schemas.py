"""What a bulk screening reads from each row and adds to it."""

from __future__ import annotations

from pydantic import BaseModel

from nonpro.screening.schemas import EntityType

RESULT_COLUMNS = ("alert", "top_score", "top_entry_id", "top_list", "top_name", "hit_count")


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
