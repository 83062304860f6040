"""Holds for missing information (the clock stops) and reminders to late representatives."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.core.clock import today
from nonpro.core.errors import Conflict, PermissionDenied
from nonpro.interagency import access, clock, referrals
from nonpro.interagency.models import Hold, Referral, Reminder
from nonpro.interagency.schemas import HoldOut

# Reminders go to agencies whose advice is due within this many days, or overdue.
REMIND_WITHIN_DAYS = 5


def _require_case_work(actor: Principal) -> None:
    if not (actor.can(Permission.MANAGE_CASES) or actor.can(Permission.CHAIR_GROUPS)):
        raise PermissionDenied(f"role {actor.role.value!r} may not manage referrals")


def open_hold(referral: Referral) -> Hold | None:
    return next((h for h in referral.holds if h.ended_on is None), None)


def hold_out(hold: Hold) -> HoldOut:
    out = HoldOut.model_validate(hold)
    limit = clock.load_config().information_hold_days
    out.expires_on = hold.started_on + timedelta(days=limit)
    return out


def start_hold(
    referral: Referral,
    *,
    reason: str,
    agency: str | None,
    session: Session,
    actor: Principal,
    on: date | None = None,
) -> Hold:
    """Stop the clock. Called by ``advise`` when an agency asks for information, or by staff."""
    if agency is None:
        _require_case_work(actor)
    if open_hold(referral) is not None:
        raise Conflict(f"case {referral.case.reference} is already on hold")
    hold = Hold(
        started_on=on or today(), reason=reason, agency_code=agency, started_by=actor.username
    )
    referral.holds.append(hold)
    referrals.note_on_case(referral, actor, "clock stopped", f"{reason} ({agency or 'staff'})")
    session.flush()
    cases.follow_interagency_hold(
        referral.case, held=True, note=f"interagency hold: {reason}", session=session, actor=actor
    )
    referrals.audit_referral(
        session,
        referral,
        actor,
        "interagency.hold",
        {
            "reason": reason,
            "agency": agency,
            "on": hold.started_on,
        },
    )
    return hold


def end_hold(
    key: str,
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
    on: date | None = None,
) -> Hold:
    """Restart the clock: every later deadline moves by the days held."""
    _require_case_work(actor)
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    hold = open_hold(referral)
    if hold is None:
        raise Conflict(f"case {referral.case.reference} is not on hold")
    hold.ended_on = max(on or today(), hold.started_on)
    hold.ended_by = actor.username
    held = (hold.ended_on - hold.started_on).days
    referrals.note_on_case(referral, actor, "clock restarted", f"held {held} days")
    session.flush()
    cases.follow_interagency_hold(
        referral.case,
        held=False,
        note=f"interagency hold ended after {held} days",
        session=session,
        actor=actor,
    )
    referrals.audit_referral(
        session,
        referral,
        actor,
        "interagency.resume",
        {
            "held_days": (hold.ended_on - hold.started_on).days,
            "advice_due": referrals.schedule_of(referral, on).due("agency_recommendation"),
        },
    )
    return hold


def remind(
    key: str,
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
    on: date | None = None,
) -> list[Reminder]:
    """Record a reminder for each agency whose advice is outstanding and due soon or late."""
    _require_case_work(actor)
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    on = on or today()
    due = referrals.schedule_of(referral, on).due("agency_recommendation")
    if (due - on).days > REMIND_WITHIN_DAYS:
        return []
    answered = {agency for agency, _, _ in referrals.current_advice(referral.id, session=session)}
    sent = []
    for agency in access.agencies_of(referral):
        if agency in answered:
            continue
        late = on > due
        note = (
            f"advice on {referral.case.reference} was due {due}: late "
            "(no answer counts as no objection)"
            if late
            else f"advice on {referral.case.reference} is due {due}"
        )
        reminder = Reminder(
            referral_id=referral.id,
            agency_code=agency,
            due_on=due,
            sent_by=actor.username,
            note=note,
        )
        session.add(reminder)
        sent.append(reminder)
    session.flush()
    if sent:
        referrals.audit_referral(
            session,
            referral,
            actor,
            "interagency.remind",
            {
                "agencies": [r.agency_code for r in sent],
                "due": due,
            },
        )
    return sent
