"""Statutory steps before a decision, and government-to-government assurances.

The law these encode, as /work/shared/domain/law_process.md states it (its section numbers):

- AECA §71(b)(1), 22 U.S.C. 2797(b)(1) (1.7.2, 5.3.2): State may approve a licence for an MTCR
  Annex item only after referring the application to the Secretary of Defense. A munitions
  licence case with an Annex item cannot be approved until that referral is recorded here, or an
  interagency referral names the Defense agency (``add_defense_referral_finder``).
- NSPD-56 (5.3.3): State adjudicates a licence within 60 days of receipt unless a published
  exception applies (74 FR 63497). ``nspd56_clock`` reports the days and the exceptions that
  apply from what the case holds; it does not block anything (it is a target, not a bar).
- 15 CFR 750.6 (intent to deny) and 15 CFR Part 756 (appeals): law_process.md gives no days for
  either, so the periods below are explicit data marked unverified, and the texts say so.
- Assurances (MTCR Guidelines para 5, law_process.md 6.7 and 6.8; NSPD-56 exception 2): when a
  case is marked "assurances required", approval waits for every requested assurance.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import rules
from nonpro.cases.models import Assurance, Case, StatutoryStep
from nonpro.cases.records import get_case, record_event
from nonpro.cases.rules import CaseType, Decision
from nonpro.cases.schemas import ClockOut, GateReason
from nonpro.core.clock import today
from nonpro.core.errors import Conflict, InvalidInput, NotFound

AECA_71B1 = "AECA §71(b)(1), 22 U.S.C. 2797(b)(1) (law_process.md 1.7.2, 5.3.2)"
NSPD_56 = "NSPD-56 (Jan. 22, 2008); 74 FR 63497 (Dec. 3, 2009) (law_process.md 5.3.3)"
MTCR_PARA_5 = "MTCR Guidelines para 5; MTCR end-user undertakings (law_process.md 6.7, 6.8)"
NSPD_56_DAYS = 60

DEFENSE_REFERRAL = "defense_referral"
INTENT_TO_DENY = "intent_to_deny"
APPEAL = "appeal"
STEP_KINDS = (DEFENSE_REFERRAL, INTENT_TO_DENY, APPEAL)
ASSURANCE_KINDS = ("end_use", "no_retransfer", "no_wmd_delivery")


@dataclass(frozen=True)
class Period:
    """A number of days the law gives, with its source and whether that source was checked."""

    days: int
    source: str
    verified: bool

    @property
    def cited(self) -> str:
        return self.source + ("" if self.verified else " (days not verified in law_process.md)")


# law_process.md is silent on both: the days are the regulation's as commonly read, recorded
# here as data to verify against ecfr.gov (15 CFR 750.6(a), 756.2(a)) before relying on them.
INTENT_TO_DENY_RESPONSE = Period(
    20, "15 CFR 750.6 (applicant's response to an intent to deny)", False
)
APPEAL_PERIOD = Period(45, "15 CFR Part 756 (756.2: appeal of a licensing decision)", False)

# The interagency package tells cases which Defense referrals it holds (an agency code and date).
DefenseReferralFinder = Callable[[Case, Session], list[str]]
_FINDERS: list[DefenseReferralFinder] = []


def add_defense_referral_finder(finder: DefenseReferralFinder) -> None:
    """Let a capability above cases (interagency) say a case was referred to Defense; the
    finder returns a source text for each such referral (empty: none)."""
    if finder not in _FINDERS:
        _FINDERS.append(finder)


def _steps(case: Case, kind: str) -> list[StatutoryStep]:
    return [s for s in case.statutory_steps if s.kind == kind]


def needs_defense_referral(case: Case) -> bool:
    return case.type == CaseType.MUNITIONS_LICENSE.value and any(
        item.annex_item for item in case.items
    )


def defense_referrals(case: Case, session: Session) -> list[str]:
    """Every Defense referral of the case: recorded here, or an interagency referral."""
    found = [
        f"referral to the Secretary of Defense recorded by {s.recorded_by} on {s.on}"
        + (f"; Defense responded on {s.responded_on}" if s.responded_on else "")
        for s in _steps(case, DEFENSE_REFERRAL)
    ]
    for finder in _FINDERS:
        found += finder(case, session)
    return found


def _defense_gate(case: Case, session: Session) -> list[GateReason]:
    if not needs_defense_referral(case) or defense_referrals(case, session):
        return []
    annex = sorted({i.annex_item for i in case.items if i.annex_item})
    return [
        GateReason(
            kind="defense_referral",
            text="a munitions licence for MTCR Annex item(s) "
            f"{', '.join(str(a) for a in annex)} may be approved only after the application "
            "is referred to the Secretary of Defense: record the referral first",
            source=AECA_71B1,
        )
    ]


def _intent_to_deny_gate(case: Case, on: date) -> list[GateReason]:
    if case.type != CaseType.DUAL_USE_REFERRAL.value:
        return []
    reasons = []
    for notice in _steps(case, INTENT_TO_DENY):
        if notice.deadline is not None and on <= notice.deadline and notice.responded_on is None:
            reasons.append(
                GateReason(
                    kind="intent_to_deny",
                    text=f"the intent-to-deny notice of {notice.on} gives the applicant until "
                    f"{notice.deadline} to respond: the denial cannot be final before then",
                    source=INTENT_TO_DENY_RESPONSE.cited,
                )
            )
    return reasons


# The proviso that makes a licence valid only after the para 5 assurances (data/provisos.yaml).
ASSURANCES_PROVISO = "GOVERNMENT-ASSURANCES"


def assurances_required(case: Case) -> bool:
    """Marked by an analyst, or asked for by the assessment's suggested provisos."""
    suggested = (case.assessment or {}).get("provisos", [])
    return case.assurances_required or ASSURANCES_PROVISO in suggested


def outstanding_assurances(case: Case) -> list[Assurance]:
    return [a for a in case.assurances if a.received_on is None]


def _assurance_gate(case: Case) -> list[GateReason]:
    if not assurances_required(case):
        return []
    if not case.assurances:
        return [
            GateReason(
                kind="assurances",
                text="the case needs government-to-government assurances and none is "
                "requested: request them (end use, no retransfer, no use in WMD delivery)",
                source=MTCR_PARA_5,
            )
        ]
    return [
        GateReason(
            kind="assurances",
            text=f"the {a.kind.replace('_', ' ')} assurance requested from {a.government} "
            f"on {a.requested_on} is not received",
            source=MTCR_PARA_5,
        )
        for a in outstanding_assurances(case)
    ]


def decision_reasons(case: Case, decision: Decision, session: Session) -> list[GateReason]:
    """The statutory steps that block this decision now (``gates.blockers`` asks)."""
    reasons: list[GateReason] = []
    if decision in rules.APPROVALS:
        reasons += _defense_gate(case, session) + _assurance_gate(case)
    if decision == Decision.DENIED:
        reasons += _intent_to_deny_gate(case, today())
    return reasons


def nspd56_clock(case: Case, on: date | None = None) -> ClockOut | None:
    """The clock of a munitions licence case (None for other types). Receipt is the case's
    submission. An exception that applies is named; law_process.md does not say whether an
    exception stops the count or lifts the target, so the days are shown as counted."""
    if case.type != CaseType.MUNITIONS_LICENSE.value:
        return None
    on = on or today()
    exceptions = []
    if assurances_required(case) and (outstanding_assurances(case) or not case.assurances):
        exceptions.append("(2) required government assurances not yet received")
    referrals = [s for s in _steps(case, DEFENSE_REFERRAL) if s.responded_on is None]
    if referrals:
        exceptions.append("(4) Defense has not yet completed its review")
    note = (
        "exceptions (1) congressional notification, (3) end-use checks, (5) waivers and (6) "
        "policy under review are not tracked by nonpro; whether an exception pauses the count "
        "or lifts the 60-day target is not stated in law_process.md"
    )
    if case.submitted_at is None:
        return ClockOut(
            received=None,
            days_used=None,
            days_remaining=None,
            exceptions=exceptions,
            source=NSPD_56,
            note="not yet received; " + note,
        )
    received = case.submitted_at.date()
    used = (on - received).days
    return ClockOut(
        received=received,
        days_used=used,
        days_remaining=NSPD_56_DAYS - used,
        exceptions=exceptions,
        source=NSPD_56,
        note=note,
    )


# ---------------------------------------------------------------------------------- use cases


def _open_case(key: str | uuid.UUID, session: Session, actor: Principal) -> Case:
    require(actor, Permission.MANAGE_CASES)
    return get_case(key, session=session, reader=actor)


def record_step(
    key: str | uuid.UUID,
    kind: str,
    *,
    on: date,
    note: str = "",
    session: Session,
    actor: Principal,
) -> StatutoryStep:
    """Record a Defense referral, an intent-to-deny notice or an appeal, with its deadline."""
    case = _open_case(key, session, actor)
    if kind not in STEP_KINDS:
        raise InvalidInput("kind", f"is one of {', '.join(STEP_KINDS)}, not {kind!r}")
    if on > today():
        raise InvalidInput("on", f"{on} is in the future")
    deadline: date | None = None
    if kind == DEFENSE_REFERRAL and case.type != CaseType.MUNITIONS_LICENSE.value:
        raise InvalidInput("kind", "the AECA §71(b)(1) Defense referral is for munitions cases")
    if kind in (INTENT_TO_DENY, APPEAL) and case.type != CaseType.DUAL_USE_REFERRAL.value:
        raise InvalidInput("kind", f"{kind} is a Commerce dual-use step (15 CFR 750.6, 756)")
    if kind == INTENT_TO_DENY:
        deadline = on + timedelta(days=INTENT_TO_DENY_RESPONSE.days)
    if kind == APPEAL:
        if case.decision != Decision.DENIED.value or case.decided_at is None:
            raise Conflict(f"case {case.reference} is not denied: there is nothing to appeal")
        deadline = case.decided_at.date() + timedelta(days=APPEAL_PERIOD.days)
        if on > deadline:
            raise InvalidInput(
                "on", f"the appeal period ended on {deadline} ({APPEAL_PERIOD.cited})"
            )
    step = StatutoryStep(kind=kind, on=on, deadline=deadline, note=note, recorded_by=actor.username)
    case.statutory_steps.append(step)
    record_event(
        session,
        case,
        actor,
        f"statutory.{kind}",
        f"{kind.replace('_', ' ')} on {on}" + (f", due by {deadline}" if deadline else ""),
        payload={"step": str(step.id), "kind": kind, "on": on.isoformat()},
    )
    session.flush()
    return step


def _step(case: Case, step_id: str | uuid.UUID) -> StatutoryStep:
    found = next((s for s in case.statutory_steps if str(s.id) == str(step_id)), None)
    if found is None:
        raise NotFound("statutory step", step_id)
    return found


def record_response(
    key: str | uuid.UUID,
    step_id: str | uuid.UUID,
    *,
    on: date,
    response: str,
    session: Session,
    actor: Principal,
) -> StatutoryStep:
    """Defense's response to the referral, or the applicant's to an intent-to-deny notice."""
    case = _open_case(key, session, actor)
    step = _step(case, step_id)
    if step.kind == APPEAL:
        raise InvalidInput("step", "an appeal is answered by the appeal decision, not here")
    if step.responded_on is not None:
        raise Conflict(f"the {step.kind} of {step.on} already has a response")
    if not response.strip():
        raise InvalidInput("response", "say what the response was")
    if on < step.on or on > today():
        raise InvalidInput("on", f"{on} is before the step ({step.on}) or in the future")
    step.responded_on, step.response = on, response
    record_event(
        session,
        case,
        actor,
        f"statutory.{step.kind}_response",
        f"response of {on} to the {step.kind.replace('_', ' ')} of {step.on}: {response}",
        payload={"step": str(step.id), "on": on.isoformat()},
    )
    session.flush()
    return step


def set_assurances_required(
    key: str | uuid.UUID, required: bool, *, session: Session, actor: Principal
) -> Case:
    case = _open_case(key, session, actor)
    case.assurances_required = required
    record_event(
        session,
        case,
        actor,
        "assurances.required" if required else "assurances.not_required",
        "government-to-government assurances " + ("required" if required else "not required"),
    )
    session.flush()
    return case


def request_assurance(
    key: str | uuid.UUID,
    kind: str,
    *,
    government: str,
    on: date,
    session: Session,
    actor: Principal,
) -> Assurance:
    case = _open_case(key, session, actor)
    if kind not in ASSURANCE_KINDS:
        raise InvalidInput("kind", f"is one of {', '.join(ASSURANCE_KINDS)}, not {kind!r}")
    code = government.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InvalidInput("government", "is an ISO 3166 alpha-2 country code")
    if on > today():
        raise InvalidInput("on", f"{on} is in the future")
    assurance = Assurance(kind=kind, government=code, requested_on=on, requested_by=actor.username)
    case.assurances.append(assurance)
    record_event(
        session,
        case,
        actor,
        "assurances.requested",
        f"{kind.replace('_', ' ')} assurance requested from {code} on {on}",
        payload={"assurance": str(assurance.id), "kind": kind, "government": code},
    )
    session.flush()
    return assurance


def receive_assurance(
    key: str | uuid.UUID,
    assurance_id: str | uuid.UUID,
    *,
    on: date,
    reference: str,
    session: Session,
    actor: Principal,
) -> Assurance:
    case = _open_case(key, session, actor)
    assurance = next((a for a in case.assurances if str(a.id) == str(assurance_id)), None)
    if assurance is None:
        raise NotFound("assurance", assurance_id)
    if assurance.received_on is not None:
        raise Conflict(f"the {assurance.kind} assurance was received on {assurance.received_on}")
    if not reference.strip():
        raise InvalidInput("reference", "give the assurance's text or its reference")
    if on < assurance.requested_on or on > today():
        raise InvalidInput("on", f"{on} is before the request or in the future")
    assurance.received_on, assurance.reference = on, reference
    assurance.received_by = actor.username
    record_event(
        session,
        case,
        actor,
        "assurances.received",
        f"{assurance.kind.replace('_', ' ')} assurance from {assurance.government} "
        f"received on {on}: {reference}",
        payload={"assurance": str(assurance.id), "on": on.isoformat()},
    )
    session.flush()
    return assurance
