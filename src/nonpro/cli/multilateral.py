"""``nonpro meetings``: the calendar, delegations, iCalendar export (``nonpro instructions`` is
in ``multilateral_instructions``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import typer

from nonpro.cli.context import console, print_json, run_as_operator, run_query, unit_of_work
from nonpro.cli.multilateral_instructions import instructions_app  # registered by main.py
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.clock import today, utcnow
from nonpro.core.validation import parse_day, parse_input
from nonpro.multilateral import services
from nonpro.multilateral.schemas import (
    DelegateIn,
    MeetingIn,
    MeetingUpdate,
)

meetings_app = typer.Typer(
    help="Multilateral meetings: calendar, delegations, iCalendar export.", no_args_is_help=True
)
MeetingArg = typer.Argument(..., help="The meeting's id.")


@meetings_app.command("list")
def list_meetings(
    start: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD (today)."),
    end: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (a year on)."),
    body: str | None = typer.Option(None, "--body", help="Only this body, e.g. IAEA-BOG."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sessions between two dates, earliest first; projected ones are marked."""
    first = parse_day(start, "from") or today()
    last = parse_day(end, "to") or first + timedelta(days=365)
    print_rows(
        run_query(services.list_meetings, start=first, end=last, body=body),
        as_json=as_json,
        columns=("start", "end", "body", "title", "venue", "status", "id"),
        row=lambda m: (
            str(m.start_date),
            str(m.end_date),
            m.body,
            m.title,
            m.venue,
            "[yellow]projected[/yellow]" if m.projected else "confirmed",
            str(m.id),
        ),
    )


@meetings_app.command("bodies")
def bodies(as_json: bool = JSON_OPTION) -> None:
    """The bodies followed, their usual timing and sources."""
    print_rows(
        run_query(services.list_bodies),
        as_json=as_json,
        columns=("code", "name", "usual timing", "confidence"),
        row=lambda b: (b.code, b.name, b.usual_timing, b.confidence),
    )


@meetings_app.command("ics")
def ics(
    out: Path = typer.Argument(..., help="The .ics file to write."),
    body: str | None = typer.Option(None, "--body", help="Only this body, e.g. IAEA-BOG."),
) -> None:
    """Write the calendar (one body or all) as an iCalendar file."""
    data, found = run_query(services.calendar_ics, stamp=utcnow(), body=body)
    out.write_bytes(data)
    console.print(f"{len(found)} sessions written to {out}")


@meetings_app.command("add")
def add(
    body: str = typer.Option(..., "--body", help="Body code, e.g. IAEA-BOG."),
    title: str = typer.Option(..., "--title"),
    start: str = typer.Option(..., "--start", help="First day, YYYY-MM-DD."),
    end: str = typer.Option(..., "--end", help="Last day, YYYY-MM-DD."),
    venue: str = typer.Option("", "--venue", help="Default: the body's usual venue."),
    agenda: list[str] | None = typer.Option(None, "--agenda", help="An agenda item (repeat)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a session with confirmed dates."""
    raw = {
        "body": body,
        "title": title,
        "start_date": start,
        "end_date": end,
        "venue": venue,
        "agenda": agenda or [],
    }
    meeting = run_as_operator(services.create_meeting, parse_input(MeetingIn, raw))
    line = f"meeting {meeting.id}: {meeting.title} ({meeting.start_date})"
    print_one(meeting, as_json=as_json, text=line)


@meetings_app.command("confirm")
def confirm(
    meeting_id: str = MeetingArg,
    start: str | None = typer.Option(None, "--start", help="Confirmed first day."),
    end: str | None = typer.Option(None, "--end", help="Confirmed last day."),
    venue: str | None = typer.Option(None, "--venue"),
) -> None:
    """Confirm a projected session's dates (and venue); it is no longer marked projected."""
    raw = {"start_date": start, "end_date": end, "venue": venue, "confirm": True}
    data = parse_input(MeetingUpdate, {k: v for k, v in raw.items() if v is not None})
    meeting = run_as_operator(services.update_meeting, meeting_id, data)
    console.print(f"confirmed: {meeting.title}, {meeting.start_date} to {meeting.end_date}")


@meetings_app.command("project")
def project(
    through: str | None = typer.Option(None, "--through", help="Last day (end of year + 2)."),
) -> None:
    """Project recurring sessions ahead from each body's usual calendar. Idempotent."""
    added = run_as_operator(services.project, today=today(), through=parse_day(through, "through"))
    console.print(f"{added} sessions projected")


@meetings_app.command("show")
def show(meeting_id: str = MeetingArg, as_json: bool = JSON_OPTION) -> None:
    """A meeting with its delegation, documents and instructions."""
    with unit_of_work() as session:
        meeting = services.meeting_out(services.get_meeting(meeting_id, session=session))
        documents = services.meeting_documents(meeting_id, session=session)
        found = services.instructions_for_meeting(meeting_id, session=session)
    if as_json:
        print_json(
            {
                "meeting": meeting.model_dump(mode="json"),
                "documents": [d.model_dump(mode="json") for d in documents],
                "instructions": [i.model_dump(mode="json") for i in found],
            }
        )
        return
    status = "projected" if meeting.projected else "confirmed"
    console.print(f"[bold]{meeting.title}[/bold] ({meeting.body}, {status})")
    console.print(f"{meeting.start_date} to {meeting.end_date}, {meeting.venue}")
    for item in meeting.agenda:
        console.print(f"  agenda: {item}")
    for d in meeting.delegates:
        console.print(f"  delegate: {d.name} ({d.role.value}, {d.agency})")
    for doc in documents:
        console.print(f"  document: {doc.title} ({doc.kind.value}, v{len(doc.versions)})")
    for i in found:
        console.print(f"  instruction {i.id}: {i.title} ({i.state.value})")


@meetings_app.command("delegate")
def delegate(
    meeting_id: str = MeetingArg,
    name: str = typer.Option(..., "--name"),
    role: str = typer.Option("adviser", "--role", help="head, alternate, adviser or expert."),
    agency: str = typer.Option(..., "--agency", help="Agency code, e.g. STATE_ISN_MNSA."),
) -> None:
    """Add a member to a meeting's delegation."""
    data = parse_input(DelegateIn, {"name": name, "role": role, "agency": agency})
    meeting = run_as_operator(services.add_delegate, meeting_id, data)
    console.print(f"{meeting.title}: {len(meeting.delegates)} delegate(s)")


__all__ = ["instructions_app", "meetings_app"]
