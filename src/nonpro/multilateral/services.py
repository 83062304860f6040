"""Use cases of the multilateral capability, gathered from its modules for every interface."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.multilateral import contributions, hcoc, ics, instructions, seeding
from nonpro.multilateral.calendar import (
    add_delegate,
    create_meeting,
    get_body,
    get_meeting,
    list_bodies,
    list_meetings,
    meeting_out,
    remove_delegate,
    update_meeting,
)
from nonpro.multilateral.documents import add_document, meeting_documents, revise_document
from nonpro.multilateral.schemas import MeetingOut
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
