"""MTCR and HCOC developments in a period, from the data nonpro holds: who joined or left
(the treaties capability's participation events) and the bodies' meetings (the multilateral
calendar). What was agreed there is the office's to record (``reports.records``)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from nonpro.core.errors import NonproError
from nonpro.multilateral import services as multilateral
from nonpro.reference.services import try_resolve_country
from nonpro.reports.schemas import MeetingRow, RegimeChangeRow, SupplierRegimeRow, TransferRow
from nonpro.treaties import services as treaties

REGIMES = ("MTCR", "HCOC")


def _name(code: str) -> str:
    country = try_resolve_country(code)
    return country.name if country is not None else code


def regime_changes(*, session: Session, start: date, end: date) -> list[RegimeChangeRow]:
    """Each state whose MTCR or HCOC status changed in [start, end], by date."""
    rows = []
    for regime in REGIMES:
        try:
            # ``changes`` takes its start as exclusive: the day before keeps ``start`` in.
            found = treaties.changes(
                regime, start=start - timedelta(days=1), end=end, session=session
            )
        except NonproError:
            continue  # the instrument is not loaded: no changes recorded
        rows += [
            RegimeChangeRow(
                regime=regime,
                state=c.state,
                name=_name(c.state),
                before=c.before.value,
                after=c.after.value,
                date=c.date,
                source=c.event.source,
            )
            for c in found.changes
        ]
    return sorted(rows, key=lambda r: (r.date, r.regime, r.name))


def regime_meetings(*, session: Session, start: date, end: date) -> list[MeetingRow]:
    """The MTCR's and HCOC's meetings in the multilateral calendar overlapping [start, end]."""
    rows = []
    for regime in REGIMES:
        try:
            found = multilateral.list_meetings(session=session, start=start, end=end, body=regime)
        except NonproError:
            continue  # the body is not in the calendar
        rows += [
            MeetingRow(
                body=m.body,
                title=m.title,
                start=m.start_date,
                end=m.end_date,
                venue=m.venue,
                projected=m.projected,
                source=m.source,
            )
            for m in found
        ]
    return sorted(rows, key=lambda r: (r.start, r.body))


# The regimes' own words for the treaty records' "party" and "none" (an MTCR adherent that is
# not a partner is not in the records: it reads "not a partner").
_WORDS = {
    "MTCR": {"party": "partner", "none": "not a partner"},
    "HCOC": {"party": "subscribing state", "none": "not subscribed"},
}


def _status(code: str, regime: str, *, as_of: date, session: Session) -> str:
    try:
        found = treaties.status_in(code, regime, as_of=as_of, session=session)
    except NonproError:
        return "unknown"
    words = _WORDS[regime].get(found.status.value, found.status.value)
    if found.since is not None:
        return f"{words} (since {found.since.isoformat()})"
    # As the source gives it: "in 1995", "by 2024-12-31 (...)".
    return f"{words} ({found.since_text})" if found.since_text else words


def supplier_regimes(
    rows: list[TransferRow], *, as_of: date, session: Session
) -> list[SupplierRegimeRow]:
    """Each supplier state of ``rows`` with its MTCR and HCOC status on ``as_of``."""
    suppliers = {r.supplier_code: r.supplier for r in rows if r.supplier_code}
    return [
        SupplierRegimeRow(
            supplier=name,
            code=code,
            mtcr=_status(code, "MTCR", as_of=as_of, session=session),
            hcoc=_status(code, "HCOC", as_of=as_of, session=session),
        )
        for code, name in sorted(suppliers.items(), key=lambda item: item[1])
    ]
