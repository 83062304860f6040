"""One row of a file screened: its query read from the mapped columns, its result columns.

Every way of screening a file (row by row here in `services.screen_file`, by partitions in
`partitioned`, on Dask workers through `executors`) screens each row with `screen_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nonpro.batch.errors import TableError
from nonpro.batch.schemas import RESULT_COLUMNS, ColumnMapping
from nonpro.batch.tables import read_columns
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.matching import rank
from nonpro.screening.schemas import ScreeningQuery

RowProgress = Callable[[int], None]


def _cell(row: dict[str, Any], column: str | None) -> str:
    return str(row.get(column) or "").strip() if column else ""


def _query(row: dict[str, Any], mapping: ColumnMapping) -> tuple[ScreeningQuery | None, list[str]]:
    """The row's party, and what was left out of it: each cell the query refuses (a date of
    birth not on the calendar, an unknown type, a name too long) is named with its column and
    dropped, and the row is screened on the rest. One bad cell never stops a file."""
    cells = {
        "name": (mapping.name, _cell(row, mapping.name)),
        "dob": (mapping.dob, _cell(row, mapping.dob)[:10]),
        "country": (mapping.country, _cell(row, mapping.country)),
        "entity_type": (mapping.entity_type_column, _cell(row, mapping.entity_type_column).lower()),
        "identifiers": (mapping.identifier, _cell(row, mapping.identifier)),
    }
    values: dict[str, Any] = {field: value for field, (_, value) in cells.items() if value}
    if "identifiers" in values:
        values["identifiers"] = [i.strip() for i in values["identifiers"].split(",") if i.strip()]
    if "entity_type" not in values and mapping.entity_type is not None:
        values["entity_type"] = mapping.entity_type
    ignored: list[str] = []
    while "name" in values:
        try:
            return ScreeningQuery.model_validate(values), ignored
        except ValidationError as exc:
            refused = {str(e["loc"][0]): e["msg"] for e in reversed(exc.errors()) if e["loc"]}
            for field, problem in sorted(refused.items(), key=lambda f: list(cells).index(f[0])):
                ignored.append(f"{cells[field][0]}: {problem.removeprefix('Value error, ')}")
                values.pop(field, None)
    return None, ignored


def row_query(
    row: dict[str, Any], mapping: ColumnMapping
) -> tuple[ScreeningQuery | None, list[str]]:
    """The row's party (None without a usable name) and its ignored cells, "column: problem"."""
    return _query(row, mapping)


def screen_row(
    row: dict[str, Any],
    *,
    line: int,
    mapping: ColumnMapping,
    index: ScreeningIndex,
    threshold: float | None,
) -> dict[str, Any]:
    """The result columns of one row; every executor (in-process or Dask) calls this.

    The same entries, scores and alerts as `match`, without writing out the hits' explanations,
    which the file does not carry.
    """
    query, ignored = _query(row, mapping)
    ranked = rank(query, index, threshold=threshold) if query else []
    top = index.entries[ranked[0].position] if ranked else None
    return {
        "alert": any(found.alert for found in ranked),
        "top_score": round(ranked[0].score, 4) if ranked else None,
        "top_entry_id": f"{top.source}:{top.source_id}" if top else None,
        "top_list": top.source if top else None,
        "top_name": top.primary_name if top else None,
        "hit_count": len(ranked),
        "ignored": "; ".join(ignored) or None,
    }


def check_columns(source: Path, mapping: ColumnMapping) -> list[str]:
    """The input's columns, once it is known to hold the mapped ones and no result column."""
    columns = read_columns(source)
    missing = [column for column in mapping.required() if column not in columns]
    if missing:
        raise TableError(
            f"{source}: columns", f"missing {', '.join(missing)}; the file has {', '.join(columns)}"
        )
    clashes = [column for column in RESULT_COLUMNS if column in columns]
    if clashes:
        raise TableError(f"{source}: columns", f"already has result columns {', '.join(clashes)}")
    return columns
