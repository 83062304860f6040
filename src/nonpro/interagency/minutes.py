"""Minutes of a meeting: ``interagency/minutes.html`` rendered by ``nonpro.documents``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.documents.render import render_pdf
from nonpro.interagency import meetings

_TEMPLATE = "interagency/minutes.html"


def minutes_pdf(meeting_id: str, *, session: Session, actor: Principal) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the minutes as ``actor`` may read them (a representative: the
    cases referred to their agency only); audited, since minutes are circulated."""
    meeting = meetings.get_meeting(meeting_id, session=session, actor=actor)
    pdf = render_pdf(_TEMPLATE, meeting=meetings.meeting_out(meeting, actor), generated=utcnow())
    audit.record(
        session,
        actor=actor.username,
        action="interagency.minutes",
        target=f"meeting:{meeting.id}",
        payload={"group": meeting.group.code, "held_on": meeting.held_on, "bytes": len(pdf)},
    )
    return f"{meeting.group.code}-{meeting.held_on}-minutes.pdf", pdf
