"""How well an event's date is known, and what that allows a question as of a day to say.

The compiled data gives some dates exactly, some as a month or a year (stored as its last day),
and some only as a bound: "in force by 2024-12-31", the date of the list that shows the state.
An event is *known* to have taken effect by a day when the latest day it can have taken effect is
on or before it, *known not* to have when the earliest is after it, and otherwise the answer is
unknown. A year-only date is neither 1 January nor 31 December.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from nonpro.treaties.schemas import ParticipationEvent


class Happened(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def window(event: ParticipationEvent) -> tuple[date, date]:
    """The earliest and the latest day the event can have taken effect."""
    if event.effective_date is not None or event.date_precision == "day":
        return event.effective, event.effective
    if event.date_precision == "month":
        return event.date.replace(day=1), event.date
    if event.date_precision == "year":
        return date(event.date.year, 1, 1), event.date
    return date.min, event.date  # known_by: only the bound is known


def happened_by(event: ParticipationEvent, day: date) -> Happened:
    earliest, latest = window(event)
    if latest <= day:
        return Happened.YES
    if earliest > day:
        return Happened.NO
    return Happened.UNKNOWN
