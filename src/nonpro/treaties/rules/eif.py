"""Entry-into-force arithmetic: who and how many must still consent, and when a rule was met."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from nonpro.core.clock import add_months
from nonpro.treaties.reference import StateLineage, get_instrument, load_state_lineage
from nonpro.treaties.rules.status import _derive, _sort_key, statuses
from nonpro.treaties.schemas import (
    CONSENT_KINDS,
    EifRule,
    EifStatus,
    Instrument,
    ParticipationEvent,
    Status,
)


def _add_delay(trigger: date, rule: EifRule) -> date:
    when = add_months(trigger, rule.delay_months) + timedelta(days=rule.delay_days)
    if rule.delay_months_first_day:
        when = add_months(trigger.replace(day=1), rule.delay_months_first_day)
    if rule.not_before and when < rule.not_before:
        when = rule.not_before
    return when


def eif_outstanding(
    instrument: Instrument | str,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> EifStatus:
    """Who and how many must still consent before ``instrument`` enters into force, as of a date.

    For the CTBT this lists the Annex 2 states whose ratification is still needed; for a
    count-based rule it counts the consents still missing. When the events already meet the rule,
    ``entry_into_force`` is the date the rule gives from the triggering deposit. An instrument
    without a count or named-states rule (Tlatelolco, the regimes) reports its recorded date."""
    if isinstance(instrument, str):
        instrument = get_instrument(instrument)
    rule = instrument.eif_rule
    lineage = lineage or load_state_lineage()
    pool = [e for e in events if e.instrument == instrument.code and e.effective <= as_of]
    now = statuses(instrument.code, events=pool, as_of=as_of, lineage=lineage)
    # Entry into force counts consents: a ratifier is bound only once the treaty is in force.
    party_now = {s for s, st in now.items() if st.status in (Status.PARTY, Status.CONSENTED)}
    if rule is None or (rule.count is None and not rule.required_states):
        recorded = instrument.entry_into_force
        return EifStatus(
            instrument=instrument.code,
            as_of=as_of,
            rule=rule.text if rule else "no entry-into-force rule",
            in_force=recorded is not None and recorded <= as_of,
            entry_into_force=recorded if recorded and recorded <= as_of else None,
            consents=len(party_now),
        )
    required = set(rule.required_states)
    outstanding = sorted(required - party_now)
    signed = {s for s, st in now.items() if st.status in (Status.SIGNATORY, Status.PROVISIONAL)}
    needed = rule.count or len(required)
    trigger = _trigger_date(pool, rule, needed)
    eif, note = _depositary_date(instrument, _add_delay(trigger, rule) if trigger else None, as_of)
    return EifStatus(
        instrument=instrument.code,
        as_of=as_of,
        rule=rule.text,
        in_force=eif is not None and eif <= as_of,
        entry_into_force=eif,
        consents=len(party_now),
        count_required=rule.count,
        # At least this many more consents: the missing count, or the named states still out.
        count_outstanding=0 if trigger else max(needed - len(party_now), len(outstanding)),
        required_outstanding=outstanding,
        required_signed_not_ratified=sorted(set(outstanding) & signed),
        required_not_signed=sorted(set(outstanding) - signed),
        note=note,
    )


def _depositary_date(
    instrument: Instrument, computed: date | None, as_of: date
) -> tuple[date | None, str | None]:
    """One entry-into-force date: the depositary's where it records one, with a note when the
    recorded deposits give another (the CCW's Amended Protocol II: 3 December 1998 by the
    depositary, not the six months after the 20th consent the deposits here give)."""
    recorded = instrument.entry_into_force
    if recorded is None or recorded > as_of or computed == recorded:
        return computed, None
    given = f"give {computed}" if computed else "do not meet the rule"
    return recorded, (
        f"the depositary records entry into force on {recorded}; the deposits recorded here "
        f"{given}, so the depositary's date is shown"
    )


def _trigger_date(pool: list[ParticipationEvent], rule: EifRule, needed: int) -> date | None:
    """The first deposit date on which the rule's conditions were met, if they ever were."""
    first_consent: dict[str, date] = {}
    by_state: dict[str, list[ParticipationEvent]] = defaultdict(list)
    for event in pool:
        by_state[event.state].append(event)
    for event in sorted(pool, key=_sort_key):
        if event.kind in CONSENT_KINDS:
            first_consent.setdefault(event.state, event.effective)
    for day in sorted(set(first_consent.values())):
        bound = {
            s
            for s in by_state
            if _derive(by_state[s], day, assume_unknown=False)[0] is Status.PARTY
        }
        if len(bound) >= needed and set(rule.required_states) <= bound:
            return day
    return None
