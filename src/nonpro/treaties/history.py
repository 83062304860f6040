"""Counts over time: how many states were party to (or had signed) an instrument, year by year."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from nonpro.treaties.reference import StateLineage
from nonpro.treaties.rules import statuses
from nonpro.treaties.rules.dates import window
from nonpro.treaties.schemas import ParticipationEvent, Status, TimelinePoint


def year_ends(first: date, end: date) -> list[date]:
    """31 December of every year from ``first``'s to the year before ``end``, then ``end``."""
    points = [date(year, 12, 31) for year in range(first.year, end.year)]
    return [*points, end]


def parties_over_time(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    end: date,
    lineage: StateLineage | None = None,
) -> list[TimelinePoint]:
    """Parties and signatories at each year's end from the first event to ``end``.

    Each point is the status rule applied for that date (not a running sum of events), so
    successions, extinct states and withdrawals count exactly as they do in any other answer."""
    pool = [e for e in events if e.instrument == instrument]
    if not pool:
        return []
    # A date known only as a bound has no earliest day: the chart starts at the first date a
    # source gives (a "by" date when nothing else is known).
    starts = [window(e)[0] for e in pool if window(e)[0] != date.min]
    first = min([*starts, *(min(e.date, e.effective) for e in pool)])
    found = []
    for day in year_ends(first, end):
        now = statuses(instrument, events=pool, as_of=day, lineage=lineage)
        found.append(
            TimelinePoint(
                date=day,
                parties=sum(1 for s in now.values() if s.status is Status.PARTY),
                signatories=sum(1 for s in now.values() if s.status is Status.SIGNATORY),
                unknown=sum(1 for s in now.values() if s.status is Status.UNKNOWN),
                consented=sum(1 for s in now.values() if s.status is Status.CONSENTED),
            )
        )
    return found
