"""Use cases of the treaties capability, shared by the CLI, the API and the web pages.

Writes (``load``, ``load_reference``) flush and audit; the caller commits. Questions read the
stored events and hand them to the rules, so every answer is derived for the date asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day as core_parse_day
from nonpro.reference.errors import UnknownCountry
from nonpro.treaties import rules, storage
from nonpro.treaties.download import SOURCES as SOURCES
from nonpro.treaties.download import fetch as fetch
from nonpro.treaties.formats._names import to_alpha3
from nonpro.treaties.formats.compiled import load_compiled, load_question_counts
from nonpro.treaties.formats.detect import load_path as load_path
from nonpro.treaties.history import parties_over_time
from nonpro.treaties.questions import CROSS_QUESTIONS as CROSS_QUESTIONS
from nonpro.treaties.questions import CrossAnswer as CrossAnswer
from nonpro.treaties.questions import CrossQuestion as CrossQuestion
from nonpro.treaties.questions import having_but_not
from nonpro.treaties.reconcile import reconcile, reconcile_questions
from nonpro.treaties.reference import DATA_DIR
from nonpro.treaties.reference import get_instrument as get_instrument
from nonpro.treaties.reference import load_instruments as load_instruments
from nonpro.treaties.reference import load_state_lineage as load_state_lineage
from nonpro.treaties.schemas import (
    ChangesResult,
    CheckResult,
    CountryStatus,
    EifStatus,
    ImportOut,
    ImportOutcome,
    ParticipationEvent,
    PartiesResult,
    StateStatus,
    Status,
    TimelinePoint,
    TreatyImport,
    WeakFacts,
)
from nonpro.treaties.storage import hash_files as hash_files

# --- input ---------------------------------------------------------------------------------


def parse_day(value: str | date | None, field: str = "as_of") -> date:
    """A ``YYYY-MM-DD`` date; none given means today."""
    if value is None or value == "":
        return today()
    if isinstance(value, date):
        return value
    return core_parse_day(value.strip(), field) or today()


def parse_status(value: str | Status) -> Status:
    try:
        return Status(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise InvalidInput("status", f"{value!r} is not one of {allowed}") from None


def resolve_state(text: str) -> str:
    """Any name or code of a state ("Russia", "RU", "RUS", "USSR", "Iran (Islamic Republic
    of)") to the alpha-3 code the events use."""
    code = to_alpha3(text)
    if code is None:
        raise UnknownCountry(text, field="state")
    return code


def instrument_code(text: str) -> str:
    """An instrument code as typed ("ctbt", "ccw-p5") → the code nonpro uses; unknown: NotFound."""
    return get_instrument(text.strip().upper().replace("-", "_")).code


# --- writes --------------------------------------------------------------------------------


def load(
    import_: TreatyImport,
    *,
    origin: str,
    session: Session,
    actor: Principal,
    file_hash: str = "",
    source: str | None = None,
    strict: bool = False,
) -> ImportOutcome:
    """Store an import, replacing the events of the (instrument, source) pairs it covers; a
    CSV's refused rows keep the earlier events of what they stood for (``strict``: a file with
    any refused row stores nothing)."""
    return storage.store(
        import_,
        origin=origin,
        file_hash=file_hash,
        source=source,
        session=session,
        actor=actor,
        strict=strict,
    )


def load_from_path(
    path: Path,
    *,
    session: Session,
    actor: Principal,
    source: str | None = None,
    origin: str | None = None,
    strict: bool = False,
) -> ImportOutcome:
    """``nonpro treaties load PATH``: read the file or folder whole, then store it."""
    parsed = load_path(path)
    return load(
        parsed,
        origin=origin or str(path),
        file_hash=storage.hash_files(path),
        source=source,
        session=session,
        actor=actor,
        strict=strict,
    )


def load_reference(*, session: Session, actor: Principal) -> ImportOutcome:
    """The project's compiled data (``nonpro reference load``); unchanged files store nothing."""
    return load(
        load_compiled(),
        origin=str(DATA_DIR),
        file_hash=storage.hash_files(DATA_DIR),
        source=storage.REFERENCE_SOURCE,
        session=session,
        actor=actor,
    )


def imports(*, session: Session) -> list[ImportOut]:
    return storage.imports(session=session)


# --- questions -----------------------------------------------------------------------------


@dataclass
class _Cached:
    key: tuple[str, ...]
    events: list[ParticipationEvent]
    timelines: dict[str, list[TimelinePoint]]


# The stored events change only when an import is stored; the web pages ask many questions of
# them, so the last set read is kept, keyed by the ids of every import (any load adds one).
_cache: list[_Cached] = []


def _cached(session: Session) -> _Cached:
    key = storage.fingerprint(session=session)
    if not _cache or _cache[0].key != key:
        _cache[:] = [_Cached(key, storage.read_events(session=session), {})]
    return _cache[0]


def events(*, session: Session) -> list[ParticipationEvent]:
    return _cached(session).events


def status(
    state: str, *, as_of: date, session: Session, instruments: Iterable[str] | None = None
) -> CountryStatus:
    """``nonpro treaties status STATE``: the state's status in every instrument, with events."""
    return rules.country_status(
        resolve_state(state), events=events(session=session), as_of=as_of, instruments=instruments
    )


@cache
def _reference_events() -> tuple[ParticipationEvent, ...]:
    return tuple(load_compiled().events)


@dataclass(frozen=True)
class DatedStatus:
    """A state's status in an instrument on a day (yes, no or unknown) and whose events said so."""

    status: StateStatus
    source: str
    # Every event of the state in the instrument, later ones too ("it joined 2016-06-27").
    history: tuple[ParticipationEvent, ...] = ()


REFERENCE_NOT_LOADED = (
    "the project's compiled reference data, nonpro/treaties/data, not loaded into this database"
)


def status_on(
    state: str, instrument: str, *, as_of: date, session: Session | None = None
) -> DatedStatus:
    """The status of ``state`` (alpha-3) in ``instrument`` on ``as_of``, for other capabilities
    (sanctions asks about the MTCR on an activity's date).

    The stored events answer when the instrument has any; otherwise (no session, or a database
    the reference data was never loaded into) the project's compiled data does, and the answer
    says so. Either way a date known only as a month, a year or a bound answers ``unknown``.
    """
    code = instrument_code(instrument)
    stored = [e for e in events(session=session) if e.instrument == code] if session else []
    pool, source = stored, "the stored treaty events (nonpro reference load / treaties load)"
    if not stored:
        pool = [e for e in _reference_events() if e.instrument == code]
        source = REFERENCE_NOT_LOADED
    history = tuple(e for e in pool if e.state == state)
    return DatedStatus(rules.status_of(state, code, events=pool, as_of=as_of), source, history)


def status_in(state: str, instrument: str, *, as_of: date, session: Session) -> StateStatus:
    return rules.status_of(
        resolve_state(state),
        instrument_code(instrument),
        events=events(session=session),
        as_of=as_of,
    )


def statuses(instrument: str, *, as_of: date, session: Session) -> dict[str, StateStatus]:
    """Every state with a record in ``instrument`` and its status as of ``as_of`` (the map)."""
    code = instrument_code(instrument)
    return rules.statuses(code, events=events(session=session), as_of=as_of)


def parties(
    instrument: str, *, as_of: date, session: Session, status: Status = Status.PARTY
) -> PartiesResult:
    code = instrument_code(instrument)
    return rules.parties(code, events=events(session=session), as_of=as_of, status=status)


def changes(instrument: str, *, start: date, end: date, session: Session) -> ChangesResult:
    if end < start:
        raise InvalidInput("to", f"{end} is before {start}")
    code = instrument_code(instrument)
    return rules.changes(code, events=events(session=session), start=start, end=end)


def eif(instrument: str, *, as_of: date, session: Session) -> EifStatus:
    """Entry-into-force arithmetic: the CTBT's Annex 2 states still needed, or the count."""
    code = instrument_code(instrument)
    return rules.eif_outstanding(code, events=events(session=session), as_of=as_of)


def timeline(instrument: str, *, session: Session) -> list[TimelinePoint]:
    """Parties and signatories of ``instrument`` at each year's end, up to today."""
    code = instrument_code(instrument)
    cached = _cached(session)
    if code not in cached.timelines:
        cached.timelines[code] = parties_over_time(
            code, events=cached.events, end=today(), lineage=load_state_lineage()
        )
    return cached.timelines[code]


def check(*, session: Session) -> CheckResult:
    """Every stated count against the stored events; each difference with its known reason.
    The project's counts of cross-questions (the IAEA Safeguards Statements' NPT parties without
    a comprehensive safeguards agreement) are checked once the instruments they ask about are
    loaded."""
    stated = storage.read_stated_counts(session=session)
    pool = events(session=session)
    found = reconcile(events=pool, stated=stated)
    loaded = {e.instrument for e in pool}
    asked = [
        c
        for c in load_question_counts()
        if {*CROSS_QUESTIONS[c.question].having, *CROSS_QUESTIONS[c.question].lacking} <= loaded
    ]
    found += reconcile_questions(events=pool, counts=asked)
    return CheckResult(checked=len(stated) + len(asked), discrepancies=found, weak=weak_facts(pool))


def weak_facts(pool: Iterable[ParticipationEvent]) -> list[WeakFacts]:
    """The stored facts resting only on a weak source, by instrument and reason."""
    grouped: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in pool:
        if event.weak_source:
            grouped[(event.instrument, event.weak_source)].add(event.state)
    return [
        WeakFacts(instrument=instrument, reason=reason, states=sorted(states))
        for (instrument, reason), states in sorted(grouped.items())
    ]


def cross(
    *,
    having: Iterable[str],
    lacking: Iterable[str],
    as_of: date,
    session: Session,
    excluding: Iterable[str] = (),
) -> CrossAnswer:
    """States party to every ``having`` instrument and to none of ``lacking``, other than
    ``excluding`` (a question's definition: the NPT's nuclear-weapon states)."""
    having = [instrument_code(c) for c in having]
    lacking = [instrument_code(c) for c in lacking]
    if not having:
        raise InvalidInput("having", "name at least one instrument")
    return having_but_not(
        having=having,
        lacking=lacking,
        excluding=excluding,
        events=events(session=session),
        as_of=as_of,
    )


def question(name: str, *, as_of: date, session: Session) -> CrossAnswer:
    """One of the named cross-questions (``CROSS_QUESTIONS``)."""
    try:
        asked = CROSS_QUESTIONS[name]
    except KeyError:
        known = ", ".join(CROSS_QUESTIONS)
        raise InvalidInput("question", f"{name!r} is not one of {known}") from None
    return cross(
        having=asked.having,
        lacking=asked.lacking,
        excluding=asked.excluding,
        as_of=as_of,
        session=session,
    )
