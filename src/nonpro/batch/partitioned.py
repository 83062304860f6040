"""Screen a file in partitions on any executor, resumably, into the same file as `screen_file`.

Each finished partition is written to ``OUT.parts/part-NNNNN.parquet`` (under a temporary name,
then renamed, so a part file present is a part file complete). The folder's manifest records
what the parts were computed from: the input's content hash, the index fingerprint, the column
mapping, the threshold and the partition size. A restart with the same key skips the parts
present; any other key empties the folder first. At the end the parts are merged in order into
OUT through the same `TableWriter` as `screen_file`, and the folder is removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from nonpro.batch.executors import Partition, PartitionExecutor, Screening
from nonpro.batch.rows import RowProgress, check_columns
from nonpro.batch.schemas import RESULT_COLUMNS, BulkSummary, ColumnMapping
from nonpro.batch.tables import TableWriter, iter_rows
from nonpro.screening.index import ScreeningIndex

MANIFEST = "manifest.json"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def work_folder(output: Path) -> Path:
    return output.with_name(output.name + ".parts")


def _part_path(folder: Path, number: int) -> Path:
    return folder / f"part-{number:05d}.parquet"


def _prepare(folder: Path, key: dict[str, Any]) -> dict[int, int]:
    """The finished parts (number -> rows) valid for ``key``; a stale folder is emptied."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            same = json.loads(manifest.read_text(encoding="utf-8")) == key
        except ValueError:
            same = False
        if same:
            return {
                int(path.stem.removeprefix("part-")): pq.read_metadata(path).num_rows
                for path in folder.glob("part-*.parquet")
            }
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    partial = manifest.with_name(MANIFEST + ".part")
    partial.write_text(json.dumps(key, sort_keys=True), encoding="utf-8")
    partial.replace(manifest)
    return {}


def _partitions(source: Path, rows_per_part: int, skip: set[int]) -> Iterator[Partition]:
    """Consecutive row ranges; the rows of finished parts are read past, never kept."""
    rows: list[dict[str, Any]] = []
    number = start = 0
    for position, row in enumerate(iter_rows(source)):
        if number not in skip:
            rows.append(row)
        if position + 1 - start == rows_per_part:
            if number not in skip:
                yield Partition(number, start, rows)
            rows, number, start = [], number + 1, position + 1
    if rows or (start == 0 and number not in skip):
        yield Partition(number, start, rows)


def _write_part(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    # Parquet keeps each value's type, so the merge hands TableWriter exactly what
    # screen_file would have; an empty part still records its columns.
    table = (
        pa.Table.from_pylist(rows)
        if rows
        else pa.table({column: pa.array([], pa.string()) for column in columns})
    )
    partial = path.with_name(path.name + ".tmp")
    pq.write_table(table, partial)
    partial.replace(path)


def screen_file_partitioned(
    source: Path,
    output: Path,
    *,
    mapping: ColumnMapping,
    index: ScreeningIndex,
    index_fingerprint: str,
    executor: PartitionExecutor,
    threshold: float | None = None,
    rows_per_part: int = 10_000,
    progress: RowProgress | None = None,
) -> BulkSummary:
    """Like `screen_file`, partition by partition on ``executor``, resuming finished parts."""
    columns = [*check_columns(source, mapping), *RESULT_COLUMNS]
    folder = work_folder(output)
    key = {
        "input": file_hash(source),
        "index": index_fingerprint,
        "mapping": mapping.model_dump(mode="json"),
        "threshold": threshold,
        "rows_per_part": rows_per_part,
    }
    done = _prepare(folder, key)
    screened = sum(done.values())
    if progress:
        progress(screened)
    waiting: dict[int, Partition] = {}

    def remember(parts: Iterator[Partition]) -> Iterator[Partition]:
        for part in parts:
            waiting[part.number] = part  # its rows, until its results come back
            yield part

    parts = remember(_partitions(source, rows_per_part, set(done)))
    for result in executor.run(parts, Screening(mapping, index, threshold)):
        result.raise_problem()
        part = waiting.pop(result.number)
        rows = [{**row, **extra} for row, extra in zip(part.rows, result.results, strict=True)]
        _write_part(_part_path(folder, part.number), rows, columns)
        done[part.number] = len(rows)
        screened += len(rows)
        if progress:
            progress(screened)
    return _merge(folder, sorted(done), output, columns)


def _merge(folder: Path, numbers: list[int], output: Path, columns: list[str]) -> BulkSummary:
    writer = TableWriter(output, columns)
    rows = alerts = 0
    try:
        for number in numbers:
            for row in pq.read_table(_part_path(folder, number)).to_pylist():
                writer.write(row)
                rows += 1
                alerts += bool(row["alert"])
        writer.close()
    except BaseException:
        writer.abort()
        raise
    shutil.rmtree(folder)
    return BulkSummary(rows=rows, alerts=alerts, output=str(output))
