"""``nonpro instructions``: draft an instruction to a mission, clear it office by office,
approve and send it; name who clears for which office.

The CLI acts as ``cli:<login>``: each person on the server runs it under their own login, so
the separation of duties holds here as on the web (``cli:alice`` drafts, ``cli:bob`` approves).
"""

from __future__ import annotations

from pathlib import Path

import typer

from nonpro.cli.arguments import text_or_file
from nonpro.cli.context import console, run_as_operator, run_query
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.validation import parse_input
from nonpro.multilateral import services
from nonpro.multilateral.rules import Action
from nonpro.multilateral.schemas import ClearingOfficerIn, InstructionIn, InstructionOut, StepIn

instructions_app = typer.Typer(
    help="Instructions to missions: draft, clear office by office, approve, send.",
    no_args_is_help=True,
)
MeetingArg = typer.Argument(..., help="The meeting's id.")
InstructionArg = typer.Argument(..., help="The instruction's id.")


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
    as_json: bool = JSON_OPTION,
) -> None:
    """Draft an instruction to a mission for a meeting, with the offices that clear it."""
    body = text_or_file(text, text_file, "text")
    data = parse_input(
        InstructionIn, {"title": title, "mission": mission, "text": body, "offices": office}
    )
    found = run_as_operator(services.draft_instruction, meeting_id, data)
    print_one(found, as_json=as_json, text=f"instruction {found.id} drafted")


def _step(instruction_id: str, step: StepIn, as_json: bool) -> None:
    found = run_as_operator(services.act_on_instruction, instruction_id, step)
    print_one(found, as_json=as_json, show=_print_instruction)


@instructions_app.command("show")
def show_instruction(instruction_id: str = InstructionArg, as_json: bool = JSON_OPTION) -> None:
    """An instruction: state, clearances in order, who did what and when."""
    print_one(
        run_query(services.show_instruction, instruction_id),
        as_json=as_json,
        show=_print_instruction_and_text,
    )


def _print_instruction_and_text(found: InstructionOut) -> None:
    _print_instruction(found)
    console.print(found.document.current.text, highlight=False)


@instructions_app.command("submit")
def submit(instruction_id: str = InstructionArg, as_json: bool = JSON_OPTION) -> None:
    """Send a drafted instruction into clearance (from the first office)."""
    _step(instruction_id, StepIn(action=Action.SUBMIT), as_json)


@instructions_app.command("clear")
def clear(
    instruction_id: str = InstructionArg,
    office: str = typer.Option(..., "--office", help="The office that clears (the next one)."),
    note: str = typer.Option("", "--note"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record an office's clearance; offices clear in their order."""
    _step(instruction_id, StepIn(action=Action.CLEAR, office=office, note=note), as_json)


@instructions_app.command("comment")
def comment(
    instruction_id: str = InstructionArg,
    office: str = typer.Option(..., "--office", help="The office that comments (the next one)."),
    note: str = typer.Option(..., "--note", help="The comment."),
    as_json: bool = JSON_OPTION,
) -> None:
    """An office comments instead of clearing: the instruction goes back to the drafter."""
    _step(instruction_id, StepIn(action=Action.COMMENT, office=office, note=note), as_json)


@instructions_app.command("revise")
def revise(
    instruction_id: str = InstructionArg,
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file"),
    note: str = typer.Option("", "--note", help="What changed."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A new version of a drafted instruction's text."""
    body = text_or_file(text, text_file, "text")
    _step(instruction_id, StepIn(action=Action.REVISE, text=body, note=note), as_json)


@instructions_app.command("approve")
def approve(instruction_id: str = InstructionArg, as_json: bool = JSON_OPTION) -> None:
    """Approve an instruction every office has cleared."""
    _step(instruction_id, StepIn(action=Action.APPROVE), as_json)


@instructions_app.command("send")
def send(instruction_id: str = InstructionArg, as_json: bool = JSON_OPTION) -> None:
    """Record that an approved instruction was sent to the mission."""
    _step(instruction_id, StepIn(action=Action.SEND), as_json)


OfficeArg = typer.Argument(..., help="The office, e.g. L/NPV.")
UserArg = typer.Argument(..., help="The user's name (cli:LOGIN for someone using the CLI).")


@instructions_app.command("clearers")
def clearers(
    office: str | None = typer.Option(None, "--office", help="Only this office."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Who may clear instructions for which office."""
    found = run_query(services.list_clearing_officers, office=office)
    print_rows(
        found,
        as_json=as_json,
        columns=("office", "user", "appointed by", "when (UTC)"),
        row=lambda o: (o.office, o.username, o.appointed_by, f"{o.appointed_at:%Y-%m-%d %H:%M}"),
        title="Clearing officers",
    )


def _clearing_officer(office: str, username: str, *, dismiss: bool, as_json: bool) -> None:
    data = parse_input(ClearingOfficerIn, {"office": office, "username": username})
    change = services.dismiss_clearing_officer if dismiss else services.appoint_clearing_officer
    found = run_as_operator(change, data)
    now = "no longer clears" if dismiss else "now clears"
    print_one(found, as_json=as_json, text=f"{found.username} {now} for {found.office}")


@instructions_app.command("appoint-clearer")
def appoint_clearer(
    office: str = OfficeArg, username: str = UserArg, as_json: bool = JSON_OPTION
) -> None:
    """Name a user to clear instructions for an office (not yourself)."""
    _clearing_officer(office, username, dismiss=False, as_json=as_json)


@instructions_app.command("dismiss-clearer")
def dismiss_clearer(
    office: str = OfficeArg, username: str = UserArg, as_json: bool = JSON_OPTION
) -> None:
    """Take a user off an office's clearing officers (not yourself)."""
    _clearing_officer(office, username, dismiss=True, as_json=as_json)
