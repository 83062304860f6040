"""Read and write CSV and Parquet tables row by row, as dictionaries of strings."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from nonpro.batch.errors import TableError
from nonpro.documents.spreadsheet import SafeDictWriter

PARQUET_SUFFIXES = {".parquet", ".pq"}


def _parquet() -> tuple[Any, Any]:
    """pyarrow and its Parquet module, imported when a Parquet file is met: importing them
    takes half a second, which every command of the CLI would otherwise pay."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa, pq


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def read_columns(path: Path) -> list[str]:
    if not path.is_file():
        raise TableError(str(path), "does not exist")
    if is_parquet(path):
        pa, pq = _parquet()
        try:
            return list(pq.read_schema(path).names)
        except (pa.ArrowInvalid, OSError) as exc:
            raise TableError(str(path), f"not a readable Parquet file: {exc}") from None
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError:
        raise TableError(
            str(path), "the header row is not UTF-8 text; save the file as UTF-8"
        ) from None
    except csv.Error as exc:
        raise TableError(str(path), f"line 1: {exc}") from None
    if not header:
        raise TableError(str(path), "is empty: a CSV file needs a header row")
    return header


def count_rows(path: Path) -> int:
    if is_parquet(path):
        return int(_parquet()[1].read_metadata(path).num_rows)
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


def iter_rows(path: Path) -> Iterator[dict[str, Any]]:
    if is_parquet(path):
        for batch in _parquet()[1].ParquetFile(path).iter_batches(batch_size=10_000):
            yield from batch.to_pylist()
        return
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        line = 1
        try:
            for line, row in enumerate(reader, start=2):
                if None in row:
                    raise TableError(str(path), f"line {line} has more cells than the header")
                yield row
        except UnicodeDecodeError:
            # The decoder reads ahead: the place is approximate, the line after the last good one.
            raise TableError(
                str(path), f"near line {line + 1}: not UTF-8 text; save the file as UTF-8"
            ) from None
        except csv.Error as exc:
            raise TableError(str(path), f"line {line + 1}: {exc}") from None


class TableWriter:
    """CSV rows are written as they come; Parquet rows are gathered and written at the end."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self._path = path
        self._columns = list(columns)
        self._parquet_rows: list[dict[str, Any]] | None = [] if is_parquet(path) else None
        self._partial = path.with_name(path.name + ".part")
        self._handle = (
            None if is_parquet(path) else self._partial.open("w", newline="", encoding="utf-8")
        )
        # The rows carry names from published lists and from the caller's file: a CSV cell of
        # either must not run as a formula in the spreadsheet that opens the results.
        self._csv = SafeDictWriter(self._handle, self._columns) if self._handle else None
        if self._csv:
            self._csv.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        if self._csv is not None:
            self._csv.writerow(row)
        elif self._parquet_rows is not None:
            self._parquet_rows.append(row)

    def close(self) -> None:
        """Finish the file under its name; until then only ``NAME.part`` exists."""
        if self._handle is not None:
            self._handle.close()
        if self._parquet_rows is not None:
            pa, pq = _parquet()
            table = (
                pa.Table.from_pylist(self._parquet_rows)
                if self._parquet_rows
                else (pa.table({column: pa.array([], pa.string()) for column in self._columns}))
            )
            pq.write_table(table, self._partial)
        self._partial.replace(self._path)

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._partial.unlink(missing_ok=True)
