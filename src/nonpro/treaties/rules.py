"""Status as of a date, derived from events; entry-into-force arithmetic.

Nothing here reads files or a database: callers pass the events (from a parser, the compiled
reference data or, later, storage), so the same rules answer for any source.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from nonpro.treaties.reference import StateLineage, load_state_lineage
from nonpro.treaties.schemas import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    EifRule,
    EifStatus,
    EventKind,
    Instrument,
    ParticipationEvent,
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
    events: Sequence[ParticipationEvent], as_of: date
) -> tuple[Status, date | None, list[str]]:
    status, since, signed = Status.NONE, None, False
    notes: list[str] = []
    for event in sorted(events, key=_sort_key):
        if event.disputed:
            notes.append(f"disputed {event.kind.value} of {event.date}: {event.note or ''}".strip())
            continue
        if event.kind is EventKind.WITHDRAWAL and event.date <= as_of < event.effective:
            notes.append(f"withdrawal notified {event.date}, effective {event.effective}")
            continue
        if event.effective > as_of:
            continue
        before = status
        if event.kind in SIGNATURE_KINDS:
            signed = True
            if status is Status.NONE:
                status = Status.SIGNATORY
        elif event.kind in CONSENT_KINDS:
            status = Status.PARTY
        elif event.kind is EventKind.WITHDRAWAL:
            status = Status.WITHDRAWN
        elif event.kind is EventKind.WITHDRAWAL_OF_RATIFICATION:
            # Russia, CTBT, 2023: it revoked its ratification but remains a signatory.
            status = Status.SIGNATORY if signed else Status.NONE
        if status is not before:
            since = event.effective
    return status, since, notes


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
    status, since, more = _derive(own, as_of)
    notes.extend(more)
    ended = lineage.ended(state)
    if ended is not None and as_of >= ended:
        # An extinct state is party to nothing after it ceased to exist; its successors answer.
        if status is not Status.NONE:
            notes.append(f"{state} ceased to exist on {ended}; was {status.value}")
        status, since = Status.NONE, ended
    relevant = sorted((e for e in own if min(e.date, e.effective) <= as_of), key=_sort_key)
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
        events=relevant,
        notes=notes,
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


def parties(
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
        in (Status.PARTY, Status.SIGNATORY)
    )


def changes(
    instrument: str,
    *,
    events: Iterable[ParticipationEvent],
    start: date,
    end: date,
    lineage: StateLineage | None = None,
) -> list[StatusChange]:
    """Every change of status in ``instrument`` between ``start`` (exclusive) and ``end``."""
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
    return sorted(found, key=lambda c: (c.date, c.state))


def _add_delay(trigger: date, rule: EifRule) -> date:
    when = add_months(trigger, rule.delay_months) + timedelta(days=rule.delay_days)
    if rule.delay_months_first_day:
        months = trigger.month - 1 + rule.delay_months_first_day
        when = date(trigger.year + months // 12, months % 12 + 1, 1)
    if rule.not_before and when < rule.not_before:
        when = rule.not_before
    return when


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's end ("six months after 2 June")."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def eif_outstanding(
    instrument: Instrument,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> EifStatus:
    """Who and how many must still consent before ``instrument`` enters into force, as of a date.

    For the CTBT this lists the Annex 2 states whose ratification is still needed; for a
    count-based rule it counts the consents still missing. When the events already meet the rule,
    ``entry_into_force`` is the date the rule gives from the triggering deposit."""
    rule = instrument.eif_rule
    if rule is None:
        return EifStatus(
            instrument=instrument.code, as_of=as_of, rule="no entry-into-force rule",
            in_force=instrument.entry_into_force is not None
            and instrument.entry_into_force <= as_of, consents=0,
        )  # fmt: skip
    lineage = lineage or load_state_lineage()
    pool = [e for e in events if e.instrument == instrument.code and e.effective <= as_of]
    now = statuses(instrument.code, events=pool, as_of=as_of, lineage=lineage)
    party_now = {s for s, st in now.items() if st.status is Status.PARTY}
    required = set(rule.required_states)
    outstanding = sorted(required - party_now)
    signed = {s for s, st in now.items() if st.status is Status.SIGNATORY}
    needed = rule.count or len(required)
    trigger = _trigger_date(pool, rule, needed, lineage)
    eif = _add_delay(trigger, rule) if trigger else None
    return EifStatus(
        instrument=instrument.code,
        as_of=as_of,
        rule=rule.text,
        in_force=eif is not None and eif <= as_of,
        entry_into_force=eif,
        consents=len(party_now),
        count_required=rule.count,
        count_outstanding=max(0, needed - len(party_now)),
        required_outstanding=outstanding,
        required_signed_not_ratified=sorted(set(outstanding) & signed),
        required_not_signed=sorted(set(outstanding) - signed),
    )


def _trigger_date(
    pool: list[ParticipationEvent], rule: EifRule, needed: int, lineage: StateLineage
) -> date | None:
    """The first deposit date on which the rule's conditions were met, if they ever were."""
    first_consent: dict[str, date] = {}
    by_state: dict[str, list[ParticipationEvent]] = defaultdict(list)
    for event in pool:
        by_state[event.state].append(event)
    for event in sorted(pool, key=_sort_key):
        if event.kind in CONSENT_KINDS:
            first_consent.setdefault(event.state, event.effective)
    for day in sorted(set(first_consent.values())):
        bound = {s for s in by_state if _derive(by_state[s], day)[0] is Status.PARTY}
        if len(bound) >= needed and set(rule.required_states) <= bound:
            return day
    return None
