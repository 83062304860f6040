"""Groups, referrals, the clock of a referral and the queues. Every write is audited.

Services flush, callers commit. Referring a case moves it to ``referred`` through the cases
capability's own transition (with its permission and version checks).

The use cases kept in modules of their own (holds, advice, escalation, meetings, minutes, views)
are re-exported here: API, web and CLI import this module, not those.
"""

from __future__ import annotations

import uuid
from importlib import resources

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.models import Agency
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import services as cases
from nonpro.cases.access import grant_agencies
from nonpro.cases.gates import add_decision_check
from nonpro.cases.letter import add_consultation_source
from nonpro.cases.models import CaseEvent
from nonpro.cases.rules import Status
from nonpro.cases.schemas import TransitionIn
from nonpro.cases.statutory import add_defense_referral_finder
from nonpro.core import audit
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.core.validation import parse_input
from nonpro.interagency.access import is_representative as is_representative
from nonpro.interagency.advice import advise as advise
from nonpro.interagency.annex.rules import refusal_of_case
from nonpro.interagency.clock import Schedule as Schedule
from nonpro.interagency.clock import deadlines as deadlines
from nonpro.interagency.consulted import consulted
from nonpro.interagency.decision_checks import (
    defense_referrals,
    has_referral,
    open_interagency_matters,
)
from nonpro.interagency.escalation import case_escalations as case_escalations
from nonpro.interagency.escalation import decide as decide
from nonpro.interagency.escalation import escalate as escalate
from nonpro.interagency.holds import end_hold as end_hold
from nonpro.interagency.holds import hold_out as hold_out
from nonpro.interagency.holds import remind as remind
from nonpro.interagency.holds import start_hold as start_hold
from nonpro.interagency.meetings import add_to_agenda as add_to_agenda
from nonpro.interagency.meetings import create_meeting as create_meeting
from nonpro.interagency.meetings import dissent as dissent
from nonpro.interagency.meetings import get_meeting as get_meeting
from nonpro.interagency.meetings import list_meetings as list_meetings
from nonpro.interagency.meetings import meeting_out as meeting_out
from nonpro.interagency.meetings import recommend as recommend
from nonpro.interagency.meetings import record_attendance as record_attendance
from nonpro.interagency.meetings import vote as vote
from nonpro.interagency.minutes import minutes_pdf as minutes_pdf
from nonpro.interagency.models import Group, Referral, ReferralAgency, ReferralRequest
from nonpro.interagency.referrals import audit_referral as audit_referral
from nonpro.interagency.referrals import current_advice as current_advice
from nonpro.interagency.referrals import find_referral as find_referral
from nonpro.interagency.referrals import get_group as get_group
from nonpro.interagency.referrals import get_referral as get_referral
from nonpro.interagency.referrals import hold_days as hold_days
from nonpro.interagency.referrals import latest_advice as latest_advice
from nonpro.interagency.referrals import list_referrals as list_referrals
from nonpro.interagency.referrals import note_on_case as note_on_case
from nonpro.interagency.referrals import schedule_of as schedule_of
from nonpro.interagency.schemas import (
    GroupIn,
    ReferralIn,
    ReferralRequestIn,
    ReferralRequestOut,
    RequestAnswerIn,
)
from nonpro.interagency.views import consolidated as consolidated
from nonpro.interagency.views import queue as queue
from nonpro.interagency.views import summary as summary

# --- groups -----------------------------------------------------------------------------------


def default_groups() -> list[GroupIn]:
    """The groups shipped in ``data/groups.yaml``."""
    text = resources.files("nonpro.interagency").joinpath("data/groups.yaml").read_text("utf-8")
    return [parse_input(GroupIn, record) for record in yaml.safe_load(text)["groups"]]


def _check_agencies(codes: list[str], field: str, *, session: Session) -> None:
    known = set(session.scalars(select(Agency.code)))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInput(field, f"unknown agency {', '.join(unknown)}")


def save_group(data: GroupIn, *, session: Session, actor: Principal) -> Group:
    """Add a group or change one (members, chair, quorum, majority rule)."""
    require(actor, Permission.CHAIR_GROUPS)
    return _store_group(data, session=session, actor=actor)


def _store_group(data: GroupIn, *, session: Session, actor: Principal) -> Group:
    _check_agencies([data.chair_agency, *data.members], "members", session=session)
    group = session.scalar(select(Group).where(Group.code == data.code))
    if group is None:
        group = Group(code=data.code)
        session.add(group)
    for key, value in data.model_dump(mode="json").items():
        setattr(group, key, value)
    group.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="interagency.group",
        target=f"group:{data.code}",
        payload=data.model_dump(mode="json"),
    )
    return group


def seed_groups(*, session: Session, actor: Principal) -> int:
    """Store the shipped groups that are not stored yet; an edited group is never overwritten."""
    stored = set(session.scalars(select(Group.code)))
    added = [g for g in default_groups() if g.code not in stored]
    for data in added:
        save_group(data, session=session, actor=actor)
    return len(added)


def _shipped_groups_stored(session: Session, actor: Principal) -> None:
    """On first use the shipped groups are stored, whoever uses them first: storing what ships
    is no chair's choice (an analyst's request may be the first use). Audited under ``actor``."""
    if not list_groups(session=session):
        for data in default_groups():
            _store_group(data, session=session, actor=actor)


def list_groups(*, session: Session) -> list[Group]:
    return list(session.scalars(select(Group).order_by(Group.code)))


# --- referrals --------------------------------------------------------------------------------


def _refuse_if_not_a_matter(group: Group, case_type: str, reference: str) -> None:
    """Munitions cases are not a MARC matter: refused on referral and on a request for one."""
    refusal = refusal_of_case(group.code, case_type, reference)
    if refusal:
        raise InvalidInput("group", refusal)


def refer(data: ReferralIn, *, session: Session, actor: Principal) -> Referral:
    """Refer a case to a group with the agencies due to advise; the case goes to ``referred``."""
    require(actor, Permission.MANAGE_CASES)
    case = cases.get_case(data.case, session=session, reader=actor)
    if not list_groups(session=session):
        seed_groups(session=session, actor=actor)  # first use: the shipped MTEC, MTAG, MARC
    group = get_group(data.group, session=session)
    _refuse_if_not_a_matter(group, case.type, case.reference)
    agencies = [a.upper() for a in data.agencies] or [
        m for m in group.members if m != group.chair_agency
    ]
    outside = [a for a in agencies if a not in group.members]
    if outside:
        raise InvalidInput("agencies", f"{', '.join(outside)} not a member of {group.code}")
    if len(set(agencies)) != len(agencies):
        raise InvalidInput("agencies", "an agency is named twice")
    existing = select(Referral.id).where(Referral.case_id == case.id, Referral.group_id == group.id)
    if session.scalar(existing) is not None:
        raise Conflict(f"case {case.reference} is already referred to {group.code}")
    referral = Referral(
        case_id=case.id,
        group_id=group.id,
        referred_on=data.referred_on or today(),
        registered_on=data.registered_on,
        referred_by=actor.username,
        note=data.note,
        agencies=[ReferralAgency(agency_code=a) for a in sorted(agencies)],
    )
    session.add(referral)
    session.flush()
    # The referral first: the case may only go to ``referred`` with one behind it.
    if case.status != Status.REFERRED.value:
        transition = TransitionIn(
            to=Status.REFERRED, version=case.version, note=f"referred to {group.code}"
        )
        cases.transition(case.id, transition, session=session, actor=actor)
    # The representatives of the agencies due to advise may now see the case.
    grant_agencies(case, agencies, session=session, actor=actor)
    session.flush()
    schedule = schedule_of(referral)
    audit_referral(
        session,
        referral,
        actor,
        "interagency.refer",
        {
            "group": group.code,
            "agencies": sorted(agencies),
            "referred_on": referral.referred_on,
            "advice_due": schedule.due("agency_recommendation"),
            "resolution_due": schedule.due("resolution"),
        },
    )
    return referral


# --- the handoff: an analyst requests a referral, the group's chair accepts or declines --------


def request_referral(
    data: ReferralRequestIn, *, session: Session, actor: Principal
) -> ReferralRequest:
    """An analyst asks a group to take a case, with a note. Nothing is referred yet: the case
    stays where it is until the group's chair accepts (``accept_request``)."""
    require(actor, Permission.MANAGE_CASES)
    case = cases.get_case(data.case, session=session, reader=actor)
    if case.status not in {s.value for s in (Status.UNDER_REVIEW, Status.REFERRED)}:
        raise Conflict(
            f"case {case.reference} is {case.status}: a referral is requested while it is "
            "under review (or referred, to add a group)"
        )
    _shipped_groups_stored(session, actor)
    group = get_group(data.group, session=session)
    _refuse_if_not_a_matter(group, case.type, case.reference)
    if not group.active:
        raise InvalidInput("group", f"{group.code} is not active")
    referred = select(Referral.id).where(Referral.case_id == case.id, Referral.group_id == group.id)
    if session.scalar(referred) is not None:
        raise Conflict(f"case {case.reference} is already referred to {group.code}")
    waiting = select(ReferralRequest.id).where(
        ReferralRequest.case_id == case.id,
        ReferralRequest.group_id == group.id,
        ReferralRequest.state == "open",
    )
    if session.scalar(waiting) is not None:
        raise Conflict(f"a referral of case {case.reference} to {group.code} is already requested")
    request = ReferralRequest(
        case_id=case.id, group_id=group.id, note=data.note, requested_by=actor.username
    )
    session.add(request)
    session.flush()
    session.refresh(request)
    _audit_request(session, request, actor, "interagency.request", {"note": data.note})
    return request


def get_request(key: str | uuid.UUID, *, session: Session, reader: Principal) -> ReferralRequest:
    try:
        request = session.get(
            ReferralRequest, key if isinstance(key, uuid.UUID) else uuid.UUID(key)
        )
    except ValueError:
        request = None
    if request is None:
        raise NotFound("referral request", str(key))
    cases.get_case(request.case_id, session=session, reader=reader)  # the case's visibility
    return request


def _open_request(key: str | uuid.UUID, session: Session, actor: Principal) -> ReferralRequest:
    require(actor, Permission.CHAIR_GROUPS)
    request = get_request(key, session=session, reader=actor)
    if request.state != "open":
        raise Conflict(
            f"the request to refer case {request.case.reference} to {request.group.code} was "
            f"already {request.state} by {request.answered_by}"
        )
    return request


def accept_request(
    key: str | uuid.UUID, data: RequestAnswerIn, *, session: Session, actor: Principal
) -> Referral:
    """The group's chair takes the case: the referral is made with the group's default agencies
    (every member but the chair's agency) and the case goes to ``referred``."""
    request = _open_request(key, session, actor)
    note = "; ".join(n for n in (request.note, data.note) if n.strip())
    referral = refer(
        ReferralIn(case=str(request.case_id), group=request.group.code, note=note),
        session=session,
        actor=actor,
    )
    request.state, request.referral_id = "accepted", referral.id
    request.answered_by, request.answered_at, request.answer_note = (
        actor.username,
        utcnow(),
        data.note,
    )
    session.flush()
    _audit_request(session, request, actor, "interagency.request accept", {"note": data.note})
    return referral


def decline_request(
    key: str | uuid.UUID, data: RequestAnswerIn, *, session: Session, actor: Principal
) -> ReferralRequest:
    """The group's chair does not take the case, and says why; the case stays where it is."""
    request = _open_request(key, session, actor)
    if not data.note.strip():
        raise InvalidInput("note", "say why the request is declined")
    request.state = "declined"
    request.answered_by, request.answered_at, request.answer_note = (
        actor.username,
        utcnow(),
        data.note,
    )
    session.flush()
    _audit_request(session, request, actor, "interagency.request decline", {"note": data.note})
    return request


def list_requests(
    *,
    session: Session,
    reader: Principal,
    case: str | None = None,
    state: str | None = "open",
) -> list[ReferralRequest]:
    """Requests for referral, oldest first: the chair's queue (open ones) or a case's."""
    require(reader, Permission.READ)
    query = select(ReferralRequest).order_by(ReferralRequest.requested_at)
    if case is not None:
        found = cases.get_case(case, session=session, reader=reader)
        query = query.where(ReferralRequest.case_id == found.id)
    if state is not None:
        query = query.where(ReferralRequest.state == state)
    rows = list(session.scalars(query).unique())
    if is_representative(reader):
        return []  # requests are the office's own business, not an agency's
    return rows


def request_out(request: ReferralRequest) -> ReferralRequestOut:
    return ReferralRequestOut(
        id=request.id,
        case_reference=request.case.reference,
        group=request.group.code,
        note=request.note,
        requested_by=request.requested_by,
        requested_at=request.requested_at,
        state=request.state,
        answered_by=request.answered_by,
        answered_at=request.answered_at,
        answer_note=request.answer_note,
        referral_id=request.referral_id,
    )


def _audit_request(
    session: Session,
    request: ReferralRequest,
    actor: Principal,
    action: str,
    payload: dict[str, object],
) -> None:
    audit.record(
        session,
        actor=actor.username,
        action=action,
        target=f"case:{request.case.reference}",
        payload={"request": str(request.id), "group": request.group.code, **payload},
    )
    verb = {
        "interagency.request": f"referral to {request.group.code} requested",
        "interagency.request accept": f"request for referral to {request.group.code} accepted",
        "interagency.request decline": f"request for referral to {request.group.code} declined",
    }[action]
    note = str(payload.get("note") or "")
    session.add(
        CaseEvent(
            case=request.case,
            actor=actor.username,
            action=action.removeprefix("interagency."),
            note=f"{verb}: {note}" if note else verb,
        )
    )


def install_case_checks() -> None:
    """What interagency review adds to every decision path: a case with an open referral or a
    pending escalation cannot be decided; a referral naming Defense is the AECA §71(b)(1)
    referral; a decision letter names the groups and agencies consulted; and a case goes to
    "referred" only with a referral behind it."""
    add_decision_check("interagency", open_interagency_matters)
    add_defense_referral_finder(defense_referrals)
    add_consultation_source("interagency", consulted)
    cases.add_referral_check("interagency", has_referral)
