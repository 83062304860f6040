"""What the reports read from the other capabilities, through their public services and tables.

A capability with nothing recorded gives an empty answer, which the reports print as "no data
recorded" (or "none in the period") instead of failing.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.cases.models import Case
from nonpro.core.errors import NonproError
from nonpro.interagency.models import Group, Referral
from nonpro.programs import services as programs
from nonpro.programs.schemas import TransferOut
from nonpro.reference.services import resolve_country, try_resolve_country
from nonpro.reports.schemas import (
    ActionRow,
    CaseCounts,
    DeterminationRow,
    InputRef,
    StatusRow,
    TransferRow,
    TreatyChangeRow,
)
from nonpro.sanctions import services as sanctions
from nonpro.sanctions.models import Determination
from nonpro.sanctions.schemas import DeterminationOut
from nonpro.treaties import services as treaties
from nonpro.treaties.models import ParticipationEventRecord


def alpha3(text: str | None) -> str | None:
    country = try_resolve_country(text)
    return country.alpha_3 if country is not None else None


def country_name(code: str) -> str:
    return resolve_country(code).name


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# --- sanctions -----------------------------------------------------------------------------


def _determination_row(d: DeterminationOut) -> DeterminationRow:
    return DeterminationRow(
        date=d.determination_date,
        entities=[e.name for e in d.entities],
        countries=sorted({c for e in d.entities if (c := alpha3(e.country))}),
        authorities=[a.authority for a in d.authorities],
        measures=list(d.measures),
        fr_citation=d.fr_citation,
        status=d.status,
    )


def determinations(
    *, session: Session, start: date, end: date, as_of: date, country: str | None = None
) -> list[DeterminationRow]:
    """Determinations made in [start, end], oldest first; of entities of ``country`` if given."""
    found = [
        _determination_row(d)
        for d in sanctions.list_determinations(session=session, as_of=as_of)
        if start <= d.determination_date <= end
    ]
    if country:
        found = [d for d in found if country in d.countries]
    return sorted(found, key=lambda d: (d.date, d.entities))


def determinations_of(*, session: Session, as_of: date, country: str) -> list[DeterminationRow]:
    """Every determination naming an entity of ``country``, with its status on ``as_of``."""
    rows = [
        _determination_row(d)
        for d in sanctions.list_determinations(session=session, as_of=as_of)
        if d.determination_date <= as_of
    ]
    return sorted((d for d in rows if country in d.countries), key=lambda d: (d.date, d.entities))


def actions(*, session: Session, start: date, end: date, kind: str) -> list[ActionRow]:
    """Waivers or terminations that took effect in [start, end]."""
    rows = []
    for d in sanctions.list_determinations(session=session, as_of=end):
        for event in d.events:
            if event.kind == kind and start <= event.effective_date <= end:
                rows.append(
                    ActionRow(
                        kind=kind,
                        date=event.effective_date,
                        entities=[e.name for e in d.entities],
                        authorities=[a.authority for a in d.authorities],
                        citation=event.citation,
                    )
                )
    return sorted(rows, key=lambda r: (r.date, r.entities))


def active_determinations(*, session: Session, as_of: date) -> int:
    return len(sanctions.list_determinations(session=session, as_of=as_of, active_only=True))


# --- cases ---------------------------------------------------------------------------------


def case_counts(*, session: Session, start: date, end: date, country: str) -> CaseCounts:
    """Cases to ``country`` decided in [start, end], and how many of them were denied."""
    alpha2 = resolve_country(country).alpha_2
    decided = session.execute(
        select(Case.decision, func.count())
        .where(
            Case.destination == alpha2,
            Case.decided_at >= _start_of(start),
            Case.decided_at < _start_of(end + timedelta(days=1)),
            Case.decision.is_not(None),
        )
        .group_by(Case.decision)
    ).all()
    counts = dict(decided)
    return CaseCounts(reviewed=sum(counts.values()), denied=counts.get("denied", 0))


def license_denials(*, session: Session, start: date, end: date) -> dict[str, int]:
    """Denials decided in [start, end], counted by destination (alpha-3)."""
    rows = session.scalars(
        select(Case.destination).where(
            Case.decision == "denied",
            Case.decided_at >= _start_of(start),
            Case.decided_at < _start_of(end + timedelta(days=1)),
        )
    )
    return dict(sorted(Counter(alpha3(code) or code for code in rows).items()))


def cases_by_status(*, session: Session, country: str) -> dict[str, int]:
    alpha2 = resolve_country(country).alpha_2
    rows = session.execute(
        select(Case.status, func.count()).where(Case.destination == alpha2).group_by(Case.status)
    ).all()
    return dict(sorted(rows))


def referrals(*, session: Session, start: date, end: date) -> dict[str, int]:
    """Cases referred to the interagency groups in [start, end], counted by group (MTEC, ...)."""
    rows = session.execute(
        select(Group.code, func.count())
        .join(Referral, Referral.group_id == Group.id)
        .where(Referral.referred_on >= start, Referral.referred_on <= end)
        .group_by(Group.code)
    ).all()
    return dict(sorted((code, int(n)) for code, n in rows))


# --- treaties ------------------------------------------------------------------------------


def treaty_changes(
    *, session: Session, country: str, start: date, end: date
) -> list[TreatyChangeRow]:
    """Instruments in which the state's status on ``end`` differs from the day before ``start``."""
    try:
        before = treaties.status(country, as_of=start - timedelta(days=1), session=session)
        after = treaties.status(country, as_of=end, session=session)
    except NonproError:
        return []
    earlier = {s.instrument: s for s in before.instruments}
    rows = []
    for now in after.instruments:
        then = earlier.get(now.instrument)
        old = then.status.value if then else "none"
        if old != now.status.value:
            source = now.events[-1].source if now.events else ""
            rows.append(
                TreatyChangeRow(
                    instrument=now.instrument,
                    before=old,
                    after=now.status.value,
                    date=now.since,
                    source=source,
                    date_text=now.since_text,
                )
            )
    return rows


def treaty_status(*, session: Session, country: str, as_of: date) -> list[StatusRow]:
    try:
        found = treaties.status(country, as_of=as_of, session=session)
    except NonproError:
        return []
    return [
        StatusRow(
            instrument=s.instrument,
            status=s.status.value,
            since=s.since,
            source=s.events[-1].source if s.events else "",
            since_text=s.since_text,
        )
        for s in found.instruments
        # An instrument the state never touched says nothing about it.
        if s.status.value != "none" or s.events
    ]


# --- programs and what the report was built from -------------------------------------------


def transfer_row(t: TransferOut) -> TransferRow:
    return TransferRow(
        supplier=t.supplier_name,
        supplier_code=t.supplier,
        recipient=t.recipient_name,
        designation=t.designation,
        description=t.description,
        order_year=t.order_year,
        number_ordered=t.number_ordered,
        number_delivered=t.number_delivered,
        delivery_years=t.delivery_years,
        comments=t.comments,
    )


def input_refs(*, session: Session) -> list[InputRef]:
    """The program data sets (by file hash) and the registers (by rows) behind a report."""
    refs = [
        InputRef(
            name=i.dataset,
            source=i.origin.rsplit("/", 1)[-1],
            file_hash=i.file_hash,
            data_as_of=i.data_as_of,
        )
        for i in programs.imports(session=session)
    ]
    counted = (
        ("sanctions determinations", "nonpro sanctions register", Determination),
        ("export cases", "nonpro cases", Case),
        ("interagency referrals", "nonpro interagency", Referral),
        ("treaty participation events", "nonpro treaties", ParticipationEventRecord),
    )
    for name, source, table in counted:
        rows = session.scalar(select(func.count()).select_from(table)) or 0
        refs.append(InputRef(name=name, source=source, rows=int(rows)))
    return refs
