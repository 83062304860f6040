"""The import report every importer shares: counts, refused rows, bounded answers."""

from __future__ import annotations

import pytest

from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import (
    PROBLEM_LENGTH,
    REPORTED_ROWS,
    RejectedRow,
    RejectedRows,
    RowProblems,
)


def _read(problems: RowProblems, where: str, value: str) -> None:
    with problems.reading(where, "number"):
        int(float(value))  # what a reader does with a count: 1e999999 overflows


def test_rows_are_counted_once_and_every_problem_is_kept() -> None:
    problems = RowProblems("file.csv")
    _read(problems, "line 2", "12")
    _read(problems, "line 3", "1e999999")  # OverflowError, not a traceback
    _read(problems, "line 4", "twelve")
    problems.add("line 4", "other", "a second problem of the same row")
    report = problems.report(stored=1)
    assert (report.rows_read, report.rows_stored, report.rows_refused) == (3, 1, 2)
    assert [(r.where, r.column) for r in report.refused] == [
        ("line 3", "number"),
        ("line 4", "number"),
        ("line 4", "other"),
    ]
    assert report.summary == "3 rows read: 1 stored, 2 refused"


def test_settle_refuses_when_strict_or_nothing_is_good() -> None:
    problems = RowProblems("file.csv")
    _read(problems, "line 2", "12")
    problems.settle(strict=False)  # nothing refused: nothing to say
    _read(problems, "line 3", "x")
    problems.settle(strict=False)  # one good row is stored, the bad one reported
    with pytest.raises(RejectedRows, match="nothing stored; 1 row could not be read: line 3"):
        problems.settle(strict=True)
    with pytest.raises(RejectedRows):
        problems.settle(strict=False, good=0)


def test_a_huge_or_broken_value_is_never_echoed_whole() -> None:
    huge = "9" * 1_000_000
    problems = RowProblems("file.csv")
    with problems.reading("line 2"):
        raise InvalidInput("date", f"{huge!r} is not a date")
    [row] = problems.rows
    assert len(row.problem) == PROBLEM_LENGTH and row.problem.endswith("\u2026")
    surrogate = RejectedRow(where="line 3", column="name\ud800", problem="bad \udcff byte")
    assert surrogate.column == "name\\ud800" and surrogate.problem == "bad \\udcff byte"
    surrogate.model_dump_json()  # encodable


def test_a_report_lists_a_bounded_number_of_rows_and_counts_them_all() -> None:
    problems = RowProblems("file.csv")
    for line in range(REPORTED_ROWS + 10):
        problems.add(f"line {line}", "", "bad")
    report = problems.report(stored=0)
    assert report.rows_refused == REPORTED_ROWS + 10 and len(report.refused) == REPORTED_ROWS
