"""Use cases of the multilateral capability, gathered from its modules for every interface.

Every use case that changes data refuses an actor without ``manage_multilateral`` itself, so
no delivery path can skip the check.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.multilateral import calendar, contributions, hcoc, ics, instructions, seeding
from nonpro.multilateral.calendar import (
    get_body,
    get_meeting,
    list_bodies,
    list_meetings,
    meeting_out,
)
from nonpro.multilateral.documents import add_document, meeting_documents, revise_document
from nonpro.multilateral.schemas import DelegateIn, MeetingIn, MeetingOut, MeetingUpdate
from nonpro.multilateral.seeding import project

__all__ = [
    "add_delegate",
    "add_document",
    "calendar_ics",
    "contributions",
    "create_meeting",
    "get_body",
    "get_meeting",
    "hcoc",
    "instructions",
    "list_bodies",
    "list_meetings",
    "load_reference",
    "meeting_documents",
    "meeting_out",
    "project",
    "remove_delegate",
    "revise_document",
    "seeding",
    "update_meeting",
]


# The calendar's writes are guarded here, so calendar.py keeps to dates and rows and every
# delivery path reaches them through this check.
def create_meeting(data: MeetingIn, *, session: Session, actor: Principal) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.create_meeting(data, session=session, actor=actor)


def update_meeting(
    meeting_id: str | uuid.UUID, data: MeetingUpdate, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.update_meeting(meeting_id, data, session=session, actor=actor)


def add_delegate(
    meeting_id: str | uuid.UUID, data: DelegateIn, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.add_delegate(meeting_id, data, session=session, actor=actor)


def remove_delegate(
    meeting_id: str | uuid.UUID, delegate_id: str, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.remove_delegate(meeting_id, delegate_id, session=session, actor=actor)


def load_reference(*, session: Session, actor: Principal, today: date) -> tuple[int, int, int]:
    """``nonpro reference load``: the seeded bodies and sessions, then projection. Idempotent."""
    return seeding.seed(session=session, actor=actor, today=today)


def calendar_ics(
    *,
    session: Session,
    stamp: datetime,
    body: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[bytes, list[MeetingOut]]:
    """The sessions (of one body or all) as an ``.ics`` file."""
    found = list_meetings(session=session, start=start, end=end, body=body)
    name = f"nonpro: {get_body(body, session=session).name}" if body else "nonpro: meetings"
    return ics.to_ics(found, name=name, stamp=stamp), found
