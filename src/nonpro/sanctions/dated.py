"""Dated facts of an evaluation: MTCR adherence on the activity's date, asked of the treaties
capability, which answers yes, no or unknown.

A partner whose admission the sources give only as a year, a month or a bound ("in 1998") may or
may not have been one on a day inside that period: the evaluation does not guess but names the
fact, the date and why, and the officer's answer (an input field) settles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from nonpro.sanctions.schemas import InformationNeeded
from nonpro.treaties import services as treaties
from nonpro.treaties.rules.dates import Happened, happened_by
from nonpro.treaties.schemas import Status

REGIME = "MTCR"


@dataclass(frozen=True)
class Adherence:
    """Whether a country was an MTCR partner on a day: True, False or None (unknown)."""

    adherent: bool | None
    evidence: str
    needed: InformationNeeded | None = None


def mtcr_adherence(
    country: str, name: str, day: date, *, field: str, session: Session | None
) -> Adherence:
    """``country`` (alpha-3)'s MTCR partnership on ``day``; ``field`` is the input that settles
    an unknown answer."""
    found = treaties.status_on(country, REGIME, as_of=day, session=session)
    status = found.status
    admissions = [e for e in status.events if e.kind.value == "admission"]
    if status.status is Status.PARTY:
        since = status.since_text or "a date the sources give"
        return Adherence(
            True, f"{name} was an MTCR partner on {day} (admitted {since}; {found.source})"
        )
    if status.status is Status.UNKNOWN:
        doubtful = [
            e for e in status.events if happened_by(e, day) is Happened.UNKNOWN
        ] or admissions
        known = "; ".join(f"'{e.date_text}' ({e.source})" for e in doubtful)
        why = (
            f"{name}'s MTCR join date is only known as {known}: whether it was a partner "
            f"on {day} is unknown"
        )
        needed = InformationNeeded(
            fact=f"whether {name} was an MTCR adherent on {day}", field=field, date=day, why=why
        )
        return Adherence(None, f"{why} ({found.source})", needed)
    later = next(
        (e for e in found.history if e.kind.value == "admission" and e.effective > day), None
    )
    joined = f"; it joined {later.date_text}" if later is not None else ""
    return Adherence(False, f"{name} was not an MTCR partner on {day}{joined} ({found.source})")
