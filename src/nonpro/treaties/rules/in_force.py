"""Party only once in force: a consent binds a state from the day the instrument is in force for it.

A state that ratified before a treaty entered into force is a ratifying (consenting) state until
that day: the NPT's ratifiers of 1968-69 until 5 March 1970, every CTBT ratifier today. A state
that consents once the treaty is in force is bound after the delay the treaty sets for late
joiners: the CWC on the thirtieth day after its deposit (art. XXI(2)), the ATT on the ninetieth
(art. 22(2)). Regimes and safeguards agreements bind from the event itself, and so does an
instrument whose entry-into-force rule nonpro has not recorded (the NWFZ protocols).
"""

from __future__ import annotations

from datetime import date, timedelta

from nonpro.core.clock import add_months
from nonpro.treaties.reference import load_instruments
from nonpro.treaties.rules.dates import window
from nonpro.treaties.schemas import EventKind, Instrument, InstrumentKind, ParticipationEvent

# A succession binds from the day it names; only a new consent waits the late joiner's delay.
_WAITING_KINDS = frozenset(
    {
        EventKind.RATIFICATION,
        EventKind.ACCESSION,
        EventKind.ACCEPTANCE,
        EventKind.APPROVAL,
        EventKind.CONSENT_TO_BE_BOUND,
    }
)


def treaty_rule_applies(instrument: str) -> bool:
    """Whether a consent to ``instrument`` binds only once it is in force (a treaty or protocol
    with a recorded entry-into-force rule)."""
    found = load_instruments().get(instrument)
    return (
        found is not None
        and found.kind in (InstrumentKind.TREATY, InstrumentKind.PROTOCOL)
        and found.eif_rule is not None
    )


def _binds_from(instrument: Instrument, consent: ParticipationEvent, day: date) -> date | None:
    """The day a consent given on ``day`` binds its state; None while the treaty is not in force."""
    rule, eif = instrument.eif_rule, instrument.entry_into_force
    if rule is None:
        return day
    if eif is None:
        return None
    if day <= eif:
        return eif
    if consent.kind not in _WAITING_KINDS or rule.joiner_text is None:
        return day
    if rule.joiner_delay_months_first_day:
        return add_months(day.replace(day=1), rule.joiner_delay_months_first_day)
    return add_months(day, rule.joiner_delay_months) + timedelta(days=rule.joiner_delay_days)


def binding_window(consent: ParticipationEvent) -> tuple[date, date] | None:
    """The earliest and the latest day ``consent`` binds its state: the event's own window for a
    regime or a safeguards agreement; None while the treaty is not in force."""
    earliest, latest = window(consent)
    if not treaty_rule_applies(consent.instrument):
        return earliest, latest
    instrument = load_instruments()[consent.instrument]
    last = _binds_from(instrument, consent, latest)
    if last is None:
        return None
    first = _binds_from(instrument, consent, earliest) if earliest != date.min else None
    return (first or date.min), last


def not_in_force_note(instrument: str, *, consented: int) -> str | None:
    """Why no state is party: the treaty has not entered into force (None when it has)."""
    found = load_instruments().get(instrument)
    if not treaty_rule_applies(instrument) or found is None or found.entry_into_force:
        return None
    return (
        f"{instrument} has not entered into force: no state is party to it yet; "
        f"{consented} have ratified or acceded (status 'consented')"
    )


def binding_note(consent: ParticipationEvent, bound_from: date | None) -> str | None:
    """Why a consent binds later than its date (or not yet), in words; None when it binds then."""
    if not treaty_rule_applies(consent.instrument):
        return None
    instrument = load_instruments()[consent.instrument]
    rule = instrument.eif_rule
    what = f"{consent.kind.value.replace('_', ' ')} {consent.date_text}"
    if bound_from is None:
        return f"{what}; {instrument.code} has not entered into force"
    if bound_from == consent.effective:
        return None
    if instrument.entry_into_force is not None and bound_from == instrument.entry_into_force:
        return f"{what}; bound from {bound_from}, when {instrument.code} entered into force"
    joiner = rule.joiner_text if rule else None
    if rule is not None and rule.joiner_source is None:
        joiner = f"{joiner}; article recalled, not checked against the treaty text"
    return f"{what}; in force for it from {bound_from} ({joiner})"
