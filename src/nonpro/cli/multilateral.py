"""``nonpro meetings`` and ``nonpro instructions``: the calendar, delegations, instructions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.context import console, operator, print_json, unit_of_work
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input
from nonpro.multilateral import instructions, services
from nonpro.multilateral.rules import Action
from nonpro.multilateral.schemas import (
    DelegateIn,
    InstructionIn,
    InstructionOut,
    MeetingIn,
    MeetingUpdate,
    StepIn,
)

meetings_app = typer.Typer(
    help="Multilateral meetings: calendar, delegations, iCalendar export.", no_args_is_help=True
)
instructions_app = typer.Typer(
    help="Instructions to missions: draft, clear office by office, approve, send.",
    no_args_is_help=True,
)
JSON = typer.Option(False, "--json", help="Print JSON.")
MeetingArg = typer.Argument(..., help="The meeting's id.")
InstructionArg = typer.Argument(..., help="The instruction's id.")


def parse_day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a date (YYYY-MM-DD)") from None


def _text(text: str | None, path: Path | None, field: str) -> str | None:
    if path is None:
        return text
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise InvalidInput(field, f"cannot read {path}: {exc.strerror}") from None


@meetings_app.command("list")
def list_meetings(
    start: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD (today)."),
    end: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (a year on)."),
    body: str | None = typer.Option(None, "--body", help="Only this body, e.g. IAEA-BOG."),
    as_json: bool = JSON,
) -> None:
    """Sessions between two dates, earliest first; projected ones are marked."""
    first = parse_day(start, "from") or today()
    last = parse_day(end, "to") or first + timedelta(days=365)
    with unit_of_work() as session:
        found = services.list_meetings(session=session, start=first, end=last, body=body)
    if as_json:
        print_json([m.model_dump(mode="json") for m in found])
        return
    table = Table("start", "end", "body", "title", "venue", "status", "id")
    for m in found:
        status = "[yellow]projected[/yellow]" if m.projected else "confirmed"
        table.add_row(
            str(m.start_date), str(m.end_date), m.body, m.title, m.venue, status, str(m.id)
        )
    console.print(table)


@meetings_app.command("bodies")
def bodies(as_json: bool = JSON) -> None:
    """The bodies followed, their usual timing and sources."""
    with unit_of_work() as session:
        found = services.list_bodies(session=session)
    if as_json:
        print_json([b.model_dump(mode="json") for b in found])
        return
    table = Table("code", "name", "usual timing", "confidence")
    for b in found:
        table.add_row(b.code, b.name, b.usual_timing, b.confidence)
    console.print(table)


@meetings_app.command("ics")
def ics(
    out: Path = typer.Argument(..., help="The .ics file to write."),
    body: str | None = typer.Option(None, "--body", help="Only this body, e.g. IAEA-BOG."),
) -> None:
    """Write the calendar (one body or all) as an iCalendar file."""
    with unit_of_work() as session:
        data, found = services.calendar_ics(session=session, stamp=utcnow(), body=body)
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
    as_json: bool = JSON,
) -> None:
    """Add a session with confirmed dates."""
    data = parse_input(
        MeetingIn,
        {
            "body": body, "title": title, "start_date": start, "end_date": end,
            "venue": venue, "agenda": agenda or [],
        },
    )  # fmt: skip
    with unit_of_work() as session:
        meeting = services.create_meeting(data, session=session, actor=operator())
    if as_json:
        print_json(meeting.model_dump(mode="json"))
        return
    console.print(f"meeting {meeting.id}: {meeting.title} ({meeting.start_date})")


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
    with unit_of_work() as session:
        meeting = services.update_meeting(meeting_id, data, session=session, actor=operator())
    console.print(f"confirmed: {meeting.title}, {meeting.start_date} to {meeting.end_date}")


@meetings_app.command("project")
def project(
    through: str | None = typer.Option(None, "--through", help="Last day (end of year + 2)."),
) -> None:
    """Project recurring sessions ahead from each body's usual calendar. Idempotent."""
    with unit_of_work() as session:
        added = services.project(
            session=session, actor=operator(), today=today(), through=parse_day(through, "through")
        )
    console.print(f"{added} sessions projected")


@meetings_app.command("show")
def show(meeting_id: str = MeetingArg, as_json: bool = JSON) -> None:
    """A meeting with its delegation, documents and instructions."""
    with unit_of_work() as session:
        meeting = services.meeting_out(services.get_meeting(meeting_id, session=session))
        documents = services.meeting_documents(meeting_id, session=session)
        found = instructions.for_meeting(meeting_id, session=session)
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
    with unit_of_work() as session:
        meeting = services.add_delegate(meeting_id, data, session=session, actor=operator())
    console.print(f"{meeting.title}: {len(meeting.delegates)} delegate(s)")


def _print_instruction(found: InstructionOut) -> None:
    console.print(f"[bold]{found.title}[/bold] to {found.mission}: {found.state.value}")
    for c in found.clearances:
        by = f" by {c.by} at {c.at:%Y-%m-%d %H:%M}" if c.by and c.at else ""
        comment = f": {c.comment}" if c.comment else ""
        console.print(f"  {c.position}. {c.office}: {c.status.value}{by}{comment}")
    for s in found.steps:
        office = f" ({s.office})" if s.office else ""
        console.print(
            f"  {s.at:%Y-%m-%d %H:%M} {s.actor} {s.action.value}{office} → {s.state_after}"
        )
    console.print(f"allowed now: {', '.join(a.value for a in found.allowed) or 'nothing (final)'}")


@instructions_app.command("draft")
def draft(
    meeting_id: str = MeetingArg,
    title: str = typer.Option(..., "--title"),
    mission: str = typer.Option(..., "--mission", help="e.g. USMISSION UNVIE."),
    office: list[str] = typer.Option(..., "--office", help="A clearing office, in order (repeat)."),
    text: str | None = typer.Option(None, "--text", help="The instruction's text."),
    text_file: Path | None = typer.Option(None, "--text-file", help="Read the text from a file."),
    as_json: bool = JSON,
) -> None:
    """Draft an instruction to a mission for a meeting, with the offices that clear it."""
    body = _text(text, text_file, "text")
    data = parse_input(
        InstructionIn, {"title": title, "mission": mission, "text": body, "offices": office}
    )
    with unit_of_work() as session:
        found = instructions.draft(meeting_id, data, session=session, actor=operator())
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    console.print(f"instruction {found.id} drafted")


def _step(instruction_id: str, step: StepIn, as_json: bool) -> None:
    with unit_of_work() as session:
        found = instructions.act(instruction_id, step, session=session, actor=operator())
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    _print_instruction(found)


@instructions_app.command("show")
def show_instruction(instruction_id: str = InstructionArg, as_json: bool = JSON) -> None:
    """An instruction: state, clearances in order, who did what and when."""
    with unit_of_work() as session:
        found = instructions.show(instruction_id, session=session)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    _print_instruction(found)
    console.print(found.document.current.text, highlight=False)


@instructions_app.command("submit")
def submit(instruction_id: str = InstructionArg, as_json: bool = JSON) -> None:
    """Send a drafted instruction into clearance (from the first office)."""
    _step(instruction_id, StepIn(action=Action.SUBMIT), as_json)


@instructions_app.command("clear")
def clear(
    instruction_id: str = InstructionArg,
    office: str = typer.Option(..., "--office", help="The office that clears (the next one)."),
    note: str = typer.Option("", "--note"),
    as_json: bool = JSON,
) -> None:
    """Record an office's clearance; offices clear in their order."""
    _step(instruction_id, StepIn(action=Action.CLEAR, office=office, note=note), as_json)


@instructions_app.command("comment")
def comment(
    instruction_id: str = InstructionArg,
    office: str = typer.Option(..., "--office", help="The office that comments (the next one)."),
    note: str = typer.Option(..., "--note", help="The comment."),
    as_json: bool = JSON,
) -> None:
    """An office comments instead of clearing: the instruction goes back to the drafter."""
    _step(instruction_id, StepIn(action=Action.COMMENT, office=office, note=note), as_json)


@instructions_app.command("revise")
def revise(
    instruction_id: str = InstructionArg,
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file"),
    note: str = typer.Option("", "--note", help="What changed."),
    as_json: bool = JSON,
) -> None:
    """A new version of a drafted instruction's text."""
    body = _text(text, text_file, "text")
    _step(instruction_id, StepIn(action=Action.REVISE, text=body, note=note), as_json)


@instructions_app.command("approve")
def approve(instruction_id: str = InstructionArg, as_json: bool = JSON) -> None:
    """Approve an instruction every office has cleared."""
    _step(instruction_id, StepIn(action=Action.APPROVE), as_json)


@instructions_app.command("send")
def send(instruction_id: str = InstructionArg, as_json: bool = JSON) -> None:
    """Record that an approved instruction was sent to the mission."""
    _step(instruction_id, StepIn(action=Action.SEND), as_json)
