"""Use cases of the programs capability: load the data sets, ask by country, year and class."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Select, delete, extract, or_, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RejectedRows
from nonpro.programs import rules
from nonpro.programs.formats.detect import read_path as read_path
from nonpro.programs.models import (
    FlightTest,
    MissileSystem,
    MissileTransfer,
    ProgramImport,
    ReportedEvent,
)
from nonpro.programs.rules import RecordKind
from nonpro.programs.schemas import (
    CountrySummary,
    Coverage,
    EventOut,
    FlightTestOut,
    FlightTestQuery,
    ImportOut,
    LoadOutcome,
    MissileClass,
    ProgramData,
    SystemOut,
    TransferOut,
)
from nonpro.reference.services import resolve_country

_TABLES: tuple[type[MissileSystem | FlightTest | ReportedEvent | MissileTransfer], ...] = (
    FlightTest,
    ReportedEvent,
    MissileTransfer,
    MissileSystem,
)


def resolve_state(text: str, field: str = "country") -> str:
    """Any name or code of a state as ISO alpha-3."""
    return resolve_country(text, field).alpha_3


def parse_class(text: str) -> MissileClass:
    for known in MissileClass:
        if text.strip().casefold() in {known.value.casefold(), known.name.casefold()}:
            return known
    raise InvalidInput("class", f"unknown class {text!r}; one of {', '.join(MissileClass)}")


# --- loading -------------------------------------------------------------------------------


def _replace(data: ProgramData, session: Session) -> int:
    """Delete the data set's rows (tests before the systems they name); count what went."""
    removed = 0
    for table in _TABLES:
        result = session.execute(delete(table).where(table.dataset == data.dataset))
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed


def _store(data: ProgramData, session: Session) -> None:
    systems = {}
    for record in data.systems:
        system = MissileSystem(dataset=data.dataset, **record.model_dump(mode="json"))
        systems[record.key] = system
        session.add(system)
    session.flush()
    for test in data.tests:
        values = test.model_dump(exclude={"system_key"})
        flown = systems.get(test.system_key or "")
        session.add(
            FlightTest(dataset=data.dataset, system_id=flown.id if flown else None, **values)
        )
    session.add_all(ReportedEvent(dataset=data.dataset, **e.model_dump()) for e in data.events)
    session.add_all(MissileTransfer(dataset=data.dataset, **t.model_dump()) for t in data.transfers)


def _settle(data: ProgramData, strict: bool) -> None:
    """A data set with refused rows is stored without them, unless ``strict`` or none is good;
    its counts keep ``refused_rows``, so the import's record says it is incomplete."""
    if data.refused and (strict or data.rows_read - data.rows_refused - data.skipped <= 0):
        raise RejectedRows(data.origin, data.refused)


def load(
    data_sets: list[ProgramData],
    *,
    origin: str,
    session: Session,
    actor: Principal,
    strict: bool = False,
) -> LoadOutcome:
    """Store the data sets, each replacing what the same data set held; flushes, never commits.
    Rows that could not be read are left out and reported (``strict``: nothing is stored)."""
    require(actor, Permission.MANAGE_REFERENCE)
    for data in data_sets:
        _settle(data, strict)
    replaced: dict[str, int] = {}
    imports = []
    for data in data_sets:
        replaced[data.dataset] = _replace(data, session)
        _store(data, session)
        row = ProgramImport(
            dataset=data.dataset,
            origin=data.origin,
            file_hash=data.file_hash,
            data_as_of=data.data_as_of,
            counts=data.counts(),
            loaded_by=actor.username,
        )
        session.add(row)
        session.flush()
        imports.append(ImportOut.model_validate(row))
        audit.record_by(
            session,
            actor,
            "programs.load",
            f"programs:{data.dataset}",
            {
                "origin": origin,
                "file_hash": data.file_hash,
                "counts": data.counts(),
                "rows_read": data.rows_read,
                "refused": [r.describe() for r in data.refused[:20]],
            },
        )
    reports = [data.report() for data in data_sets]
    return LoadOutcome(imports=imports, replaced=replaced, reports=reports)


def load_path(
    path: Path, *, session: Session, actor: Principal, strict: bool = False
) -> LoadOutcome:
    """``nonpro programs load PATH``: read everything first, then store it (``strict``: all or
    nothing)."""
    require(actor, Permission.MANAGE_REFERENCE)
    return load(read_path(path), origin=str(path), session=session, actor=actor, strict=strict)


def imports(*, session: Session) -> list[ImportOut]:
    """The latest load of each data set."""
    rows = session.scalars(select(ProgramImport).order_by(ProgramImport.loaded_at.desc()))
    latest: dict[str, ImportOut] = {}
    for row in rows:
        latest.setdefault(row.dataset, ImportOut.model_validate(row))
    return sorted(latest.values(), key=lambda i: i.dataset)


# --- questions -----------------------------------------------------------------------------


def coverage(
    kind: RecordKind, country: str, *, start: date, end: date, session: Session
) -> Coverage:
    """Whether the loaded data sets cover ``kind`` records of ``country`` from ``start`` to
    ``end``: a count is a count only then; otherwise it is "no data"."""
    code = resolve_state(country)
    loaded = {i.dataset: i for i in imports(session=session)}
    names = [n for n in rules.covering(kind, code, start.year) if n in loaded]
    words = kind.replace("_", " ")
    if not names:
        return Coverage(
            kind=kind,
            country=code,
            covered=False,
            datasets=[],
            note=f"no loaded data set records {words} of {code} for {start.year}: no data",
        )
    dates = [d for d in (loaded[n].data_as_of for n in names) if d is not None]
    through = min(dates, default=None)
    if through is not None and through >= end:
        through = None
    note = f"{words} of {code} from {', '.join(names)}"
    if through is not None:
        note += f"; the data ends {through}, so later {words} are not counted"
    for name in names:  # a load that refused records: a count may be short by them
        refused = loaded[name].counts.get("refused_rows", 0)
        if refused:
            note += f"; {refused} record(s) of {name} were refused on its last load"
    return Coverage(
        kind=kind, country=code, covered=True, datasets=names, through=through, note=note
    )


def systems(
    *, session: Session, country: str | None = None, missile_class: MissileClass | None = None
) -> list[SystemOut]:
    query = select(MissileSystem).order_by(MissileSystem.country, MissileSystem.name)
    if country:
        query = query.where(MissileSystem.country == resolve_state(country))
    if missile_class:
        query = query.where(MissileSystem.missile_class == missile_class.value)
    return [SystemOut.model_validate(s) for s in session.scalars(query)]


def _tests_query(wanted: FlightTestQuery) -> Select[FlightTest]:
    query = select(FlightTest).order_by(FlightTest.day, FlightTest.time_of_day, FlightTest.id)
    if wanted.country:
        query = query.where(FlightTest.country == resolve_state(wanted.country))
    if wanted.year:
        query = query.where(extract("year", FlightTest.day) == wanted.year)
    if wanted.missile_class:
        query = query.where(FlightTest.missile_class == wanted.missile_class.value)
    if wanted.start:
        query = query.where(FlightTest.day >= wanted.start)
    if wanted.end:
        query = query.where(FlightTest.day <= wanted.end)
    return query


def tests(wanted: FlightTestQuery, *, session: Session) -> list[FlightTestOut]:
    """Flight tests matching every filter, oldest first."""
    return [FlightTestOut.model_validate(t) for t in session.scalars(_tests_query(wanted))]


def events(
    *,
    session: Session,
    country: str | None = None,
    start: date | None = None,
    end: date | None = None,
    missiles_only: bool = True,
) -> list[EventOut]:
    """Events the chronologies report (CSIS), oldest first; by default only missile events."""
    query = select(ReportedEvent).order_by(ReportedEvent.day, ReportedEvent.event)
    if country:
        query = query.where(ReportedEvent.country == resolve_state(country))
    if start:
        query = query.where(ReportedEvent.day >= start)
    if end:
        query = query.where(ReportedEvent.day <= end)
    if missiles_only:
        query = query.where(ReportedEvent.missile_class.is_not(None))
    return [EventOut.model_validate(e) for e in session.scalars(query)]


def transfers(
    *,
    session: Session,
    country: str | None = None,
    direction: str = "any",
    year: int | None = None,
) -> list[TransferOut]:
    """Missile and launcher deals: ``direction`` in (to the country), out (from it), or any.

    ``year`` keeps deals ordered or delivered in that year.
    """
    if direction not in {"in", "out", "any"}:
        raise InvalidInput("direction", "one of in, out, any")
    query = select(MissileTransfer).order_by(
        MissileTransfer.order_year, MissileTransfer.recipient_name, MissileTransfer.designation
    )
    if country:
        code = resolve_state(country)
        sides = {
            "in": [MissileTransfer.recipient == code],
            "out": [MissileTransfer.supplier == code],
            "any": [MissileTransfer.recipient == code, MissileTransfer.supplier == code],
        }[direction]
        query = query.where(or_(*sides))
    found = [TransferOut.model_validate(t) for t in session.scalars(query)]
    if year is not None:
        found = [t for t in found if t.order_year == year or year in t.delivery_years]
    return found


def country_summary(state: str, *, as_of: date, session: Session) -> CountrySummary:
    """A state's missile programs as of ``as_of``: systems, tests, reach, transfers, sources.

    Used by case assessment for the MTCR Guidelines factor on the recipient's missile programs.
    """
    code = resolve_state(state, "state")
    flown = tests(FlightTestQuery(country=code, end=as_of), session=session)
    tested_names = {t.system_name for t in flown}
    known = [s for s in systems(session=session, country=code) if s.name in tested_names]
    distances = [t.distance_km for t in flown if t.distance_km is not None]
    apogees = [t.apogee_km for t in flown if t.apogee_km is not None]
    by_year = Counter(str(t.day.year) for t in flown)
    year_ago = as_of - timedelta(days=365)
    deals = transfers(session=session, country=code)
    dated = [t for t in deals if t.order_year is None or t.order_year <= as_of.year]
    reported = events(session=session, country=code, end=as_of)
    sources = sorted({t.source for t in flown} | {d.source for d in dated})
    tested = coverage("flight_tests", code, start=as_of, end=as_of, session=session)
    chronicled = coverage("events", code, start=as_of, end=as_of, session=session)
    if reported:
        sources.append("CSIS Beyond Parallel, Database of North Korean Provocations")
    return CountrySummary(
        country=code,
        as_of=as_of,
        systems=known,
        classes=sorted({t.missile_class for t in flown}),
        flight_tests=len(flown) if tested.covered else None,
        flight_tests_last_year=sum(1 for t in flown if t.day > year_ago)
        if tested.covered
        else None,
        first_test=flown[0].day if flown else None,
        last_test=flown[-1].day if flown else None,
        max_distance_km=max(distances, default=None),
        max_apogee_km=max(apogees, default=None),
        tests_by_year=dict(sorted(by_year.items())),
        reported_events=len(reported) if chronicled.covered else None,
        transfers_in=sum(1 for t in dated if t.recipient == code),
        transfers_out=sum(1 for t in dated if t.supplier == code),
        sources=sources,
        coverage=[tested, chronicled],
    )
