"""Term arithmetic and the status of a determination on a given day."""

from __future__ import annotations

from datetime import date

from nonpro.core.clock import add_months
from nonpro.sanctions.models import Determination
from nonpro.sanctions.schemas import Status


def add_term(start: date, *, years: int, months: int = 0) -> date:
    """``start`` plus a term; a 29 February start ends on 28 February of a common year."""
    return add_months(start, 12 * years + months)


def expiry(determination_date: date, *, years: int, months: int) -> date | None:
    """The first day the measures no longer apply: a 2-year term from 16 Aug 2002 ends on
    16 Aug 2004. A zero term (blocking, open-ended) has no expiry."""
    if years == 0 and months == 0:
        return None
    return add_term(determination_date, years=years, months=months)


def ends_on(determination: Determination) -> date | None:
    """Expiry, or the effective date of an earlier waiver or termination."""
    ends = [e.effective_date for e in determination.events]
    if determination.expires_on is not None:
        ends.append(determination.expires_on)
    return min(ends) if ends else None


def status_on(determination: Determination, day: date) -> Status:
    if day < determination.determination_date:
        return "pending"
    for event in determination.events:
        if event.effective_date <= day:
            return "waived" if event.kind == "waiver" else "terminated"
    if determination.expires_on is not None and day >= determination.expires_on:
        return "expired"
    return "active"
