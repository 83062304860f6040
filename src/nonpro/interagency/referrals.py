"""Finding groups and referrals, a referral's clock and its advice: what every interagency use
case reads (`services`, `holds`, `advice`, `escalation`, `meetings`, `views`), kept below them.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import services as cases
from nonpro.cases.models import CaseEvent
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.interagency import access, clock
from nonpro.interagency.models import Advice, Group, Referral, ReferralAgency
from nonpro.interagency.rules import DECISION_STEP, LEVEL_STEPS, Level


def get_group(code: str, *, session: Session) -> Group:
    group = session.scalar(select(Group).where(Group.code == code.upper()))
    if group is None:
        raise NotFound("group", code)
    return group


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


def find_referral(
    key: str | uuid.UUID, group: str | None, *, session: Session, reader: Principal
) -> Referral:
    """A referral by its id, or by the case (id or reference) the reader may see and, if
    several, the group."""
    try:
        found = session.get(Referral, key if isinstance(key, uuid.UUID) else uuid.UUID(key))
        if found is not None:
            return found
    except ValueError:
        pass
    case = cases.get_case(key, session=session, reader=reader)
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
    referral = find_referral(key, group, session=session, reader=actor)
    access.require_sight(actor, referral, key)
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
