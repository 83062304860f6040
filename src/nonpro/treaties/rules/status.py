"""The status of a state in an instrument as of any date, derived from its events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from nonpro.treaties.reference import StateLineage, load_instruments, load_state_lineage
from nonpro.treaties.rules.dates import Happened, happened_by, window
from nonpro.treaties.rules.in_force import binding_note, binding_window, not_in_force_note
from nonpro.treaties.schemas import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    ChangesResult,
    CountryStatus,
    EventKind,
    ParticipationEvent,
    PartiesResult,
    StateStatus,
    Status,
    StatusChange,
)

# On one day a signature comes before the ratification it precedes ("signed and ratified on D").
_ORDER = dict.fromkeys(SIGNATURE_KINDS, 0) | dict.fromkeys(CONSENT_KINDS, 1)


def _sort_key(event: ParticipationEvent) -> tuple[date, int]:
    return (event.effective, _ORDER.get(event.kind, 2))


def _events_for(
    state: str, instrument: str, events: Iterable[ParticipationEvent], lineage: StateLineage
) -> tuple[list[ParticipationEvent], list[str]]:
    """The events that speak for ``state``: its own, and for an extinct state the acts its
    continuator (the Russian Federation for the USSR) made before the predecessor ended."""
    own = [e for e in events if e.instrument == instrument and e.state == state]
    notes: list[str] = []
    continuator = lineage.continuator_of(state)
    if continuator is not None:
        code, ended = continuator
        inherited = [
            e
            for e in events
            if e.instrument == instrument and e.state == code and e.effective < ended
        ]
        if inherited:
            notes.append(f"acts recorded under {code}, which continues {state}")
        own.extend(inherited)
    return own, notes


def _derive(
    events: Sequence[ParticipationEvent], as_of: date, *, assume_unknown: bool
) -> tuple[Status, ParticipationEvent | None, list[str]]:
    """The status the events give as of ``as_of``: without the events whose date may fall either
    side of it, or (``assume_unknown``) with them; equal answers mean the status is known."""
    status, since, signed = Status.NONE, None, False
    notes: list[str] = []
    for event in sorted(events, key=_sort_key):
        if event.disputed:
            if event.date <= as_of:
                note = f"disputed {event.kind.value} of {event.date}: {event.note or ''}"
                notes.append(note.strip())
            continue
        if event.kind is EventKind.INTENT_NOT_TO_BECOME_PARTY:
            if event.date <= as_of:
                notes.append(
                    f"on {event.date} notified the depositary that it does not intend to become "
                    "a party: its signature carries no legal obligations"
                )
            continue
        if event.kind is EventKind.WITHDRAWAL and event.date <= as_of < event.effective:
            notes.append(f"withdrawal notified {event.date}, effective {event.effective}")
            continue
        happened = happened_by(event, as_of)
        if happened is Happened.NO or (happened is Happened.UNKNOWN and not assume_unknown):
            continue
        before = status
        if event.kind in SIGNATURE_KINDS:
            signed = True
            if status is Status.NONE:
                status = Status.SIGNATORY
        elif event.kind in CONSENT_KINDS:
            status = Status.PARTY
        elif event.kind is EventKind.PROVISIONAL_APPLICATION:
            if status in (Status.NONE, Status.SIGNATORY):
                status = Status.PROVISIONAL
        elif event.kind is EventKind.PROVISIONAL_APPLICATION_ENDED:
            status, since = _provisional_ended(status, since, events, notes, event)
            continue
        elif event.kind is EventKind.WITHDRAWAL:
            status = Status.WITHDRAWN
        elif event.kind is EventKind.WITHDRAWAL_OF_RATIFICATION:
            # Russia, CTBT, 2023: it revoked its ratification but remains a signatory.
            status = Status.SIGNATORY if signed else Status.NONE
        if status is not before:
            since = event
    return status, since, notes


def _provisional_ended(
    status: Status,
    since: ParticipationEvent | None,
    events: Sequence[ParticipationEvent],
    notes: list[str],
    ended: ParticipationEvent,
) -> tuple[Status, ParticipationEvent | None]:
    """Back to what it was before it applied the instrument provisionally: a signatory since its
    signature (not since the day it stopped), with a note of the period."""
    if status is not Status.PROVISIONAL:
        return status, since
    started = since.date if since else None
    notes.append(f"applied it provisionally from {started} until {ended.date}")
    signature = next(
        (e for e in events if e.kind in SIGNATURE_KINDS and e.date <= ended.date), None
    )
    return (Status.SIGNATORY, signature) if signature else (Status.NONE, ended)


def _in_force(
    status: Status, consent: ParticipationEvent | None, as_of: date, *, sure: bool
) -> tuple[Status, date | None]:
    """A consent's status once the treaty's entry into force is applied: party only from the day
    the instrument is in force for the state, consented before it. ``sure``: party only when the
    latest day it can bind is past (the other reading takes the earliest). Also the exact day it
    binds, when known."""
    if status is not Status.PARTY or consent is None or consent.kind not in CONSENT_KINDS:
        return status, None
    found = binding_window(consent)
    if found is None:
        return Status.CONSENTED, None
    first, last = found
    bound = last <= as_of if sure else first <= as_of
    return (Status.PARTY if bound else Status.CONSENTED), (last if first == last else None)


def status_of(
    state: str,
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> StateStatus:
    """The status of ``state`` (alpha-3) in ``instrument`` as of ``as_of``, with its events."""
    lineage = lineage or load_state_lineage()
    own, notes = _events_for(state, instrument, list(events), lineage)
    status, since_event, more = _derive(own, as_of, assume_unknown=False)
    notes.extend(more)
    status, bound_from = _in_force(status, since_event, as_of, sure=True)
    since, since_text = None, None
    if since_event is not None:
        earliest, latest = window(since_event)
        since = latest if earliest == latest else None  # never a bound as an exact date
        since_text = since_event.date_text
        note = binding_note(since_event, bound_from) if since_event.kind in CONSENT_KINDS else None
        if note:
            notes.append(note)
            if status is Status.PARTY and bound_from is not None:
                since, since_text = bound_from, bound_from.isoformat()
    possible: list[Status] = []
    assumed, assumed_event, _ = _derive(own, as_of, assume_unknown=True)
    assumed, _ = _in_force(assumed, assumed_event, as_of, sure=False)
    if assumed is not status:
        possible = [status, assumed]
        status, since, since_text = Status.UNKNOWN, None, None
        notes.extend(
            f"{e.kind.value} {e.date_text}: not known whether it took effect by {as_of}"
            for e in sorted(own, key=_sort_key)
            if happened_by(e, as_of) is Happened.UNKNOWN
        )
    ended = lineage.ended(state)
    if ended is not None and as_of >= ended:
        # An extinct state is party to nothing after it ceased to exist; its successors answer.
        if status is not Status.NONE:
            notes.append(f"{state} ceased to exist on {ended}; was {status.value}")
        status, since, since_text, possible = Status.NONE, ended, ended.isoformat(), []
    continued = lineage.continued(state)
    if continued is not None and as_of < continued[1] and status is not Status.NONE:
        # Before the USSR ended, the acts recorded under the Russian Federation were the USSR's:
        # answering for both would count one party twice.
        notes.append(
            f"until {continued[1]} these acts were {continued[0]}'s, which {state} continues"
        )
        status, since, since_text, possible = Status.NONE, None, None, []
    relevant = sorted(
        (e for e in own if min(e.date, e.effective, window(e)[0]) <= as_of), key=_sort_key
    )
    notes.extend(
        f"{e.kind.value} notified {e.date}, effective retroactively from {e.effective}"
        for e in relevant
        if e.effective < e.date and as_of < e.date
    )
    return StateStatus(
        state=state,
        instrument=instrument,
        as_of=as_of,
        status=status,
        since=since,
        since_text=since_text,
        events=relevant,
        notes=notes,
        possible=possible,
    )


def statuses(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> dict[str, StateStatus]:
    """Every state with an event in ``instrument``, and its status as of ``as_of``."""
    lineage = lineage or load_state_lineage()
    pool = [e for e in events if e.instrument == instrument]
    states = {e.state for e in pool} | {
        old for old in lineage.extinct() if lineage.continuator_of(old)
    }
    result = {
        s: status_of(s, instrument, events=pool, as_of=as_of, lineage=lineage) for s in states
    }
    return {s: st for s, st in sorted(result.items()) if st.events or st.status is not Status.NONE}


def party_states(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    status: Status = Status.PARTY,
    lineage: StateLineage | None = None,
) -> list[str]:
    """The states (alpha-3, sorted) whose status in ``instrument`` as of ``as_of`` is ``status``."""
    found = statuses(instrument, events=events, as_of=as_of, lineage=lineage)
    return [s for s, st in found.items() if st.status is status]


def parties(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    status: Status = Status.PARTY,
    lineage: StateLineage | None = None,
) -> PartiesResult:
    """``nonpro treaties parties``: the states known to have ``status`` in ``instrument`` as of a
    date, and apart from them the states that may have it (their dates cannot say)."""
    found = statuses(instrument, events=events, as_of=as_of, lineage=lineage)
    consented = sum(1 for st in found.values() if st.status is Status.CONSENTED)
    return PartiesResult(
        instrument=instrument,
        as_of=as_of,
        status=status,
        states=[s for s, st in found.items() if st.status is status],
        unknown=[s for s, st in found.items() if status in st.possible],
        note=not_in_force_note(instrument, consented=consented) if status is Status.PARTY else None,
    )


def country_status(
    state: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    instruments: Iterable[str] | None = None,
    lineage: StateLineage | None = None,
) -> CountryStatus:
    """``nonpro treaties status STATE``: the state's status in every instrument, with events."""
    pool = list(events)
    codes = list(instruments) if instruments is not None else list(load_instruments())
    return CountryStatus(
        state=state,
        as_of=as_of,
        instruments=[
            status_of(state, code, events=pool, as_of=as_of, lineage=lineage) for code in codes
        ],
    )


def signatories(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> list[str]:
    """States that signed by ``as_of`` and still take part: what a depositary's "Signatories : N"
    counts (signers that later ratified are in; withdrawn and extinct states are out)."""
    lineage = lineage or load_state_lineage()
    pool = [e for e in events if e.instrument == instrument]
    signers = {e.state for e in pool if e.kind in SIGNATURE_KINDS and e.date <= as_of}
    return sorted(
        s
        for s in signers
        if status_of(s, instrument, events=pool, as_of=as_of, lineage=lineage).status
        in (Status.PARTY, Status.CONSENTED, Status.PROVISIONAL, Status.SIGNATORY)
    )


def changes(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    start: date,
    end: date,
    lineage: StateLineage | None = None,
) -> ChangesResult:
    """Every change of status in ``instrument`` between ``start`` (exclusive) and ``end``.

    A change is dated when it took effect (a succession notified in 1993 may date from 1992)."""
    lineage = lineage or load_state_lineage()
    pool = [e for e in events if e.instrument == instrument]
    found: list[StatusChange] = []
    for state in sorted({e.state for e in pool}):
        mine = [e for e in pool if e.state == state]
        before = status_of(state, instrument, events=mine, as_of=start, lineage=lineage).status
        for event in sorted(mine, key=_sort_key):
            if not start < event.effective <= end:
                continue
            after = status_of(
                state, instrument, events=mine, as_of=event.effective, lineage=lineage
            ).status
            if after is not before:
                found.append(
                    StatusChange(
                        state=state,
                        instrument=instrument,
                        date=event.effective,
                        before=before,
                        after=after,
                        event=event,
                    )
                )
                before = after
    found.sort(key=lambda c: (c.date, c.state))
    return ChangesResult(instrument=instrument, start=start, end=end, changes=found)
