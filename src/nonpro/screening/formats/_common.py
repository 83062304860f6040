"""Small readers shared by the list formats: countries, dates of birth, empty markers.

Everything here keeps the publisher's text next to what is derived from it, so a reviewer can
always be shown what the list actually said.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from nonpro.reference.services import current_alpha_2
from nonpro.screening.schemas import BirthDate, EntityType
from nonpro.screening.scripts import first_letter_script

# The words OFAC's files and the CSL (which copies them) use for the kinds of record.
US_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}

# OFAC writes "-0-" (often with a trailing space) for an empty field; others write "".
_EMPTY = {"", "-0-", "-0- ", "null", "None", "N/A", "n/a"}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})


def clean(value: str | None) -> str | None:
    """The text without surrounding blanks, or None for the publishers' ways of saying empty."""
    if value is None:
        return None
    value = value.strip()
    return None if value in _EMPTY else value


def split_values(value: str | None, separator: str = ";") -> list[str]:
    """Non-empty, stripped parts of a multi-valued cell."""
    if value is None:
        return []
    return [part for part in (clean(piece) for piece in value.split(separator)) if part]


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """ISO 3166 alpha-2 for a country name or code as lists print it, or None."""
    return current_alpha_2(clean(name))


def country_codes(names: list[str]) -> list[str]:
    """Resolvable codes of several names, in order, without repeats."""
    codes: list[str] = []
    for name in names:
        code = country_code(name)
        if code and code not in codes:
            codes.append(code)
    return codes


def parse_iso_date(text: str | None) -> date | None:
    """A YYYY-MM-DD date (a time part is ignored), or None when absent or malformed."""
    text = clean(text)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ -](\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DMY_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_APPROXIMATE = re.compile(r"^(?:circa|ca\.?|approximately|approx\.?|about)\s+", re.IGNORECASE)
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s+(?:to|and|-|–)\s+(.+)$", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")  # "1979-1982"


def _single_bounds(text: str) -> tuple[date, date, str] | None:
    """Earliest and latest day of one printed date, and its precision."""
    text = text.strip().rstrip(".")
    try:
        if match := _ISO_DAY.match(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day, "day"
        if match := _DAY_MONTH_YEAR.match(text):
            month = _MONTHS.get(match[2].lower())
            if month:
                day = date(int(match[3]), month, int(match[1]))
                return day, day, "day"
        if match := _DMY_NUMERIC.match(text):
            day = date(int(match[3]), int(match[2]), int(match[1]))
            return day, day, "day"
        if match := _ISO_MONTH.match(text):
            return (*_month_bounds(int(match[1]), int(match[2])), "month")
        if match := _MONTH_YEAR.match(text):
            month = _MONTHS.get(match[1].lower())
            if month:
                return (*_month_bounds(int(match[2]), month), "month")
        if match := _YEAR.match(text):
            return (*_year_bounds(int(match[1])), "year")
    except ValueError:  # 31 Feb, month 13: keep the text, derive nothing
        return None
    return None


def parse_birth_date(text: str | None) -> BirthDate | None:
    """A date of birth as printed: "01 Jan 1960", "Jan 1960", "1960", "circa 1958",
    "1955 to 1957", "1962-03-25", "25.03.1962". Unreadable text is kept with precision "unknown".
    """
    text = clean(text)
    if text is None:
        return None
    body = text.rstrip(".")
    approximate = False
    if match := _APPROXIMATE.match(body):
        approximate = True
        body = body[match.end() :]
    single = _single_bounds(body)
    if single is not None:
        date_from, date_to, precision = single
        return BirthDate(
            text=text,
            date_from=date_from,
            date_to=date_to,
            precision=precision,
            approximate=approximate,
        )
    if (match := _RANGE.match(body) or _YEAR_RANGE.match(body)) is not None:
        start, end = _single_bounds(match[1]), _single_bounds(match[2])
        if start is not None and end is not None and start[0] <= end[1]:
            return BirthDate(
                text=text,
                date_from=start[0],
                date_to=end[1],
                precision="range",
                approximate=approximate,
            )
    return BirthDate(text=text, precision="unknown", approximate=approximate)


def year_range_birth_date(text: str, year_from: int, year_to: int) -> BirthDate:
    """A date of birth given as a range of years (UN "BETWEEN")."""
    return BirthDate(
        text=text,
        date_from=date(year_from, 1, 1),
        date_to=date(year_to, 12, 31),
        precision="range",
    )


@lru_cache(maxsize=65536)
def script_of(text: str) -> str | None:
    """The ISO 15924 code of the first letter's script ("Cyrl" for "Иван"), or None."""
    return first_letter_script(text)
