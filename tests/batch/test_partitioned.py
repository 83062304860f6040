"""Partitioned screening gives screen_file's output, on any executor, and resumes."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from nonpro.batch.dask_runner import DaskExecutor
from nonpro.batch.executors import InProcessExecutor, Partition, PartitionResult
from nonpro.batch.partitioned import MANIFEST, screen_file_partitioned, work_folder
from nonpro.batch.schemas import RESULT_COLUMNS, ColumnMapping, Scheduler
from nonpro.batch.services import screen_file
from nonpro.core.errors import InvalidInput
from nonpro.screening.index import ScreeningIndex

MAPPING = ColumnMapping(name="name", country="nation")


def _reference(source: Path, tmp_path: Path, index: ScreeningIndex, suffix: str) -> Path:
    out = tmp_path / f"reference{suffix}"
    screen_file(source, out, mapping=MAPPING, index=index)
    return out


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_local_dask_cluster_writes_the_in_process_file(
    parties: Path, tmp_path: Path, un_index: ScreeningIndex, suffix: str
) -> None:
    reference = _reference(parties, tmp_path, un_index, suffix)
    out = tmp_path / f"dask{suffix}"
    seen: list[int] = []
    summary = screen_file_partitioned(
        parties,
        out,
        mapping=MAPPING,
        index=un_index,
        index_fingerprint="un",
        executor=DaskExecutor(Scheduler(workers=2), processes=False),
        rows_per_part=40,
        progress=seen.append,
    )
    assert out.read_bytes() == reference.read_bytes()
    assert summary.rows == 301 and summary.alerts > 0
    assert seen[-1] == 301 and len(seen) == 1 + 8  # the start, then one step per partition
    assert not work_folder(out).exists()


def test_parquet_input_keeps_its_types(
    parties: Path, tmp_path: Path, un_index: ScreeningIndex
) -> None:
    source = tmp_path / "parties.parquet"
    _reference(parties, tmp_path, un_index, ".parquet").rename(source)
    table = pq.read_table(source).drop_columns(list(RESULT_COLUMNS))
    pq.write_table(table, source)
    reference = _reference(source, tmp_path, un_index, ".parquet")
    out = tmp_path / "parts.parquet"
    screen_file_partitioned(
        source,
        out,
        mapping=MAPPING,
        index=un_index,
        index_fingerprint="un",
        executor=InProcessExecutor(),
        rows_per_part=64,
    )
    assert pq.read_table(out).equals(pq.read_table(reference))


class Interrupted(Exception):
    pass


class StopsAfter(InProcessExecutor):
    """Finishes ``limit`` partitions, then fails as a killed run would; counts what it ran."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.ran: list[int] = []

    def run(self, partitions, screening):  # type: ignore[no-untyped-def]
        for result in super().run(partitions, screening):
            if self.limit is not None and len(self.ran) == self.limit:
                raise Interrupted
            self.ran.append(result.number)
            yield result


def _run(source: Path, out: Path, index: ScreeningIndex, executor: InProcessExecutor) -> None:
    screen_file_partitioned(
        source,
        out,
        mapping=MAPPING,
        index=index,
        index_fingerprint="un",
        executor=executor,
        rows_per_part=50,
    )


def test_a_restart_skips_the_finished_partitions(
    parties: Path, tmp_path: Path, un_index: ScreeningIndex
) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(Interrupted):
        _run(parties, out, un_index, StopsAfter(3))
    assert not out.exists()
    assert sorted(p.name for p in work_folder(out).glob("part-*")) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    again = StopsAfter()
    _run(parties, out, un_index, again)
    assert again.ran == [3, 4, 5, 6]  # 301 rows in parts of 50
    assert out.read_bytes() == _reference(parties, tmp_path, un_index, ".csv").read_bytes()


def test_a_changed_input_invalidates_the_parts(
    parties: Path, tmp_path: Path, un_index: ScreeningIndex
) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(Interrupted):
        _run(parties, out, un_index, StopsAfter(2))
    manifest = (work_folder(out) / MANIFEST).read_text()
    with parties.open("a", encoding="utf-8") as handle:
        handle.write("late,Ali Late Addition,Iran\n")
    again = StopsAfter()
    _run(parties, out, un_index, again)
    assert again.ran == list(range(7))
    assert "late,Ali Late Addition" in out.read_text(encoding="utf-8")
    assert manifest  # it existed, and was replaced rather than trusted


def test_bad_cells_are_marked_and_the_file_still_screened(
    tmp_path: Path, un_index: ScreeningIndex
) -> None:
    """One bad date of birth or type never stops a file: the row is screened on its valid
    cells, and the column says which cell was left out and why."""
    source = tmp_path / "typed.csv"
    source.write_text(
        "name,kind,born\n"
        "Ali,person,1961-05-02\n"
        "Bob,spaceship,1974-01-32\n"
        "Carl,person,9999-12-31\n"
        "Dana,person,0000-00-00\n"
        f"{'x' * 600},person,1961\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    summary = screen_file_partitioned(
        source,
        out,
        mapping=ColumnMapping(entity_type_column="kind", dob="born"),
        index=un_index,
        index_fingerprint="un",
        executor=DaskExecutor(Scheduler(workers=1), processes=False),
        rows_per_part=1,
    )
    assert summary.rows == 5
    with out.open(encoding="utf-8", newline="") as handle:
        ignored = [row["ignored"] for row in csv.DictReader(handle)]
    assert ignored[0] == ""
    assert ignored[1].startswith("born: '1974-01-32' is not a date") and "; kind: " in ignored[1]
    assert ignored[2].startswith("born: '9999-12-31'")
    assert ignored[3].startswith("born: '0000-00-00'")
    assert ignored[4].startswith("name: ")


def test_an_empty_file_gives_an_empty_output(tmp_path: Path, un_index: ScreeningIndex) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("name,nation\n", encoding="utf-8")
    reference = _reference(source, tmp_path, un_index, ".csv")
    out = tmp_path / "o.csv"
    _run(source, out, un_index, InProcessExecutor())
    assert out.read_bytes() == reference.read_bytes()


def test_partition_results_carry_problems_as_strings() -> None:
    result = PartitionResult(0, [], ("row 2: type", "bad"))
    with pytest.raises(InvalidInput, match="row 2: type: bad"):
        result.raise_problem()
    assert Partition(0, 0, []).rows == []


def test_csv_results_cannot_run_as_formulas(tmp_path: Path, un_index: ScreeningIndex) -> None:
    """A cell of the caller's file (or of a list) that a spreadsheet would run is written inert."""
    source = tmp_path / "hostile.csv"
    source.write_text('name,note\nAli,"=HYPERLINK(""http://x"",""y"")"\n', encoding="utf-8")
    out = tmp_path / "o.csv"
    screen_file(source, out, mapping=ColumnMapping(name="name"), index=un_index)
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["note"] == '\'=HYPERLINK("http://x","y")'
    assert row["name"] == "Ali"
