"""Interagency review: the representative's referrals due, the chair's agenda, requests and
late advice. Referrals are read in one query (their holds and appeals with them) and the
advice given on them in one more: the deadlines are computed, not queried, row by row."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import agency_names
from nonpro.cases.access import visible_only
from nonpro.cases.models import Case
from nonpro.cases.rules import OPEN_STATUSES
from nonpro.interagency import access
from nonpro.interagency.holds import open_hold
from nonpro.interagency.models import Advice, Meeting, Referral, ReferralAgency, ReferralRequest
from nonpro.interagency.referrals import schedule_of
from nonpro.worklist.schemas import WorkItem

_OPEN = [s.value for s in OPEN_STATUSES]
ADVICE_STEP = "agency_recommendation"


def _open_referrals(session: Session, actor: Principal, agency: str | None) -> list[Referral]:
    """Referrals of open cases the actor may see; with ``agency``, only those it advises on."""
    query = select(Referral).join(Case, Referral.case_id == Case.id).where(Case.status.in_(_OPEN))
    if agency is not None:
        query = query.where(
            Referral.id.in_(
                select(ReferralAgency.referral_id).where(ReferralAgency.agency_code == agency)
            )
        )
    found = session.scalars(visible_only(query, actor)).unique()
    return [r for r in found if access.may_see(actor, r)]


def _answered(session: Session, referrals: list[Referral]) -> dict[uuid.UUID, set[str]]:
    """The agencies that have given advice, per referral."""
    if not referrals:
        return {}
    rows = session.execute(
        select(Advice.referral_id, Advice.agency_code)
        .where(Advice.referral_id.in_([r.id for r in referrals]))
        .distinct()
    )
    answered: dict[uuid.UUID, set[str]] = defaultdict(set)
    for referral_id, agency in rows:
        answered[referral_id].add(agency)
    return answered


def _referral_title(referral: Referral) -> str:
    return f"{referral.case.reference} before {referral.group.code}"


def referrals_due(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    """Referrals to the representative's agency on which it has not advised yet."""
    agency = actor.agency_code
    if agency is None:
        return []
    referrals = _open_referrals(session, actor, agency)
    answered = _answered(session, referrals)
    names = agency_names(session=session)
    items = []
    for referral in referrals:
        if agency in answered.get(referral.id, set()):
            continue
        due = schedule_of(referral, on).due(ADVICE_STEP)
        held = open_hold(referral) is not None
        late = on > due and not held
        state = "late: was due" if late else "due"
        reason = f"{names.get(agency, agency)} has not advised; {state} {due}"
        items.append(
            WorkItem(
                title=_referral_title(referral),
                link=f"/interagency/referrals/{referral.id}",
                reason=reason + ("; the clock is on hold" if held else ""),
                due_on=due,
                late=late,
                case_reference=referral.case.reference,
            )
        )
    return items


def late_advice(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    """Referrals past their advice deadline with agencies still silent (the chair reminds them,
    or counts their silence as no objection)."""
    referrals = _open_referrals(session, actor, None)
    answered = _answered(session, referrals)
    names = agency_names(session=session)
    items = []
    for referral in referrals:
        due = schedule_of(referral, on).due(ADVICE_STEP)
        silent = [
            a for a in access.agencies_of(referral) if a not in answered.get(referral.id, set())
        ]
        if not silent or on <= due or open_hold(referral) is not None:
            continue
        silent_names = ", ".join(names.get(a, a) for a in silent)
        items.append(
            WorkItem(
                title=_referral_title(referral),
                link=f"/interagency/referrals/{referral.id}",
                reason=f"advice was due {due}; not yet heard from {silent_names}",
                due_on=due,
                late=True,
                case_reference=referral.case.reference,
            )
        )
    return items


def agenda(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    """The groups' meetings from today on, with what is on each agenda."""
    meetings = session.scalars(
        select(Meeting).where(Meeting.held_on >= on).order_by(Meeting.held_on)
    ).unique()
    items = []
    for meeting in meetings:
        cases = [a for a in meeting.agenda if access.may_see(actor, a.referral)]
        open_items = [a for a in cases if a.recommendation is None]
        listed = ", ".join(a.referral.case.reference for a in cases) or "nothing yet"
        reason = f"on the agenda: {listed}"
        if open_items:
            reason += f"; {len(open_items)} without the chair's recommendation"
        items.append(
            WorkItem(
                title=f"{meeting.group.code}: {meeting.title}",
                link=f"/interagency/meetings/{meeting.id}",
                reason=reason,
                due_on=meeting.held_on,
            )
        )
    return items


def open_requests(*, session: Session) -> list[WorkItem]:
    """Analysts' requests that a group take a case, waiting for the chair's answer."""
    query = select(ReferralRequest).where(ReferralRequest.state == "open")
    return [
        WorkItem(
            title=f"{r.case.reference}: referral to {r.group.code} requested",
            link=f"/cases/{r.case_id}#handoff-heading",
            reason=f"requested by {r.requested_by} on {r.requested_at.date().isoformat()}"
            + (f": {r.note}" if r.note else ""),
            case_reference=r.case.reference,
        )
        for r in session.scalars(query).unique()
    ]
