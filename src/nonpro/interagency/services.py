"""Groups, referrals, the clock of a referral and the queues. Every write is audited.

Services flush, callers commit. Referring a case moves it to ``referred`` through the cases
capability's own transition (with its permission and version checks).
"""

from __future__ import annotations

import uuid
from datetime import date
from importlib import resources

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from nonpro.accounts.models import Agency
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import services as cases
from nonpro.cases.access import grant_agencies
from nonpro.cases.models import CaseEvent
from nonpro.cases.rules import Status
from nonpro.cases.schemas import TransitionIn
from nonpro.core import audit
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.core.validation import parse_input
from nonpro.interagency import access, clock
from nonpro.interagency.models import Advice, Group, Referral, ReferralAgency
from nonpro.interagency.rules import DECISION_STEP, LEVEL_STEPS, Level
from nonpro.interagency.schemas import GroupIn, ReferralIn

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


def get_group(code: str, *, session: Session) -> Group:
    group = session.scalar(select(Group).where(Group.code == code.upper()))
    if group is None:
        raise NotFound("group", code)
    return group


# --- referrals --------------------------------------------------------------------------------


def refer(data: ReferralIn, *, session: Session, actor: Principal) -> Referral:
    """Refer a case to a group with the agencies due to advise; the case goes to ``referred``."""
    require(actor, Permission.MANAGE_CASES)
    case = cases.get_case(data.case, session=session)
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
    if case.status != Status.REFERRED.value:
        transition = TransitionIn(
            to=Status.REFERRED, version=case.version, note=f"referred to {group.code}"
        )
        cases.transition(case.id, transition, session=session, actor=actor)
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


def audit_referral(
    session: Session,
    referral: Referral,
    actor: Principal,
    action: str,
    payload: dict[str, object],
) -> None:
    """The audit row of one step on a referral: filed under its case, naming the referral."""
    audit.record(
        session,
        actor=actor.username,
        action=action,
        target=f"case:{referral.case.reference}",
        payload={"referral": str(referral.id), **payload},
    )


def note_on_case(referral: Referral, actor: Principal, action: str, note: str) -> None:
    """A line in the case's own history, so the case page shows the interagency steps too (the
    audit log holds the proof). Only a child row is added: the case's version is not touched,
    and the history already written is not read (a long-running referral has hundreds)."""
    session = object_session(referral)
    assert session is not None, "a referral that is not in a session cannot be noted on"
    session.add(CaseEvent(case=referral.case, actor=actor.username, action=action, note=note))


def find_referral(key: str | uuid.UUID, group: str | None, *, session: Session) -> Referral:
    """A referral by its id, or by the case (id or reference) and, if several, the group."""
    try:
        found = session.get(Referral, key if isinstance(key, uuid.UUID) else uuid.UUID(key))
        if found is not None:
            return found
    except ValueError:
        pass
    case = cases.get_case(key, session=session)
    query = select(Referral).where(Referral.case_id == case.id)
    if group:
        query = query.join(Group).where(Group.code == group.upper())
    referrals = list(session.scalars(query))
    if not referrals:
        raise NotFound("referral of case", f"{case.reference}{' to ' + group if group else ''}")
    if len(referrals) > 1:
        codes = ", ".join(r.group.code for r in referrals)
        raise InvalidInput("group", f"case {case.reference} is referred to {codes}: name one")
    return referrals[0]


def get_referral(
    key: str | uuid.UUID, *, session: Session, actor: Principal, group: str | None = None
) -> Referral:
    referral = find_referral(key, group, session=session)
    access.require_sight(actor, referral)
    return referral


def hold_days(referral: Referral, on: date | None = None) -> int:
    """Calendar days the clock has stood still (an open hold counts up to ``on``)."""
    on = on or today()
    return sum(max(0, ((h.ended_on or on) - h.started_on).days) for h in referral.holds)


def schedule_of(referral: Referral, on: date | None = None) -> clock.Schedule:
    """The referral's deadlines: holds added, and the steps that already happened (an appeal
    lodged, a level's decision) counted from their real dates."""
    happened: dict[str, date] = {}
    for escalation in referral.escalations:
        level = Level(escalation.level)
        # The OC is not appealed to (disagreement puts the case before it): no appeal date.
        if level != Level.OPERATING_COMMITTEE:
            happened[LEVEL_STEPS[level][0]] = escalation.escalated_on
        if escalation.decided_on is not None and level in DECISION_STEP:
            happened[DECISION_STEP[level]] = escalation.decided_on
    return clock.deadlines(
        referral.referred_on,
        registered=referral.registered_on,
        hold_days=hold_days(referral, on),
        happened=happened,
    )


def current_advice(
    referral_id: uuid.UUID, *, session: Session
) -> dict[tuple[str, str, int], Advice]:
    """The newest advice per (agency, scope, position)."""
    rows = session.scalars(
        select(Advice).where(Advice.referral_id == referral_id).order_by(Advice.advised_at)
    )
    return {(a.agency_code, a.scope, a.position): a for a in rows}


def latest_advice(
    referral_id: uuid.UUID, agency: str, scope: str, position: int, *, session: Session
) -> Advice | None:
    """The agency's newest advice on one (scope, position) of the referral, if any."""
    return session.scalars(
        select(Advice)
        .where(
            Advice.referral_id == referral_id,
            Advice.agency_code == agency,
            Advice.scope == scope,
            Advice.position == position,
        )
        .order_by(Advice.advised_at.desc())
        .limit(1)
    ).first()


def list_referrals(
    *, session: Session, actor: Principal, group: str | None = None, agency: str | None = None
) -> list[Referral]:
    """Referrals the actor may see (a representative: only their agency's), optionally filtered."""
    require(actor, Permission.READ)
    query = select(Referral).order_by(Referral.referred_on.desc())
    if group:
        query = query.join(Group).where(Group.code == group.upper())
    wanted = actor.agency_code if access.is_representative(actor) else agency
    if wanted:
        query = query.where(
            Referral.id.in_(
                select(ReferralAgency.referral_id).where(ReferralAgency.agency_code == wanted)
            )
        )
    return list(session.scalars(query).unique())
