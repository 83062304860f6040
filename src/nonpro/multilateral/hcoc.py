"""HCOC pre-launch notifications and the annual declaration built from them.

Subscribing states come from the treaties capability (instrument ``HCOC``), not from a list here.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values, get_row
from nonpro.core.errors import InvalidInput
from nonpro.multilateral.calendar import LOG
from nonpro.multilateral.models import HcocPolicy, LaunchNotification
from nonpro.multilateral.rules import LaunchOutcome, VehicleClass, is_late
from nonpro.multilateral.schemas_hcoc import (
    ClassCount,
    Declaration,
    NotificationIn,
    NotificationOut,
    OutcomeIn,
    PolicyIn,
)
from nonpro.treaties import services as treaties
from nonpro.treaties.schemas import Status


def notification_out(found: LaunchNotification) -> NotificationOut:
    vehicle = VehicleClass(found.vehicle_class)
    lead = (found.window_opens - found.notified_at).total_seconds() / 3600
    return NotificationOut.model_validate(
        {
            **column_values(found),
            "kind": vehicle.kind,
            "lead_hours": round(lead, 1),
            "late": is_late(notified_at=found.notified_at, window_opens=found.window_opens),
        }
    )


def notify(data: NotificationIn, *, session: Session, actor: Principal) -> NotificationOut:
    """Record a pre-launch notification; one given after its window opened is kept and flagged."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    state = treaties.resolve_state(data.state)
    found = LaunchNotification(
        **data.model_dump(exclude={"state", "notified_at"}),
        state=state,
        notified_at=data.notified_at or utcnow(),
        outcome=LaunchOutcome.NOTIFIED,
        recorded_by=actor.username,
    )
    session.add(found)
    session.flush()
    out = notification_out(found)
    LOG.record(
        session,
        actor,
        "hcoc.notify",
        f"hcoc-notification:{found.id}",
        {**data.model_dump(mode="json"), "state": state, "late": out.late},
    )
    return out


def _get(notification_id: str | uuid.UUID, *, session: Session) -> LaunchNotification:
    return get_row(session, LaunchNotification, notification_id, "notification")


def record_outcome(
    notification_id: str | uuid.UUID, data: OutcomeIn, *, session: Session, actor: Principal
) -> NotificationOut:
    """Whether the notified launch took place (and when) or was called off."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = _get(notification_id, session=session)
    if data.outcome is LaunchOutcome.LAUNCHED and data.launched_on is None:
        raise InvalidInput("launched_on", "give the launch date")
    found.outcome = data.outcome
    found.launched_on = data.launched_on if data.outcome is LaunchOutcome.LAUNCHED else None
    session.flush()
    LOG.record(
        session,
        actor,
        "hcoc.outcome",
        f"hcoc-notification:{found.id}",
        data.model_dump(mode="json"),
    )
    return notification_out(found)


def list_notifications(*, session: Session, year: int | None = None) -> list[NotificationOut]:
    query = select(LaunchNotification).order_by(LaunchNotification.window_opens)
    if year is not None:
        query = query.where(extract("year", LaunchNotification.window_opens) == year)
    return [notification_out(n) for n in session.scalars(query)]


def set_policies(year: int, data: PolicyIn, *, session: Session, actor: Principal) -> None:
    require(actor, Permission.MANAGE_MULTILATERAL)
    policy = session.scalar(select(HcocPolicy).where(HcocPolicy.year == year))
    if policy is None:
        policy = HcocPolicy(year=year, recorded_by=actor.username)
        session.add(policy)
    policy.ballistic_missile_policy = data.ballistic_missile_policy
    policy.space_launch_policy = data.space_launch_policy
    policy.recorded_by = actor.username
    policy.recorded_at = utcnow()
    session.flush()
    LOG.record(
        session, actor, "hcoc.policies", f"hcoc-policies:{year}", data.model_dump(mode="json")
    )


def _launch_year(found: NotificationOut) -> int:
    return found.launched_on.year if found.launched_on else found.window_opens.year


def declaration(year: int, *, session: Session, state: str = "USA") -> Declaration:
    """The year's declaration: policies, and the launches by generic class.

    A notified launch counts unless it was recorded as cancelled; one without a recorded outcome
    is counted and named in the warnings, so the number can be checked before it is sent.
    """
    if not 1990 <= year <= 2100:
        raise InvalidInput("year", f"{year} is not a plausible declaration year")
    code = treaties.resolve_state(state)
    candidates = [
        n
        for n in list_notifications(session=session)
        if n.state == code and _launch_year(n) == year
    ]
    counted = [n for n in candidates if n.outcome is not LaunchOutcome.CANCELLED]
    warnings: list[str] = []
    unconfirmed = [n for n in counted if n.outcome is LaunchOutcome.NOTIFIED]
    if unconfirmed:
        warnings.append(
            f"{len(unconfirmed)} notified launch(es) have no recorded outcome and are counted "
            "as launched; record the outcome to confirm"
        )
    late = [n for n in candidates if n.late]
    if late:
        warnings.append(f"{len(late)} notification(s) were made after the launch window opened")
    policy = session.scalar(
        select(HcocPolicy).where(HcocPolicy.year <= year).order_by(HcocPolicy.year.desc())
    )
    if policy is None:
        warnings.append("no policy statements are recorded for this year or before")
    elif policy.year != year:
        warnings.append(f"policy statements carried over from {policy.year}")
    as_of = date(year, 12, 31)
    subscribers = treaties.parties("HCOC", as_of=as_of, session=session, status=Status.PARTY)
    subscribing: bool | None = code in subscribers.states
    if code in subscribers.unknown:
        subscribing = None
        warnings.append(
            f"not known whether {code} was an HCOC subscribing state on {as_of}: the loaded "
            "treaty data dates its subscription only by a year or the date of a list"
        )
    elif not subscribing:
        warnings.append(
            f"{code} is not an HCOC subscribing state as of {as_of} in the loaded treaty data"
        )
    by_class = [
        ClassCount(
            vehicle_class=vc,
            kind=vc.kind,
            launches=sum(1 for n in counted if n.vehicle_class is vc),
        )
        for vc in VehicleClass
    ]
    slv = sum(c.launches for c in by_class if c.vehicle_class is VehicleClass.SLV)
    return Declaration(
        state=code,
        year=year,
        subscribing=subscribing,
        subscribing_states=len(subscribers.states),
        subscribing_unknown=len(subscribers.unknown),
        ballistic_missile_policy=policy.ballistic_missile_policy if policy else None,
        space_launch_policy=policy.space_launch_policy if policy else None,
        policy_year=policy.year if policy else None,
        ballistic_missile_launches=len(counted) - slv,
        space_launch_vehicle_launches=slv,
        by_class=by_class,
        notifications=candidates,
        late_notifications=len(late),
        warnings=warnings,
    )


def window_from_day(day: date) -> datetime:
    """Midnight UTC of a day: the web form's date-only windows start then."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
