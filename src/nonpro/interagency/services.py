"""Groups, referrals, the clock of a referral and the queues. Every write is audited.

Services flush, callers commit. Referring a case moves it to ``referred`` through the cases
capability's own transition (with its permission and version checks).

The use cases kept in modules of their own (holds, advice, escalation, meetings, minutes, views)
are re-exported here: API, web and CLI import this module, not those.
"""

from __future__ import annotations

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
from nonpro.cases.rules import Status
from nonpro.cases.schemas import TransitionIn
from nonpro.core import audit
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.validation import parse_input
from nonpro.interagency.access import is_representative as is_representative
from nonpro.interagency.advice import advise as advise
from nonpro.interagency.clock import Schedule as Schedule
from nonpro.interagency.clock import deadlines as deadlines
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
from nonpro.interagency.models import Group, Referral, ReferralAgency
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
from nonpro.interagency.schemas import GroupIn, ReferralIn
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


def list_groups(*, session: Session) -> list[Group]:
    return list(session.scalars(select(Group).order_by(Group.code)))


# --- referrals --------------------------------------------------------------------------------


def refer(data: ReferralIn, *, session: Session, actor: Principal) -> Referral:
    """Refer a case to a group with the agencies due to advise; the case goes to ``referred``."""
    require(actor, Permission.MANAGE_CASES)
    case = cases.get_case(data.case, session=session, reader=actor)
    if not list_groups(session=session):
        seed_groups(session=session, actor=actor)  # first use: the shipped MTEC, MTAG, MARC
    group = get_group(data.group, session=session)
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
