"""What a referral looks like to its readers: the queue row and the consolidated view."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.interagency import access, holds, referrals
from nonpro.interagency.models import Advice, Referral, Reminder
from nonpro.interagency.rules import (
    AdviceKind,
    Outcome,
    Position,
    Scope,
    Standing,
    consolidate,
)
from nonpro.interagency.schemas import (
    AdviceOut,
    ConsolidatedView,
    EscalationOut,
    PositionOut,
    ReferralSummary,
    ReminderOut,
    ScopeView,
)

# The overall outcome is the most pressing of the scopes' outcomes.
_PRIORITY = [
    Outcome.CONFLICT,
    Outcome.INFORMATION_REQUESTED,
    Outcome.DENY,
    Outcome.PENDING,
    Outcome.APPROVE_WITH_PROVISOS,
    Outcome.APPROVE,
    Outcome.NO_POSITION,
]


def summary(referral: Referral, *, session: Session, on: date | None = None) -> ReferralSummary:
    on = on or today()
    due = referrals.schedule_of(referral, on).due("agency_recommendation")
    answered = sorted({a for a, _, _ in referrals.current_advice(referral.id, session=session)})
    agencies = access.agencies_of(referral)
    reminded = session.scalars(
        select(Reminder.agency_code).where(Reminder.referral_id == referral.id).distinct()
    )
    return ReferralSummary(
        id=referral.id,
        case_id=referral.case_id,
        case_reference=referral.case.reference,
        case_status=referral.case.status,
        destination=referral.case.destination,
        group=referral.group.code,
        referred_on=referral.referred_on,
        agencies=agencies,
        due_on=due,
        late_agencies=[a for a in agencies if a not in answered and on > due],
        answered=answered,
        reminded=sorted(a for a in reminded if a not in answered),
        on_hold=holds.open_hold(referral) is not None,
    )


def queue(
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
    agency: str | None = None,
    on: date | None = None,
) -> list[ReferralSummary]:
    """Referrals the actor may see, late first, then by due date."""
    rows = [
        summary(r, session=session, on=on)
        for r in referrals.list_referrals(session=session, actor=actor, group=group, agency=agency)
    ]
    mine = actor.agency_code if access.is_representative(actor) else agency

    def late(row: ReferralSummary) -> bool:
        return (mine in row.late_agencies) if mine else bool(row.late_agencies)

    return sorted(rows, key=lambda r: (not late(r), r.due_on, r.case_reference))


def _position(
    agency: str, scope: Scope, pos: int, advice: dict[tuple[str, str, int], Advice], late: bool
) -> PositionOut:
    own = advice.get((agency, scope.value, pos))
    inherited = own is None and scope != Scope.CASE
    found = own or (advice.get((agency, Scope.CASE.value, 0)) if inherited else None)
    if found is None:
        standing = Standing.DEEMED_NO_OBJECTION if late else Standing.PENDING
        return PositionOut(agency=agency, standing=standing)
    return PositionOut(
        agency=agency,
        standing=Standing.ADVISED,
        kind=AdviceKind(found.kind),
        advice=AdviceOut.model_validate(found),
        inherited=inherited,
    )


def _scope_label(referral: Referral, scope: Scope, pos: int) -> str:
    if scope == Scope.ITEM:
        item = next((i for i in referral.case.items if i.position == pos), None)
        return f"Item {pos + 1}: {item.description[:80] if item else '?'}"
    if scope == Scope.PARTY:
        party = next((p for p in referral.case.parties if p.position == pos), None)
        return f"Party {pos + 1}: {party.name if party else '?'}"
    return "Whole case"


def consolidated(
    key: str,
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
    on: date | None = None,
) -> ConsolidatedView:
    """Advice per agency and per item or party, with agreement or conflict computed."""
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    on = on or today()
    schedule = referrals.schedule_of(referral, on)
    late = on > schedule.due("agency_recommendation")
    advice = referrals.current_advice(referral.id, session=session)
    scopes = [
        (Scope.CASE, 0),
        *sorted(
            {(Scope(s), p) for _, s, p in advice if s != Scope.CASE.value},
            key=lambda x: (x[0], x[1]),
        ),
    ]
    views = []
    for scope, pos in scopes:
        positions = [_position(a, scope, pos, advice, late) for a in access.agencies_of(referral)]
        result = consolidate(
            [
                Position(
                    p.agency,
                    p.standing,
                    p.kind,
                    tuple(p.advice.provisos + p.advice.written_provisos) if p.advice else (),
                )
                for p in positions
            ]
        )
        views.append(
            ScopeView(
                scope=scope,
                position=pos,
                label=_scope_label(referral, scope, pos),
                outcome=result.outcome,
                complete=result.complete,
                provisos=result.provisos,
                deniers=result.deniers,
                explanation=result.explanation,
                positions=positions,
            )
        )
    outcome = min((v.outcome for v in views), key=_PRIORITY.index)
    history = session.scalars(
        select(Advice).where(Advice.referral_id == referral.id).order_by(Advice.advised_at)
    )
    reminders = session.scalars(
        select(Reminder).where(Reminder.referral_id == referral.id).order_by(Reminder.sent_at)
    )
    return ConsolidatedView(
        referral=summary(referral, session=session, on=on),
        case_recommendation=referral.case.recommendation,
        outcome=outcome,
        conflict=outcome == Outcome.CONFLICT,
        scopes=views,
        history=[AdviceOut.model_validate(a) for a in history],
        holds=[holds.hold_out(h) for h in referral.holds],
        escalations=[EscalationOut.model_validate(e) for e in referral.escalations],
        deadlines=schedule.deadlines,
        reminders=[ReminderOut.model_validate(r) for r in reminders],
    )
