"""One source of the current time, so tests and "as of" queries can fix it."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in UTC."""
    return utcnow().date()


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the month's end: six months after
    31 August is 28 (or 29) February, and a year after 29 February is 28 February."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
