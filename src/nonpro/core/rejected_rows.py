"""Rows of an imported file that could not be read, each named by where it is and which column,
and the report every import returns (``ImportReport``).

Every importer reads the whole file and collects its bad rows instead of stopping at the first,
so one bad cell is reported with the others in one pass, and then (``RowProblems.settle``):

- by default the good rows are stored and the bad ones reported beside them, in the caller's one
  transaction; a file with no good row stores nothing and is refused (``RejectedRows``);
- ``strict``: a file with any bad row stores nothing, as an operator may want for a file that
  must go in whole.

A file that *replaces* a data set (a treaty's events from a source, a state's arms report for a
year, a published missile data set) says what its refused rows leave out: the data set records
how many rows were refused, and where a refused row can be tied to a part of the data set (a
state in a treaty), that part keeps its earlier facts instead of reading as "not a party".

Problems that are not one row's (not a CSV at all, a required column missing, an encoding that
cannot be read) still refuse the whole file, naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nonpro.core.errors import InvalidInput
from nonpro.core.validation import first_problem

SHOWN_IN_MESSAGES = 5  # a refusal's message names this many rows; the error's ``rows`` has all
# A report lists this many refused rows (its counts cover them all): a 200,000-row file that is
# wrong throughout must not come back as a 50 MB answer.
REPORTED_ROWS = 1_000
# A problem quotes the cell it refused; a cell of a megabyte is cut to this many characters.
PROBLEM_LENGTH = 300
COLUMN_LENGTH = 100


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying so, and without a lone surrogate (a cell
    read from a hostile file may hold one; it cannot be encoded as JSON or stored)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else f"{text[: limit - 1]}\u2026"


class RejectedRow(BaseModel):
    """One row left out: ``where`` is "line 7" in a CSV file, "record 12" in a JSON list."""

    model_config = ConfigDict(frozen=True)

    where: str
    column: str  # "" when the row as a whole is wrong (too many cells, a duplicate)
    problem: str

    @field_validator("where", "column")
    @classmethod
    def _short(cls, text: str) -> str:
        return clip(text, COLUMN_LENGTH)

    @field_validator("problem")
    @classmethod
    def _bounded(cls, text: str) -> str:
        return clip(text, PROBLEM_LENGTH)

    def describe(self) -> str:
        column = f", column {self.column!r}" if self.column else ""
        return f"{self.where}{column}: {self.problem}"


def describe_all(rows: list[RejectedRow], limit: int = SHOWN_IN_MESSAGES) -> str:
    """``line 4, column 'date': ...; line 9, ...`` and how many more, for a one-line message."""
    shown = "; ".join(row.describe() for row in rows[:limit])
    more = len(rows) - limit
    return shown + (f"; and {more} more" if more > 0 else "")


def left_out(rows: list[RejectedRow]) -> str:
    """``2 rows left out: line 3, column 'date': ...`` for a result's notice; "" when none."""
    if not rows:
        return ""
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    return f"{count} left out: {describe_all(rows)}"


class RejectedRows(InvalidInput):
    """A file refused because of its bad rows, every one of them in ``rows``."""

    def __init__(self, origin: str, rows: list[RejectedRow]) -> None:
        count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
        super().__init__(origin, f"nothing stored; {count} could not be read: {describe_all(rows)}")
        self.rows = rows


class ImportReport(BaseModel):
    """What an import did with a file: rows read, stored and refused, and each refused row
    (the first ``REPORTED_ROWS`` of them) with its row, column and problem."""

    origin: str
    rows_read: int
    rows_stored: int
    rows_refused: int
    refused: list[RejectedRow] = Field(default_factory=list)
    # Earlier facts kept because a refused row stood for them ("NPT: IRN"), where an import
    # replaces a data set part by part.
    kept: list[str] = Field(default_factory=list)

    @property
    def summary(self) -> str:
        """``120 rows read: 118 stored, 2 refused``, for a notice or an audit line."""
        return (
            f"{self.rows_read} row{'s' if self.rows_read != 1 else ''} read: "
            f"{self.rows_stored} stored, {self.rows_refused} refused"
        )


class RowProblems:
    """Collects the problems of a file's rows; ``reading(where, column)`` guards one row.

    Every row given to ``reading`` or ``add`` counts as read, so the report's counts come from
    the same place as its refused rows."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.rows: list[RejectedRow] = []
        self._read: set[str] = set()
        self._refused: set[str] = set()

    @property
    def rows_read(self) -> int:
        return len(self._read)

    @property
    def rows_refused(self) -> int:
        return len(self._refused)

    def add(self, where: str, column: str, problem: str) -> None:
        self._read.add(where)
        self._refused.add(where)
        self.rows.append(RejectedRow(where=where, column=column, problem=problem))

    @contextmanager
    def reading(self, where: str, column: str = "") -> Iterator[None]:
        """The row's problem is recorded and the rest of the ``with`` block skipped: an
        ``InvalidInput`` names its own field, anything else a reader trips on (a missing key, a
        value that is not a number or a date or is too large for one, a schema's refusal) is
        put in ``column``."""
        self._read.add(where)
        try:
            yield
        except InvalidInput as error:
            self.add(where, error.field, error.problem)
        except ValidationError as error:
            first = first_problem(error)
            self.add(where, column or first.field, first.problem)
        except (KeyError, IndexError, TypeError, ValueError, OverflowError) as error:
            problem = f"missing {error}" if isinstance(error, KeyError) else str(error)
            self.add(where, column, problem)

    def refuse_if_any(self) -> None:
        """For a file that must go in whole: nothing is stored while any row is bad."""
        if self.rows:
            raise RejectedRows(self.origin, self.rows)

    def settle(self, *, strict: bool, good: int | None = None) -> None:
        """Before anything is stored: refuse the file when ``strict`` and a row is bad, or when
        rows were refused and no good row is left to store (``good``: how many there are to
        store, by default every row read and not refused)."""
        if good is None:
            good = self.rows_read - self.rows_refused
        if strict or good == 0:
            self.refuse_if_any()

    def report(self, stored: int, *, kept: list[str] | None = None) -> ImportReport:
        """The report of a file whose good rows were stored (``stored`` of them)."""
        return ImportReport(
            origin=self.origin,
            rows_read=self.rows_read,
            rows_stored=stored,
            rows_refused=self.rows_refused,
            refused=self.rows[:REPORTED_ROWS],
            kept=kept or [],
        )

    def audit(self) -> dict[str, object]:
        """The counts and the first refused rows, for the import's audit record."""
        return {
            "rows_read": self.rows_read,
            "rows_refused": self.rows_refused,
            "refused": [row.describe() for row in self.rows[: SHOWN_IN_MESSAGES * 4]],
        }
