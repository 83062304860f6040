"""Case use cases: intake, edits, transitions, assignment. Every write is audited.

Services flush, callers commit. A person's edit bumps ``Case.version``; the caller passes the
version it read, and a stale one raises ``StaleVersion`` (409) without touching the row.

The use cases kept in modules of their own (assessment, documents, hits, letter, queries) are
re-exported here: API, web and CLI import this module, not those.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Permission, permits
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import assessment, decisions, gates, provisos, rules, statutory
from nonpro.cases.access import restricted as restricted
from nonpro.cases.alerts import recent_alerts as recent_alerts
from nonpro.cases.assessment import assess_case as assess_case
from nonpro.cases.assessment import is_stale as is_stale
from nonpro.cases.assessment import reassess_open_cases as reassess_open_cases
from nonpro.cases.decisions import countersign as countersign
from nonpro.cases.decisions import pending_proposal as pending_proposal
from nonpro.cases.decisions import propose as propose
from nonpro.cases.decisions import record_exception as record_exception
from nonpro.cases.decisions import send_back as send_back
from nonpro.cases.documents import MAX_DOCUMENT_BYTES as MAX_DOCUMENT_BYTES
from nonpro.cases.documents import add_document as add_document
from nonpro.cases.documents import get_document as get_document
from nonpro.cases.errors import TransitionNotAllowed
from nonpro.cases.gates import mark_checks_installed as mark_checks_installed
from nonpro.cases.hits import dispose_hit as dispose_hit
from nonpro.cases.letter import has_letter as has_letter
from nonpro.cases.letter import letter_pdf as letter_pdf
from nonpro.cases.models import Case, CaseItem, CaseParty

# Precedents: the decided cases most like a case, and the search of decided cases.
from nonpro.cases.precedents import search_precedents as search_precedents
from nonpro.cases.precedents import similar_cases as similar_cases
from nonpro.cases.queries import facets as facets
from nonpro.cases.queries import is_late as is_late
from nonpro.cases.queries import list_cases as list_cases
from nonpro.cases.reasons import deciding_reasons as deciding_reasons
from nonpro.cases.reasons import entity_lines as entity_lines
from nonpro.cases.records import check_version, save_new_version
from nonpro.cases.records import find_case as find_case
from nonpro.cases.records import get_case as get_case
from nonpro.cases.records import record_event as record_event
from nonpro.cases.rules import Decision, PartyRole, Status
from nonpro.cases.schemas import (
    AssignmentIn,
    CaseIn,
    CaseOut,
    CaseUpdate,
    GateReason,
    Proviso,
    TransitionIn,
)

# Statutory steps and assurances (AECA §71(b)(1), 15 CFR 750.6 / 756, MTCR para 5).
from nonpro.cases.statutory import receive_assurance as receive_assurance
from nonpro.cases.statutory import record_response as record_response
from nonpro.cases.statutory import record_step as record_step
from nonpro.cases.statutory import request_assurance as request_assurance
from nonpro.cases.statutory import set_assurances_required as set_assurances_required
from nonpro.core.clock import utcnow
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.reference.services import resolve_country
from nonpro.screening.services import IndexProvider


def list_provisos() -> list[Proviso]:
    """The proviso library, in its own order, for a reviewer to choose from."""
    return list(provisos.library().values())


def decision_gates(
    key: str | uuid.UUID, decision: Decision, *, session: Session, actor: Principal
) -> list[GateReason]:
    """What stands in the way of ``decision`` on the case now (no justification given), and the
    hard stops an exception covers, for the case page; writes nothing."""
    require(actor, Permission.READ)
    case = get_case(key, session=session, reader=actor)
    covered = [r for r in gates.hard_stops(case, session=session) if r.excepted_by]
    return gates.blockers(case, decision, "", session=session) + covered


def case_out(case: Case) -> CaseOut:
    """The case as every interface shows it, with the arrows the table allows from here."""
    out = CaseOut.model_validate(case)
    targets = rules.allowed_targets(Status(case.status))
    session = object_session(case)
    if Status.REFERRED in targets and (session is None or not _has_referral(case, session)):
        # Without a referral the arrow is refused: a case is referred through interagency.
        targets = [t for t in targets if t != Status.REFERRED]
    out.allowed_transitions = [s.value for s in targets]
    out.nspd56_clock = statutory.nspd56_clock(case)
    return out


def _alpha2(text: str, field: str) -> str:
    return resolve_country(text, field).alpha_2


def _set_facts(case: Case, data: CaseIn) -> None:
    """Replace the case's facts (destination, end use, parties, items) with ``data``'s."""
    case.type = data.type.value
    case.destination = _alpha2(data.destination, "destination")
    case.end_use = data.end_use.strip()
    applicants = [p.name for p in data.parties if p.role == PartyRole.APPLICANT]
    case.applicant = data.applicant or (applicants[0] if applicants else None)
    case.parties = [
        CaseParty(
            position=i,
            role=p.role.value,
            name=p.name,
            country=_alpha2(p.country, f"parties.{i}.country") if p.country else None,
            address=p.address,
            dob=p.dob,
            identifiers=list(p.identifiers),
        )
        for i, p in enumerate(data.parties)
    ]
    case.items = [
        CaseItem(
            position=i,
            description=item.description.strip(),
            quantity=item.quantity,
            value_usd=item.value_usd,
            parameters=dict(item.parameters),
            control_numbers=list(item.control_numbers),
        )
        for i, item in enumerate(data.items)
    ]


def create_case(
    data: CaseIn, *, session: Session, provider: IndexProvider, actor: Principal
) -> Case:
    """Intake: store the case as a draft, keep its parties for re-screening, assess it."""
    require(actor, Permission.MANAGE_CASES)
    if session.scalar(select(Case.id).where(Case.reference == data.reference)) is not None:
        raise Conflict(f"case {data.reference} already exists")
    now = utcnow()
    case = Case(
        reference=data.reference,
        status=Status.DRAFT.value,
        created_by=actor.username,
        created_at=now,
        updated_at=now,
        provisos=[],
        flags=" ",
        version=1,
    )
    _set_facts(case, data)
    session.add(case)
    session.flush()
    record_event(session, case, actor, "create", payload={"case": data.model_dump(mode="json")})
    assessment.assess_case(case, session=session, provider=provider, actor=actor)
    return case


def update_case(
    key: str | uuid.UUID,
    data: CaseUpdate,
    *,
    session: Session,
    provider: IndexProvider,
    actor: Principal,
) -> Case:
    """Replace the case's facts (a corrected application) and assess it again."""
    require(actor, Permission.MANAGE_CASES)
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    if data.reference != case.reference:
        raise InvalidInput("reference", "a case keeps its reference")
    if case.status not in rules.OPEN_STATUSES:
        raise Conflict(f"case {case.reference} is {case.status}; reopen it to change its facts")
    # Loading the old parties must not flush the new facts early: the one flush below is where
    # a concurrent edit is detected.
    with session.no_autoflush:
        _set_facts(case, data)
    save_new_version(session, case, data.version, utcnow())
    record_event(session, case, actor, "update", payload={"case": data.model_dump(mode="json")})
    assessment.assess_case(case, session=session, provider=provider, actor=actor)
    return case


def _pause_or_resume(case: Case, current: Status, target: Status, now: datetime) -> None:
    """Time on hold does not count against the review deadline."""
    if current in rules.PAUSED_STATUSES and case.paused_at is not None:
        if case.due_date is not None:
            case.due_date += timedelta(days=(now.date() - case.paused_at.date()).days)
        case.paused_at = None
    if target in rules.PAUSED_STATUSES:
        case.paused_at = now


# "referred" always has a referral behind it. Referrals belong to the capability built on cases
# (interagency): it says here whether a case has one. Without any, no case can be referred.
ReferralCheck = Callable[[Case, Session], bool]
_REFERRAL_CHECKS: dict[str, ReferralCheck] = {}


def add_referral_check(name: str, check: ReferralCheck) -> None:
    """Let the capability that holds referrals say whether a case has one; adding the same
    name again replaces the check."""
    _REFERRAL_CHECKS[name] = check


def _has_referral(case: Case, session: Session) -> bool:
    return any(check(case, session) for check in _REFERRAL_CHECKS.values())


def _require_referral(case: Case, session: Session) -> None:
    if not _has_referral(case, session):
        raise Conflict(
            f"case {case.reference} has no interagency referral: a case is referred by "
            "referring it to a group (interagency refer), or by the group's chair accepting "
            "an analyst's request for referral"
        )


def follow_interagency_hold(
    case: Case, *, held: bool, note: str, session: Session, actor: Principal
) -> bool:
    """An interagency hold pauses the referred case too (referred ⇄ on hold), so the case's own
    deadline stops with the interagency clock. The hold's permission was checked by its caller
    (an agency asking for information may stop the clock); returns whether the case moved."""
    current = Status(case.status)
    target = Status.ON_HOLD if held else Status.REFERRED
    if current != (Status.REFERRED if held else Status.ON_HOLD):
        return False
    now = utcnow()
    _pause_or_resume(case, current, target, now)
    case.status = target.value
    save_new_version(session, case, case.version, now)
    record_event(
        session,
        case,
        actor,
        "transition",
        note,
        from_status=current.value,
        to_status=target.value,
    )
    return True


def transition(
    key: str | uuid.UUID, data: TransitionIn, *, session: Session, actor: Principal
) -> Case:
    """Move a case along one arrow of the table, with that arrow's permission.

    To decided: the decision gates first (``DecisionBlocked`` with every reason); a decision the
    two-person approval table names is then recorded as a proposal and the case stays where it
    is, undecided, until a second person countersigns it (``decisions.countersign``)."""
    case = get_case(key, session=session, reader=actor)
    # A stale version first: the caller chose the arrow from a status that may be gone.
    check_version(case, data.version)
    current, target = Status(case.status), data.to
    permission = rules.permission_for(current, target)
    if permission is None:
        raise TransitionNotAllowed(
            current, target, [s.value for s in rules.allowed_targets(current)]
        )
    require(actor, permission)
    if target == Status.REFERRED:
        _require_referral(case, session)
    if target != Status.DECIDED and (data.decision or data.provisos):
        raise InvalidInput("decision", "a decision is recorded only when going to decided")
    if target != Status.DECIDED and data.justification.strip():
        raise InvalidInput("justification", "a justification goes with a decision")
    if target == Status.DECIDED:
        proposal = decisions.decide_or_propose(
            case,
            data.decision,
            data.provisos,
            note=data.note,
            justification=data.justification,
            session=session,
            actor=actor,
        )
        if proposal is not None:
            # Two-person approval: the case waits, undecided, for the countersignature.
            save_new_version(session, case, data.version, utcnow())
            return case
    now = utcnow()
    if target == Status.SUBMITTED:
        case.submitted_at = now
        case.due_date = now.date() + timedelta(days=rules.REVIEW_DAYS[rules.CaseType(case.type)])
    _pause_or_resume(case, current, target, now)
    if target == Status.RETURNED_WITHOUT_ACTION:
        case.decision_note, case.decided_at, case.decided_by = data.note, now, actor.username
        # A case returned without action is not decided: a proposal waiting for it lapses.
        decisions.lapse_pending(case, actor, "the case was returned without action", now)
    if target == Status.REOPENED:
        case.decision, case.decided_at, case.decided_by, case.provisos = None, None, None, []
        case.decision_note, case.decision_justification, case.countersigned_by = "", "", None
    case.status = target.value
    save_new_version(session, case, data.version, now)
    record_event(
        session,
        case,
        actor,
        "transition",
        data.note,
        from_status=current.value,
        to_status=target.value,
        payload={
            "decision": case.decision,
            "provisos": case.provisos,
            "justification": case.decision_justification if target == Status.DECIDED else "",
        },
    )
    return case


def assign(key: str | uuid.UUID, data: AssignmentIn, *, session: Session, actor: Principal) -> Case:
    """Give the case to a user who may work cases, or take it off everyone's queue."""
    require(actor, Permission.MANAGE_CASES)
    case = get_case(key, session=session, reader=actor)
    check_version(case, data.version)
    if data.assignee is not None:
        user = session.scalar(select(User).where(User.username == data.assignee))
        if user is None or not user.active:
            raise InvalidInput("assignee", f"no active user {data.assignee!r}")
        if not permits(user.role_enum, Permission.MANAGE_CASES):
            raise InvalidInput("assignee", f"{data.assignee} has no right to work cases")
    previous = case.assignee
    case.assignee = data.assignee
    save_new_version(session, case, data.version, utcnow())
    record_event(
        session,
        case,
        actor,
        "assign",
        f"{previous or 'nobody'} → {data.assignee or 'nobody'}",
        payload={"assignee": data.assignee, "previous": previous},
    )
    return case
