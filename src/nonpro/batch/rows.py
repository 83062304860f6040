"""One row of a file screened: its query read from the mapped columns, its result columns.

Every way of screening a file (row by row here in `services.screen_file`, by partitions in
`partitioned`, on Dask workers through `executors`) screens each row with `screen_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from nonpro.batch.errors import TableError
from nonpro.batch.schemas import RESULT_COLUMNS, ColumnMapping
from nonpro.batch.tables import read_columns
from nonpro.core.errors import InvalidInput
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.matching import rank
from nonpro.screening.schemas import EntityType, ScreeningQuery

RowProgress = Callable[[int], None]


def _entity_type(value: Any, line: int) -> EntityType | None:
    if value in (None, ""):
        return None
    try:
        return EntityType(str(value).strip().lower())
    except ValueError:
        raise InvalidInput(
            f"row {line}: type", f"{value!r} is not one of {', '.join(t.value for t in EntityType)}"
        ) from None


def _query(row: dict[str, Any], mapping: ColumnMapping, line: int) -> ScreeningQuery | None:
    name = str(row.get(mapping.name) or "").strip()
    if not name:
        return None
    dob = str(row.get(mapping.dob) or "").strip()[:10] if mapping.dob else ""
    kind = (
        _entity_type(row.get(mapping.entity_type_column), line)
        if mapping.entity_type_column
        else mapping.entity_type
    )
    return ScreeningQuery(
        name=name,
        entity_type=kind,
        dob=dob if len(dob) in (4, 7, 10) and dob[:4].isdigit() else None,
        country=str(row.get(mapping.country) or "").strip() or None if mapping.country else None,
    )


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
    query = _query(row, mapping, line)
    ranked = rank(query, index, threshold=threshold) if query else []
    top = index.entries[ranked[0].position] if ranked else None
    return {
        "alert": any(found.alert for found in ranked),
        "top_score": round(ranked[0].score, 4) if ranked else None,
        "top_entry_id": f"{top.source}:{top.source_id}" if top else None,
        "top_list": top.source if top else None,
        "top_name": top.primary_name if top else None,
        "hit_count": len(ranked),
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
