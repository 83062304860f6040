"""Rows of an imported file that could not be read, each named by where it is and which column.

Every importer reads the whole file and collects its bad rows instead of stopping at the first,
so one bad cell is reported with the others in one pass. What happens next depends on what the
import means:

- a file that adds or updates records one by one (agreements, UNGA votes) stores its good rows
  and returns the rejected ones beside what it stored;
- a file that *replaces* a data set (a treaty's events from a source, a state's arms report for a
  year, a published missile data set) stores nothing while any row is bad, because storing the
  rest would delete the earlier facts the bad rows stood for and a missing row would then read as
  "not a party" or "no transfer"; the refusal lists every bad row (``RejectedRows``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, ConfigDict, ValidationError

from nonpro.core.errors import InvalidInput
from nonpro.core.validation import first_problem

SHOWN_IN_MESSAGES = 5  # a refusal's message names this many rows; the error's ``rows`` has all


class RejectedRow(BaseModel):
    """One row left out: ``where`` is "line 7" in a CSV file, "record 12" in a JSON list."""

    model_config = ConfigDict(frozen=True)

    where: str
    column: str  # "" when the row as a whole is wrong (too many cells, a duplicate)
    problem: str

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


class RowProblems:
    """Collects the problems of a file's rows; ``reading(where, column)`` guards one row."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.rows: list[RejectedRow] = []

    def add(self, where: str, column: str, problem: str) -> None:
        self.rows.append(RejectedRow(where=where, column=column, problem=problem))

    @contextmanager
    def reading(self, where: str, column: str = "") -> Iterator[None]:
        """The row's problem is recorded and the rest of the ``with`` block skipped: an
        ``InvalidInput`` names its own field, anything else a reader trips on (a missing key, a
        value that is not a number or a date, a schema's refusal) is put in ``column``."""
        try:
            yield
        except InvalidInput as error:
            self.add(where, error.field, error.problem)
        except ValidationError as error:
            first = first_problem(error)
            self.add(where, column or first.field, first.problem)
        except (KeyError, IndexError, TypeError, ValueError) as error:
            problem = f"missing {error}" if isinstance(error, KeyError) else str(error)
            self.add(where, column, problem)

    def refuse_if_any(self) -> None:
        """For a file that replaces a data set: nothing is stored while any row is bad."""
        if self.rows:
            raise RejectedRows(self.origin, self.rows)
