"""``nonpro interagency meeting``: agenda, attendance, votes, dissent, recommendation, minutes."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.arguments import required_day
from nonpro.cli.context import console, operator, print_json, run_as_operator, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one
from nonpro.interagency import services
from nonpro.interagency.rules import VoteChoice
from nonpro.interagency.schemas import (
    AttendanceIn,
    DissentIn,
    MeetingIn,
    MeetingOut,
    RecommendationIn,
    VoteIn,
)

app = typer.Typer(help="Group meetings: agenda, votes, dissent, minutes.", no_args_is_help=True)
MeetingArg = typer.Argument(..., help="The meeting's id.")
CaseArg = typer.Argument(..., help="The case's reference.")


def _show(out: MeetingOut) -> None:
    console.print(f"{out.title} ({out.id})", highlight=False)
    present = [a.agency_code for a in out.attendance if a.present]
    console.print(f"present: {', '.join(present) or 'none recorded'}", highlight=False)
    table = Table("#", "case", "votes", "result", "dissent", "chair recommends")
    for item in out.agenda:
        votes = ", ".join(f"{v.agency_code} {v.choice.value}" for v in item.votes)
        dissent = "; ".join(f"{d.agency_code}: {d.reasons}" for d in item.dissents)
        result = item.outcome.value if item.outcome else "no decision"
        chair = item.recommendation.value if item.recommendation else ""
        table.add_row(str(item.position), item.case_reference, votes, result, dissent, chair)
    console.print(table)


@app.command("create")
def create(
    group: str = typer.Option(..., "--group", help="MTEC, MTAG or MARC."),
    held_on: str = typer.Option(..., "--date", help="YYYY-MM-DD."),
    case: list[str] = typer.Option([], "--case", help="A referred case for the agenda (repeat)."),
    title: str = typer.Option("", "--title", help="Default: group and date."),
    location: str = typer.Option("", "--location", help="Where it meets."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Schedule a meeting with an agenda of referred cases; prints its id."""
    data = MeetingIn(
        group=group,
        held_on=required_day(held_on, "date"),
        title=title,
        location=location,
        cases=case,
    )
    # meeting_out reads the agenda's relationships, so it runs before the session closes.
    with unit_of_work() as session:
        actor = operator()
        meeting = services.create_meeting(data, session=session, actor=actor)
        out = services.meeting_out(meeting, actor)
    if as_json:
        print_json(out.model_dump(mode="json"))
    else:
        typer.echo(str(out.id))


@app.command("show")
def show(meeting_id: str = MeetingArg, as_json: bool = typer.Option(False, "--json")) -> None:
    """The agenda with votes, results, dissent and the chair's recommendations."""
    with unit_of_work() as session:
        actor = operator()
        out = services.meeting_out(
            services.get_meeting(meeting_id, session=session, actor=actor), actor
        )
    print_one(out, as_json=as_json, show=_show)


@app.command("attend")
def attend(
    meeting_id: str = MeetingArg,
    agency: str = typer.Option(..., "--agency", help="Agency code."),
    representative: str = typer.Option("", "--representative", help="Who came."),
    absent: bool = typer.Option(False, "--absent", help="Record the agency as absent."),
) -> None:
    """Record an agency's attendance."""
    data = AttendanceIn(agency=agency, representative=representative, present=not absent)
    run_as_operator(services.record_attendance, meeting_id, data)
    console.print(f"{agency.upper()}: {'absent' if absent else 'present'}")


@app.command("vote")
def vote(
    meeting_id: str = MeetingArg,
    case: str = CaseArg,
    agency: str = typer.Option(..., "--agency", help="The voting agency."),
    choice: VoteChoice = typer.Option(
        ..., "--choice", help="approve, approve_with_provisos, deny or abstain."
    ),
    reasons: str = typer.Option("", "--reasons", help="The vote's reasons."),
) -> None:
    """Record an agency's vote on a case."""
    data = VoteIn(case=case, agency=agency, choice=choice, reasons=reasons)
    run_as_operator(services.vote, meeting_id, data)
    console.print(f"{agency.upper()} votes {choice.value} on {case}", highlight=False)


@app.command("dissent")
def dissent(
    meeting_id: str = MeetingArg,
    case: str = CaseArg,
    agency: str = typer.Option(..., "--agency", help="The dissenting agency."),
    reasons: str = typer.Option(..., "--reasons", help="Why it dissents."),
) -> None:
    """Record an agency's dissent with its reasons."""
    data = DissentIn(case=case, agency=agency, reasons=reasons)
    run_as_operator(services.dissent, meeting_id, data)
    console.print(f"{agency.upper()} dissents on {case}", highlight=False)


@app.command("recommend")
def recommend(
    meeting_id: str = MeetingArg,
    case: str = CaseArg,
    recommendation: VoteChoice = typer.Option(
        ..., "--recommendation", help="approve, approve_with_provisos or deny."
    ),
    reasons: str = typer.Option(..., "--reasons", help="The chair's reasons."),
    proviso: list[str] = typer.Option([], "--proviso", help="Proviso id from the library."),
) -> None:
    """Record the chair's recommendation on a case."""
    data = RecommendationIn(
        case=case, recommendation=recommendation, reasons=reasons, provisos=proviso
    )
    run_as_operator(services.recommend, meeting_id, data)
    console.print(f"chair recommends {recommendation.value} on {case}", highlight=False)


@app.command("minutes")
def minutes_command(
    meeting_id: str = MeetingArg,
    out: Path = typer.Option(..., "--out", help="Where to write the PDF."),
) -> None:
    """Write the minutes of a meeting as PDF."""
    _, pdf = run_as_operator(services.minutes_pdf, meeting_id)
    out.write_bytes(pdf)
    console.print(f"{out}: {len(pdf):,} bytes")
