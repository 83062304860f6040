"""Deciding a case: the gates, two-person approval (propose, countersign, send back) and the
exceptions to hard stops. ``services.transition`` to decided comes here, so does every path.

A decision the table ``rules.COUNTERSIGNED`` names is recorded as a proposal and takes effect
only when a second person with ``COUNTERSIGN_DECISIONS`` countersigns it; the proposer cannot.
The gates (``gates.blockers``) are checked when the decision is proposed and again when it is
countersigned, since the facts may have changed in between.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import gates, provisos, rules
from nonpro.cases.errors import (
    DecisionBlocked,
    SelfCountersignature,
    TransitionNotAllowed,
)
from nonpro.cases.models import Case, DecisionProposal, GateException
from nonpro.cases.records import check_version, get_case, record_event, save_new_version
from nonpro.cases.rules import CaseType, Decision, ProposalState, Status
from nonpro.cases.schemas import GateExceptionIn, ProposalAnswerIn, ProposalIn
from nonpro.core.clock import utcnow
from nonpro.core.errors import Conflict, InvalidInput


def pending_proposal(case: Case) -> DecisionProposal | None:
    return next((p for p in case.proposals if p.state == ProposalState.PENDING.value), None)


def _check_provisos(decision: Decision, ids: list[str]) -> list[str]:
    chosen = provisos.resolve(ids)
    if decision == Decision.APPROVED_WITH_PROVISOS and not chosen:
        raise InvalidInput("provisos", "an approval with provisos names at least one proviso")
    if decision != Decision.APPROVED_WITH_PROVISOS and chosen:
        raise InvalidInput("provisos", f"provisos go with approved_with_provisos, not {decision}")
    return [p.id for p in chosen]


def _decision_arrow(case: Case) -> Permission:
    """The permission of the arrow from the case's status to decided (refused if none)."""
    current = Status(case.status)
    permission = rules.permission_for(current, Status.DECIDED)
    if permission is None:
        allowed = [s.value for s in rules.allowed_targets(current)]
        raise TransitionNotAllowed(current, Status.DECIDED, allowed)
    return permission


def _no_pending(case: Case) -> None:
    pending = pending_proposal(case)
    if pending is not None:
        raise Conflict(
            f"case {case.reference} has a proposed decision ({pending.decision} by "
            f"{pending.proposed_by}) awaiting a countersignature: countersign it, send it "
            "back, or withdraw it first"
        )


def apply_decision(
    case: Case,
    decision: Decision,
    chosen: list[str],
    *,
    note: str,
    justification: str,
    decided_by: str,
    countersigned_by: str | None,
    now: datetime,
) -> None:
    case.decision = decision.value
    case.provisos = chosen
    case.decision_note = note
    case.decision_justification = justification
    case.decided_at = now
    case.decided_by = decided_by
    case.countersigned_by = countersigned_by


def decide_or_propose(
    case: Case,
    decision: Decision | None,
    proviso_ids: list[str],
    *,
    note: str,
    justification: str,
    session: Session,
    actor: Principal,
    propose: bool = False,
) -> DecisionProposal | None:
    """The gates, then either the decision on the case (the caller moves it to decided) or a
    proposal awaiting a countersignature (returned; the case stays where it is)."""
    if decision is None:
        raise InvalidInput("decision", "say approved, approved_with_provisos or denied")
    chosen = _check_provisos(decision, proviso_ids)
    _no_pending(case)
    reasons = gates.blockers(case, decision, justification, session=session)
    if reasons:
        raise DecisionBlocked(case.reference, decision.value, reasons)
    if propose or rules.needs_countersignature(CaseType(case.type), decision):
        proposal = DecisionProposal(
            decision=decision.value,
            provisos=chosen,
            justification=justification.strip(),
            note=note,
            recommendation=case.recommendation,
            state=ProposalState.PENDING.value,
            proposed_by=actor.username,
        )
        case.proposals.append(proposal)
        record_event(
            session,
            case,
            actor,
            "propose",
            f"{decision.value} proposed for countersignature"
            + (f": {justification.strip()}" if justification.strip() else ""),
            payload={
                "decision": decision.value,
                "provisos": chosen,
                "justification": justification.strip(),
                "recommendation": case.recommendation,
                "exceptions": [str(e.id) for e in case.gate_exceptions],
            },
        )
        return proposal
    apply_decision(
        case,
        decision,
        chosen,
        note=note,
        justification=justification.strip(),
        decided_by=actor.username,
        countersigned_by=None,
        now=utcnow(),
    )
    return None


def propose(key: str | uuid.UUID, data: ProposalIn, *, session: Session, actor: Principal) -> Case:
    """Propose a decision for a second person's countersignature (whatever the table says)."""
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    require(actor, _decision_arrow(case))
    decide_or_propose(
        case,
        data.decision,
        data.provisos,
        note=data.note,
        justification=data.justification,
        session=session,
        actor=actor,
        propose=True,
    )
    save_new_version(session, case, data.version, utcnow())
    return case


def lapse_pending(case: Case, actor: Principal, why: str, now: datetime) -> None:
    """Withdraw a proposal still waiting when the case leaves the road to a decision."""
    pending = pending_proposal(case)
    if pending is not None:
        pending.state = ProposalState.WITHDRAWN.value
        pending.answered_by, pending.answered_at, pending.answer_note = actor.username, now, why


def _pending_or_refuse(case: Case) -> DecisionProposal:
    pending = pending_proposal(case)
    if pending is None:
        raise Conflict(f"case {case.reference} has no decision awaiting a countersignature")
    return pending


def countersign(
    key: str | uuid.UUID, data: ProposalAnswerIn, *, session: Session, actor: Principal
) -> Case:
    """The second signature: the gates again, then the proposed decision takes effect."""
    require(actor, Permission.COUNTERSIGN_DECISIONS)
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    proposal = _pending_or_refuse(case)
    if proposal.proposed_by == actor.username:
        raise SelfCountersignature(
            f"{actor.username} proposed this decision and cannot countersign it: "
            "two-person approval needs a second authorised person"
        )
    _decision_arrow(case)
    decision = Decision(proposal.decision)
    reasons = gates.blockers(case, decision, proposal.justification, session=session)
    if reasons:
        raise DecisionBlocked(case.reference, decision.value, reasons)
    now = utcnow()
    proposal.state = ProposalState.COUNTERSIGNED.value
    proposal.answered_by, proposal.answered_at = actor.username, now
    proposal.answer_note = data.note
    apply_decision(
        case,
        decision,
        list(proposal.provisos),
        note=proposal.note,
        justification=proposal.justification,
        decided_by=proposal.proposed_by,
        countersigned_by=actor.username,
        now=now,
    )
    current = Status(case.status)
    case.status = Status.DECIDED.value
    save_new_version(session, case, data.version, utcnow())
    record_event(
        session,
        case,
        actor,
        "countersign",
        f"countersigned {decision.value} proposed by {proposal.proposed_by}"
        + (f": {data.note}" if data.note else ""),
        from_status=current.value,
        to_status=Status.DECIDED.value,
        payload={
            "proposal": str(proposal.id),
            "decision": decision.value,
            "provisos": case.provisos,
            "proposed_by": proposal.proposed_by,
            "justification": proposal.justification,
        },
    )
    return case


def send_back(
    key: str | uuid.UUID, data: ProposalAnswerIn, *, session: Session, actor: Principal
) -> Case:
    """A countersigner sends the proposal back with a note; its proposer may withdraw it."""
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    proposal = _pending_or_refuse(case)
    own = proposal.proposed_by == actor.username
    if own:
        require(actor, _decision_arrow_or_manage(case))
    else:
        require(actor, Permission.COUNTERSIGN_DECISIONS)
        if not data.note.strip():
            raise InvalidInput("note", "say why the proposal goes back to its proposer")
    state = ProposalState.WITHDRAWN if own else ProposalState.REJECTED
    proposal.state = state.value
    proposal.answered_by, proposal.answered_at = actor.username, utcnow()
    proposal.answer_note = data.note.strip()
    save_new_version(session, case, data.version, utcnow())
    record_event(
        session,
        case,
        actor,
        "withdraw" if own else "reject proposal",
        f"{proposal.decision} proposed by {proposal.proposed_by} "
        f"{'withdrawn' if own else 'sent back'}" + (f": {data.note.strip()}" if data.note else ""),
        payload={"proposal": str(proposal.id), "state": state.value},
    )
    return case


def _decision_arrow_or_manage(case: Case) -> Permission:
    permission = rules.permission_for(Status(case.status), Status.DECIDED)
    return permission or Permission.MANAGE_CASES


def record_exception(
    key: str | uuid.UUID, data: GateExceptionIn, *, session: Session, actor: Principal
) -> Case:
    """An audited exception to the case's hard stops as they stand now, naming its legal basis."""
    require(actor, Permission.RECORD_DECISION_EXCEPTIONS)
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    if case.status not in rules.OPEN_STATUSES:
        raise Conflict(f"case {case.reference} is {case.status}: reopen it first")
    open_stops = [r for r in gates.hard_stops(case, session=session) if r.excepted_by is None]
    if not open_stops:
        raise Conflict(f"case {case.reference} has no hard stop left to make an exception to")
    exception = GateException(
        stops=[r.key for r in open_stops],
        stop_texts=[r.text for r in open_stops],
        legal_basis=data.legal_basis,
        note=data.note,
        recorded_by=actor.username,
    )
    case.gate_exceptions.append(exception)
    save_new_version(session, case, data.version, utcnow())
    record_event(
        session,
        case,
        actor,
        "exception",
        f"exception to {len(open_stops)} hard stop(s) on legal basis: {data.legal_basis}"
        + (f" ({data.note})" if data.note else ""),
        payload={
            "exception": str(exception.id),
            "stops": exception.stops,
            "stop_texts": exception.stop_texts,
            "legal_basis": data.legal_basis,
        },
    )
    return case
