"""Seeding the calendar from the reviewed facts, and projecting recurring sessions ahead.

A projected session is an ordinary meeting marked ``projected`` with a ``seed_key``, so loading
and projecting again add nothing, and a confirmed or edited session is never replaced.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import load_packaged_yaml
from nonpro.multilateral import rules
from nonpro.multilateral.calendar import LOG
from nonpro.multilateral.errors import CalendarDataError
from nonpro.multilateral.models import Body, Meeting
from nonpro.multilateral.schemas import SeedCalendar

CALENDAR_FILE = "calendar.yaml"
# A projected session is not added when a stored session of the same body starts this close to
# it: that session is the one the pattern describes (seeded, entered by hand, or confirmed).
SAME_SESSION_WINDOW = timedelta(days=21)


def load_calendar_file() -> SeedCalendar:
    return load_packaged_yaml("nonpro.multilateral", CALENDAR_FILE, SeedCalendar, CalendarDataError)


def seed(*, session: Session, actor: Principal, today: date) -> tuple[int, int, int]:
    """Add the seeded bodies and sessions that are missing, then project ahead.

    Returns (bodies added, sessions added, sessions projected). Never overwrites an edit.
    """
    require(actor, Permission.MANAGE_MULTILATERAL)
    data = load_calendar_file()
    bodies_added = sessions_added = 0
    for seeded in data.bodies:
        body = session.scalar(select(Body).where(Body.code == seeded.code))
        if body is None:
            body = Body(**seeded.model_dump(exclude={"sessions"}), as_of=data.as_of)
            session.add(body)
            session.flush()
            bodies_added += 1
        for known in seeded.sessions:
            key = f"{seeded.code}:{known.start.isoformat()}"
            if session.scalar(select(Meeting.id).where(Meeting.seed_key == key)) is not None:
                continue
            session.add(
                Meeting(
                    body_id=body.id,
                    title=known.title,
                    start_date=known.start,
                    end_date=known.end,
                    venue=known.venue if known.venue is not None else seeded.venue,
                    agenda=[],
                    projected=False,
                    seed_key=key,
                    source=seeded.source,
                    as_of=data.as_of,
                    confidence=known.confidence or seeded.confidence,
                    note=known.note,
                    created_by=actor.username,
                )
            )
            sessions_added += 1
    session.flush()
    projected = project(session=session, actor=actor, today=today)
    if bodies_added or sessions_added:
        LOG.record(
            session,
            actor,
            "calendar.seed",
            f"calendar:{CALENDAR_FILE}",
            {"bodies": bodies_added, "sessions": sessions_added, "as_of": data.as_of},
        )
    return bodies_added, sessions_added, projected


def project(*, session: Session, actor: Principal, today: date, through: date | None = None) -> int:
    """Add projected sessions from every body's patterns, from today to the horizon."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    horizon = through or rules.projection_horizon(today)
    if problem := rules.projection_problem(today, horizon):
        raise InvalidInput("through", problem)
    added = 0
    for body in session.scalars(select(Body).order_by(Body.code)):
        stored = list(session.scalars(select(Meeting).where(Meeting.body_id == body.id)))
        for raw in body.patterns:
            pattern = rules.Pattern.model_validate(raw)
            for year in range(today.year, horizon.year + 1):
                found = rules.occurrence(pattern, year)
                if found is None or found[0] < today or found[0] > horizon:
                    continue
                key = f"{body.code}:{pattern.key}:{year}"
                if any(m.seed_key == key for m in stored) or any(
                    abs(m.start_date - found[0]) <= SAME_SESSION_WINDOW for m in stored
                ):
                    continue
                meeting = Meeting(
                    body_id=body.id,
                    title=f"{body.name}, {pattern.label} {year}",
                    start_date=found[0],
                    end_date=found[1],
                    venue=body.venue,
                    agenda=[],
                    projected=True,
                    seed_key=key,
                    source=f"projected from the usual timing: {body.usual_timing}",
                    as_of=today,
                    confidence=pattern.confidence or "inferred",
                    note="Projected: dates not confirmed.",
                    created_by=actor.username,
                )
                session.add(meeting)
                stored.append(meeting)
                added += 1
    session.flush()
    if added:
        LOG.record(
            session,
            actor,
            "calendar.project",
            "calendar:projection",
            {"added": added, "through": horizon},
        )
    return added
