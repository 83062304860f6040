"""Minutes of a meeting: HTML from a Jinja2 template, PDF from WeasyPrint (as the case letter).

WeasyPrint is imported when minutes are made, not at start-up: it loads Pango.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.interagency import meetings

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(
    loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True
)


def minutes_html(meeting_id: str, *, session: Session, actor: Principal) -> str:
    meeting = meetings.get_meeting(meeting_id, session=session, actor=actor)
    out = meetings.meeting_out(meeting)
    return _env.get_template("minutes.html").render(meeting=out, generated=utcnow())


def minutes_pdf(meeting_id: str, *, session: Session, actor: Principal) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the minutes; audited, since minutes are circulated."""
    html = minutes_html(meeting_id, session=session, actor=actor)
    meeting = meetings.get_meeting(meeting_id, session=session, actor=actor)
    # WeasyPrint publishes no type stubs.
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=html, base_url=str(_TEMPLATES)).write_pdf()
    audit.record(
        session,
        actor=actor.username,
        action="interagency.minutes",
        target=f"meeting:{meeting.id}",
        payload={"group": meeting.group.code, "held_on": meeting.held_on, "bytes": len(pdf)},
    )
    return f"{meeting.group.code}-{meeting.held_on}-minutes.pdf", pdf
