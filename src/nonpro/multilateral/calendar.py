"""Bodies and their sessions: seeding, projection of recurring sessions, delegations, documents.

Services flush; the caller commits. Every write is audited in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.schemas import Principal
from nonpro.core import audit, clock
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.multilateral.models import Body, Delegate, Meeting
from nonpro.multilateral.rules import date_problem, session_problem
from nonpro.multilateral.schemas import (
    BodyOut,
    DelegateIn,
    MeetingIn,
    MeetingOut,
    MeetingUpdate,
)

# The multilateral files' rows of the audit log.
LOG = audit.CapabilityLog("multilateral")


def body_out(body: Body) -> BodyOut:
    return BodyOut.model_validate(body)


def meeting_out(meeting: Meeting) -> MeetingOut:
    return MeetingOut.model_validate(
        {
            **{c: getattr(meeting, c) for c in MeetingOut.model_fields if hasattr(meeting, c)},
            "body": meeting.body.code,
            "body_name": meeting.body.name,
        }
    )


def list_bodies(*, session: Session) -> list[BodyOut]:
    return [body_out(b) for b in session.scalars(select(Body).order_by(Body.code))]


def get_body(code: str, *, session: Session) -> Body:
    body = session.scalar(select(Body).where(Body.code == code.strip().upper()))
    if body is None:
        known = ", ".join(session.scalars(select(Body.code).order_by(Body.code)))
        raise InvalidInput("body", f"{code!r} is not a known body ({known or 'none loaded'})")
    return body


def check_period(start: date | None, end: date | None) -> None:
    """A period asked of the calendar: days it can hold, the last not before the first."""
    for field, day in (("start", start), ("end", end)):
        if day is not None and (problem := date_problem(day)):
            raise InvalidInput(field, problem)
    if start and end and end < start:
        raise InvalidInput("end", f"{end} is before {start}")


def calendar_window(start: date | None, end: date | None, *, today: date) -> tuple[date, date]:
    """The period a calendar page shows: from ``start`` (today) to ``end`` (a year on)."""
    check_period(start, end)
    first = start or today
    return first, end or first + timedelta(days=365)


def list_meetings(
    *, session: Session, start: date | None = None, end: date | None = None, body: str | None = None
) -> list[MeetingOut]:
    """Sessions that overlap [start, end], earliest first."""
    check_period(start, end)
    query = select(Meeting).order_by(Meeting.start_date, Meeting.title)
    if start is not None:
        query = query.where(Meeting.end_date >= start)
    if end is not None:
        query = query.where(Meeting.start_date <= end)
    if body:
        query = query.where(Meeting.body_id == get_body(body, session=session).id)
    return [meeting_out(m) for m in session.scalars(query).unique()]


def to_uuid(value: str | uuid.UUID, kind: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(kind, value) from None


def get_meeting(meeting_id: str | uuid.UUID, *, session: Session) -> Meeting:
    meeting = session.get(Meeting, to_uuid(meeting_id, "meeting"))
    if meeting is None:
        raise NotFound("meeting", meeting_id)
    return meeting


def create_meeting(data: MeetingIn, *, session: Session, actor: Principal) -> MeetingOut:
    body = get_body(data.body, session=session)
    meeting = Meeting(
        **data.model_dump(exclude={"body", "venue"}),
        body_id=body.id,
        venue=data.venue or body.venue,
        projected=False,
        source=f"entered by {actor.username}",
        created_by=actor.username,
    )
    session.add(meeting)
    session.flush()
    LOG.record(
        session, actor, "meeting.create", f"meeting:{meeting.id}", data.model_dump(mode="json")
    )
    session.refresh(meeting)
    return meeting_out(meeting)


def update_meeting(
    meeting_id: str | uuid.UUID, data: MeetingUpdate, *, session: Session, actor: Principal
) -> MeetingOut:
    meeting = get_meeting(meeting_id, session=session)
    changes = data.model_dump(exclude_unset=True, exclude={"confirm"}, mode="json")
    for field, value in data.model_dump(exclude_unset=True, exclude={"confirm"}).items():
        setattr(meeting, field, value)
    if problem := session_problem(meeting.start_date, meeting.end_date):
        # Said of the day that was changed (the last day when both were).
        raise InvalidInput("end_date" if "end_date" in changes else "start_date", problem)
    if data.confirm and meeting.projected:
        meeting.projected = False
        meeting.note = meeting.note.replace("Projected: dates not confirmed.", "").strip()
        meeting.source = f"dates confirmed by {actor.username}"
        meeting.as_of = clock.today()
        meeting.confidence = "confirmed"
        changes["confirmed"] = True
    session.flush()
    LOG.record(session, actor, "meeting.update", f"meeting:{meeting.id}", changes)
    return meeting_out(meeting)


def add_delegate(
    meeting_id: str | uuid.UUID, data: DelegateIn, *, session: Session, actor: Principal
) -> MeetingOut:
    meeting = get_meeting(meeting_id, session=session)
    try:
        agency = accounts.get_agency(data.agency, session=session)
    except NotFound:
        raise InvalidInput("agency", f"{data.agency!r} is not a known agency code") from None
    meeting.delegates.append(
        Delegate(
            position=len(meeting.delegates) + 1, name=data.name, role=data.role, agency=agency.code
        )
    )
    session.flush()
    LOG.record(
        session,
        actor,
        "delegation.add",
        f"meeting:{meeting.id}",
        {**data.model_dump(mode="json"), "agency": agency.code},
    )
    return meeting_out(meeting)


def remove_delegate(
    meeting_id: str | uuid.UUID, delegate_id: str, *, session: Session, actor: Principal
) -> MeetingOut:
    meeting = get_meeting(meeting_id, session=session)
    found = [d for d in meeting.delegates if str(d.id) == delegate_id]
    if not found:
        raise NotFound("delegate", delegate_id)
    meeting.delegates.remove(found[0])
    for position, delegate in enumerate(meeting.delegates, start=1):
        delegate.position = position
    session.flush()
    LOG.record(
        session,
        actor,
        "delegation.remove",
        f"meeting:{meeting.id}",
        {"name": found[0].name, "role": found[0].role},
    )
    return meeting_out(meeting)
