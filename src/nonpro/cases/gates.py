"""Decision gates: what must hold before a case is decided, whichever path asks (CLI, API, web).

``blockers`` is the one function that says why a decision cannot be taken now; every reason
names its source (the Annex item, the list entry, the referral, the statute). Add a check there
(or, from a capability above this one, with ``add_decision_check``). The gates:

- the assessment must be current (the lists have not changed since, it carries hit states);
- a decision that departs from the recommendation needs a written justification;
- hard stops on an approval: a Category I item, a receiving party confirmed as a listed match,
  a destination under a UN or U.S. arms or missile embargo; each is lifted only by an audited
  exception that covers it (``GateException``, recorded by a role allowed to, naming its basis);
- screening hits not yet decided block any decision, as do the checks capabilities above this
  one add: interagency adds open referrals and pending escalations (``nonpro.interagency``);
  denials adds a hard stop for each partner's denial in force that an approval would undercut
  (``nonpro.denials``: consult the partner, then record the exception naming the consultation).

Statutory steps (``statutory.py``): an MTCR Annex munitions licence needs its referral to
Defense (AECA §71(b)(1)), a case marked "assurances required" every assurance received, and a
dual-use denial waits out the applicant's intent-to-deny response period (15 CFR 750.6).

Two-person approval (who must countersign) is ``decisions.py``'s, from ``rules.COUNTERSIGNED``.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from nonpro.cases import rules, statutory
from nonpro.cases.assessment import is_stale
from nonpro.cases.models import Case, GateException
from nonpro.cases.rules import Decision, Recommendation, Status
from nonpro.cases.schemas import Finding, GateReason
from nonpro.controls.catchall import DestinationPolicy, destination_policy
from nonpro.core.clock import today
from nonpro.core.errors import ConfigurationError

# A check a capability above cases adds (it may read its own tables about the case): a decision
# check blocks any decision; a hard stop blocks an approval until an exception covers it.
DecisionCheck = Callable[[Case, Session], list[GateReason]]
_ADDED_CHECKS: dict[str, DecisionCheck] = {}
_ADDED_STOPS: dict[str, DecisionCheck] = {}
# Set by ``nonpro.wiring.install`` once every capability has added its checks. Until then no
# decision is taken: a path that forgot to install them cannot decide around a gate.
_installed: list[bool] = []


def mark_checks_installed() -> None:
    if not _installed:
        _installed.append(True)


CATEGORY_I_BASIS = "MTCR Guidelines para 2; 15 CFR 742.5 (strong presumption of denial)"
LISTED_BASIS = "AECA §74 (consignees and end users are parties to the transfer)"
UN_BASIS = "UN Charter Art. 25 and 41: Security Council measures bind every state"
# No U.S. embargo list is kept as data yet: the state-sponsor-of-terrorism designations are
# what the project holds (controls catch-all data), and ITAR §126.1 puts them under a policy of
# denial (law_process.md 5.3.6). Other U.S. embargoes (ITAR §126.1(d)(2)) are not yet known here.
US_BASIS = "ITAR §126.1 (policy of denial for proscribed and embargoed destinations)"


def add_decision_check(name: str, check: DecisionCheck) -> None:
    """Let a capability that builds on cases (interagency) block decisions with its own facts;
    adding the same name again replaces the check."""
    _ADDED_CHECKS[name] = check


def add_hard_stop(name: str, check: DecisionCheck) -> None:
    """Let a capability that builds on cases (denials: the no-undercut rule) add hard stops on an
    approval; its reasons need ``hard_stop=True`` and a ``key`` an exception can name."""
    _ADDED_STOPS[name] = check


def blockers(
    case: Case, decision: Decision, justification: str, *, session: Session
) -> list[GateReason]:
    """Every reason the decision cannot be taken now (empty: the gates are open). Hard stops
    covered by an exception are left out; ``hard_stops`` lists them all."""
    if not _installed:
        raise ConfigurationError(
            "checks",
            "the capabilities' decision checks are not installed (nonpro.wiring.install): "
            "no decision is taken without them",
        )
    reasons = _assessment_current(case, session)
    reasons += _justification(case, decision, justification)
    if decision in rules.APPROVALS:
        reasons += [r for r in hard_stops(case, session=session) if r.excepted_by is None]
    reasons += _undecided_hits(case)
    # AECA §71(b)(1) Defense referral, assurances, the intent-to-deny response period.
    reasons += statutory.decision_reasons(case, decision, session)
    for check in _ADDED_CHECKS.values():
        reasons += check(case, session)
    return reasons


def hard_stops(case: Case, *, session: Session) -> list[GateReason]:
    """The case's hard stops on an approval, each marked with the exception covering it."""
    found = _category_i(case) + _listed_parties(case) + _embargoes(case)
    for check in _ADDED_STOPS.values():
        found += check(case, session)
    covering = {key: e for e in case.gate_exceptions for key in e.stops}
    return [
        r.model_copy(update={"excepted_by": _excepted(covering[r.key])}) if r.key in covering else r
        for r in found
    ]


def _excepted(exception: GateException) -> str:
    return f"{exception.recorded_by} on {exception.recorded_at:%Y-%m-%d}: {exception.legal_basis}"


def _findings(case: Case) -> list[Finding]:
    return [Finding.model_validate(f) for f in (case.assessment or {}).get("findings", [])]


def _assessment_current(case: Case, session: Session) -> list[GateReason]:
    if case.assessment is None:
        problem = "the case has not been assessed"
    elif is_stale(case, session=session):
        problem = "the lists or the sanctions register changed since the case was assessed"
    elif any(f.entry_id and f.hit_state is None for f in _findings(case)):
        problem = "the assessment predates the decision gates (it does not say how hits stand)"
    else:
        return []
    return [
        GateReason(
            kind="stale_assessment",
            text=f"{problem}: assess the case again before deciding it",
            source=f"assessment of {case.assessed_at:%Y-%m-%d %H:%M} UTC"
            if case.assessed_at
            else "no assessment",
        )
    ]


def _was_referred(case: Case) -> bool:
    return any(e.to_status == Status.REFERRED.value for e in case.events)


def _justification(case: Case, decision: Decision, justification: str) -> list[GateReason]:
    if justification.strip():
        return []
    recommendation = Recommendation(case.recommendation) if case.recommendation else None
    if recommendation is not None:
        follows = rules.FOLLOWS_RECOMMENDATION[recommendation]
        if decision in follows:
            return []
        # After a referral the decision rests on the interagency advice, not on "refer".
        if recommendation == Recommendation.REFER and _was_referred(case):
            return []
    fired = [
        r["rule"]
        for r in (case.assessment or {}).get("rules", [])
        if r.get("recommendation") == (recommendation.value if recommendation else None)
    ]
    return [
        GateReason(
            kind="justification",
            field="justification",
            text=f"the decision {decision.value} departs from the recommendation "
            f"{recommendation.value if recommendation else '(none recorded)'}: "
            "write a justification",
            source="automatic assessment"
            + (f" of {case.assessed_at:%Y-%m-%d}" if case.assessed_at else "")
            + (f" (rules {', '.join(fired)})" if fired else ""),
        )
    ]


def _category_i(case: Case) -> list[GateReason]:
    classified = {f.subject: f.source for f in _findings(case) if f.kind == "classification"}
    reasons = []
    for item in case.items:
        if item.category != "I":
            continue
        label = f"item {item.position + 1}"
        short = item.description if len(item.description) <= 60 else item.description[:59] + "…"
        source = next(
            (s for subject, s in classified.items() if subject.startswith(label + " (")),
            f"MTCR Annex {item.annex_item}",
        )
        reasons.append(
            GateReason(
                kind="category_i",
                key=f"category_i:{item.position + 1}:{item.annex_item}",
                hard_stop=True,
                text=f"{label} ({short}) is MTCR Annex {item.annex_item}, "
                f"Category I: approving it needs a recorded exception ({CATEGORY_I_BASIS})",
                source=source,
            )
        )
    return reasons


def _listed_parties(case: Case) -> list[GateReason]:
    roles = {p.position: p.role for p in case.parties}
    receiving = {r.value for r in rules.RECEIVING_ROLES}
    return [
        GateReason(
            kind="listed_party",
            key=f"listed_party:{f.party}:{f.entry_id}",
            hard_stop=True,
            text=f"{f.subject} is confirmed as the listed {f.entry_id}: approving a transfer "
            f"to it needs a recorded exception ({LISTED_BASIS})",
            source=f.source,
        )
        for f in _findings(case)
        if f.entry_id
        and f.hit_state == "confirmed"
        and f.party is not None
        and roles.get(f.party) in receiving
    ]


def _embargoes(case: Case) -> list[GateReason]:
    policy = destination_policy(case.destination, as_of=today())
    reasons = [
        GateReason(
            kind="embargo",
            key=f"embargo:un:{m.scope}:{m.since.isoformat()}",
            hard_stop=True,
            text=f"{policy.country_name} is under UN Security Council {m.scope} measures "
            f"({m.measure}, since {m.since}): approving needs a recorded exception ({UN_BASIS})",
            source=m.source + (" (recorded unverified)" if m.unverified else ""),
        )
        for m in policy.un_measures
        if m.scope in ("missile", "arms")
    ]
    if policy.state_sponsor_of_terrorism:
        reasons.append(_us_embargo(policy))
    return reasons


def _us_embargo(policy: DestinationPolicy) -> GateReason:
    finding = next((f for f in policy.findings if f.rule == "CA-DEST-TERRORISM"), None)
    return GateReason(
        kind="embargo",
        key="embargo:us:state_sponsor_of_terrorism",
        hard_stop=True,
        text=f"{policy.country_name} is designated a state sponsor of terrorism: a U.S. policy "
        f"of denial applies; approving needs a recorded exception ({US_BASIS})",
        source=(finding.source if finding else "controls catch-all data")
        + (" (recorded unverified)" if finding and finding.unverified else ""),
    )


def _undecided_hits(case: Case) -> list[GateReason]:
    return [
        GateReason(
            kind="undecided_hit",
            text=f"{f.subject} ~ {f.entry_id} is {f.hit_state}: decide the screening hit "
            "(true match or false positive) first",
            source=f.source,
        )
        for f in _findings(case)
        if f.entry_id and f.hit_state in ("possible", "escalated")
    ]
