"""Executors run partitions of a file through the screening; chosen by configuration.

`InProcessExecutor` scores in this process; `nonpro.batch.dask_runner.DaskExecutor` on a Dask
cluster. Both call `screen_partition`, which calls the same `screen_row` as `screen_file`, so
the output does not depend on where it was computed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from nonpro.batch.rows import screen_row
from nonpro.batch.schemas import ColumnMapping, Scheduler
from nonpro.core.errors import InvalidInput
from nonpro.screening.index import ScreeningIndex


@dataclass(frozen=True, slots=True)
class Partition:
    number: int
    start: int  # position of its first row in the file, 0-based
    rows: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """The result columns of each row, or the problem found in one row.

    The problem travels as plain strings: an exception raised on a worker comes back through
    pickle, and `InvalidInput` does not survive that round trip.
    """

    number: int
    results: list[dict[str, Any]]
    problem: tuple[str, str] | None = None

    def raise_problem(self) -> None:
        if self.problem is not None:
            raise InvalidInput(*self.problem)


def screen_partition(
    number: int,
    start: int,
    rows: list[dict[str, Any]],
    mapping: ColumnMapping,
    index: ScreeningIndex,
    threshold: float | None,
) -> PartitionResult:
    """Score one partition; a module-level function, so a Dask worker can import it."""
    try:
        results = [
            screen_row(
                row, line=start + offset + 2, mapping=mapping, index=index, threshold=threshold
            )
            for offset, row in enumerate(rows)
        ]
    except InvalidInput as problem:
        return PartitionResult(number, [], (problem.field, problem.problem))
    return PartitionResult(number, results)


@dataclass(frozen=True, slots=True)
class Screening:
    """What every partition of a file is screened with."""

    mapping: ColumnMapping
    index: ScreeningIndex
    threshold: float | None


class PartitionExecutor(Protocol):
    """Scores partitions and yields their results as they finish, in any order."""

    def run(
        self, partitions: Iterator[Partition], screening: Screening
    ) -> Iterator[PartitionResult]: ...


class InProcessExecutor:
    """One partition after another in this process: no cluster, the same partitions."""

    def run(
        self, partitions: Iterator[Partition], screening: Screening
    ) -> Iterator[PartitionResult]:
        mapping, index, threshold = screening.mapping, screening.index, screening.threshold
        for part in partitions:
            yield screen_partition(part.number, part.start, part.rows, mapping, index, threshold)


def executor_for(scheduler: Scheduler | None) -> PartitionExecutor:
    """In-process without a scheduler; otherwise Dask (imported only then: it is heavy)."""
    if scheduler is None:
        return InProcessExecutor()
    from nonpro.batch.dask_runner import DaskExecutor

    return DaskExecutor(scheduler)
