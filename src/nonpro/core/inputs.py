"""The shared types of what a user types: text of a bounded length, dates inside the calendar the
code can do arithmetic on, numbers that are finite. Schemas, forms and CLI options use these, so
a limit is set in one place and holds on every path.

Why each bound:

- **Length.** Matching, country resolution and classification cost time in proportion to the
  text (or worse); a 100 KB country name once held a worker for seconds. Every free-text input
  has a length that a real value never needs to exceed.
- **Text.** A lone UTF-16 surrogate (``"\\ud800"`` in JSON, a stray byte in a command line) is
  not text: PostgreSQL's driver cannot encode it and SQLite would store it, so it is refused.
- **Dates.** ``date(9999, 12, 31) + timedelta(days=1)`` raises ``OverflowError``; the services
  add durations and terms to the dates they are given, so a date is kept to years 1800-2200.
- **Numbers.** ``1e400`` reads as infinity; nothing nonpro measures is infinite.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

# A name of a person, organisation, vessel, country, agreement: longer than any real one.
NAME_LENGTH = 500
# A code, reference or short label (an ISO code, a list name, a case reference).
CODE_LENGTH = 100
# A line of text: a title, a place, a short reason.
LINE_LENGTH = 1_000
# A note, reasons: several paragraphs.
NOTE_LENGTH = 20_000
# A document's full text (a position paper, instructions): the longest text any field takes.
DOCUMENT_LENGTH = 200_000
# An item as a license application describes it: read against every Annex entry, so shorter.
DESCRIPTION_LENGTH = 10_000

FIRST_DAY = date(1800, 1, 1)
LAST_DAY = date(2200, 12, 31)

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a UTF-16 surrogate, which no UTF-8 encoder accepts."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def refuse_surrogates(text: str) -> str:
    if has_lone_surrogate(text):
        raise ValueError("contains a lone surrogate (\\ud800-\\udfff), which is not text")
    return text


def within_calendar(day: date) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"must be between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}")
    return day


def valid_partial_day(text: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, each part a real one (no 13th month, no 32nd
    day) and the whole inside the calendar above."""
    parts = text.split("-")
    if not (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(len(part) == 2 for part in parts[1:])
        and all(part.isascii() and part.isdigit() for part in parts)
    ):
        raise ValueError(f"{text[:20]!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(part) for part in (*parts, "01", "01")[:3])
    try:
        within_calendar(date(year, month, day))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date on the calendar: {exc}") from None
    return text


def _text(max_length: int, min_length: int = 0) -> object:
    return StringConstraints(min_length=min_length, max_length=max_length)


Code = Annotated[str, _text(CODE_LENGTH), AfterValidator(refuse_surrogates)]
Name = Annotated[str, _text(NAME_LENGTH), AfterValidator(refuse_surrogates)]
ShortText = Annotated[str, _text(LINE_LENGTH), AfterValidator(refuse_surrogates)]
Note = Annotated[str, _text(NOTE_LENGTH), AfterValidator(refuse_surrogates)]
Description = Annotated[str, _text(DESCRIPTION_LENGTH), AfterValidator(refuse_surrogates)]
Document = Annotated[str, _text(DOCUMENT_LENGTH), AfterValidator(refuse_surrogates)]
Day = Annotated[date, AfterValidator(within_calendar)]
# A date known to the year, the month or the day, as typed: "1961", "1961-05", "1961-05-02".
PartialDay = Annotated[str, _text(10), AfterValidator(valid_partial_day)]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]


class InputSchema(BaseModel):
    """The base of what a user sends: a string field without a limit of its own (a ``Name``,
    a ``Code``…) is held to the length of a note, so no input is unbounded."""

    model_config = ConfigDict(str_max_length=NOTE_LENGTH)

    @field_validator("*", mode="after")
    @classmethod
    def _days_on_the_calendar(cls, value: object) -> object:
        """Every day a user sends, whatever its field is typed, stays inside the calendar: a
        9999-12-31 taken as valid would overflow the first time a day or a month is added."""
        if isinstance(value, date):
            within_calendar(value.date() if isinstance(value, datetime) else value)
        return value


class InputModel(InputSchema):
    """An input of many fields (a register's row, a form): a field it does not know is
    refused, and its strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    """An output built from a row: ``Out.model_validate(row)`` reads its attributes."""

    model_config = ConfigDict(from_attributes=True)
