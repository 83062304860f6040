"""``nonpro interagency annex-proposals``: MARC's proposals to amend the MTCR Annex, the member
agencies' views, the U.S. position, the TEM and plenary outcomes."""

from __future__ import annotations

import typer

from nonpro.cli.arguments import required_day
from nonpro.cli.context import console, operator, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.validation import parse_input
from nonpro.interagency.annex import services
from nonpro.interagency.annex.rules import Outcome, Stage, Status, USPosition, ViewPosition
from nonpro.interagency.annex.schemas import (
    OutcomeIn,
    PositionIn,
    ProposalIn,
    ProposalOut,
    ViewIn,
)

app = typer.Typer(
    help="MARC: proposals to amend the MTCR Annex, views, U.S. position, TEM and plenary.",
    no_args_is_help=True,
)
ProposalArg = typer.Argument(..., help="The proposal's id.")


def _show(out: ProposalOut) -> None:
    entry = f"new entry {out.entry} under {out.parent_entry}" if out.new_entry else out.entry
    console.print(f"{entry}: {out.status.value} ({out.id})", highlight=False)
    console.print(f"proposed by {out.proposer}; Annex {out.annex_version}", highlight=False)
    console.print(f"current text: {out.current_text or '(new entry)'}", highlight=False)
    console.print(f"proposed text: {out.proposed_text}", highlight=False)
    console.print(f"rationale: {out.rationale}", highlight=False)
    for view in out.views:
        note = f": {view.note}" if view.note else ""
        console.print(f"view {view.agency_code}: {view.position.value}{note}", highlight=False)
    if out.awaiting:
        console.print(f"no view yet: {', '.join(out.awaiting)}", highlight=False)
    if out.us_position:
        console.print(
            f"U.S. position: {out.us_position.value} ({out.us_position_by}): "
            f"{out.us_position_note}",
            highlight=False,
        )
    for meeting in (out.tem, out.plenary):
        if meeting is not None:
            name = "TEM" if meeting.stage == Stage.TEM else "plenary"
            note = f": {meeting.note}" if meeting.note else ""
            console.print(
                f"{name} {meeting.held_on.isoformat()}: {meeting.outcome.value}{note}",
                highlight=False,
            )
    if out.produced_version:
        console.print(f"produced Annex version {out.produced_version}", highlight=False)
    for step in out.next_steps:
        console.print(f"next: {step}", highlight=False)


def _one(proposal_id: str, as_json: bool) -> None:
    with unit_of_work() as session:
        proposal = services.get(proposal_id, session=session, reader=operator())
        out = services.proposal_out(proposal, session=session)
    print_one(out, as_json=as_json, show=_show)


@app.command("create")
def create(
    entry: str = typer.Option(..., "--entry", help='The Annex entry amended, e.g. "2.A.1.c".'),
    proposed_text: str = typer.Option(..., "--text", help="The proposed text."),
    rationale: str = typer.Option(..., "--rationale", help="Why."),
    proposer: str = typer.Option("United States", "--proposer", help="The partner, or U.S."),
    parent: str | None = typer.Option(
        None, "--new-under", help="Propose a new entry under this existing item."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a proposal as a draft (chair); prints its id."""
    data = parse_input(
        ProposalIn,
        {
            "entry": entry,
            "new_entry": parent is not None,
            "parent_entry": parent,
            "proposed_text": proposed_text,
            "rationale": rationale,
            "proposer": proposer,
        },
    )
    with unit_of_work() as session:
        proposal = services.create(data, session=session, actor=operator())
        out = services.proposal_out(proposal, session=session)
    print_one(out, as_json=as_json, text=str(out.id))


@app.command("list")
def list_proposals(
    status: Status | None = typer.Option(None, "--status", help="Only proposals in this status."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Proposals to amend the Annex, newest first."""
    with unit_of_work() as session:
        found = services.list_proposals(session=session, reader=operator(), status=status)
        rows = [services.proposal_out(p, session=session) for p in found]
    print_rows(
        rows,
        as_json=as_json,
        columns=("entry", "proposer", "status", "U.S. position", "Annex version", "id"),
        row=lambda p: (
            p.entry,
            p.proposer,
            p.status.value,
            p.us_position.value if p.us_position else "",
            p.produced_version or "",
            str(p.id),
        ),
    )


@app.command("show")
def show(proposal_id: str = ProposalArg, as_json: bool = JSON_OPTION) -> None:
    """One proposal: texts, views, the U.S. position, the outcomes and what comes next."""
    _one(proposal_id, as_json)


@app.command("request-views")
def request_views(proposal_id: str = ProposalArg, as_json: bool = JSON_OPTION) -> None:
    """Circulate the draft to MARC's member agencies for their views (chair)."""
    with unit_of_work() as session:
        services.request_views(proposal_id, session=session, actor=operator())
    _one(proposal_id, as_json)


@app.command("view")
def view(
    proposal_id: str = ProposalArg,
    position: ViewPosition = typer.Option(..., "--position", help="support, oppose, no_view."),
    agency: str | None = typer.Option(
        None, "--agency", help="The member agency (default: your own)."
    ),
    note: str = typer.Option("", "--note", help="The agency's note."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a member agency's view (a representative: their own agency only)."""
    data = parse_input(ViewIn, {"agency": agency, "position": position, "note": note})
    with unit_of_work() as session:
        services.record_view(proposal_id, data, session=session, actor=operator())
    _one(proposal_id, as_json)


@app.command("position")
def position(
    proposal_id: str = ProposalArg,
    us_position: USPosition = typer.Option(
        ..., "--position", help="support, support_with_changes, oppose."
    ),
    note: str = typer.Option(..., "--note", help="The grounds of the U.S. position."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Set the U.S. position (the MARC chair), once the views were requested."""
    data = parse_input(PositionIn, {"position": us_position, "note": note})
    with unit_of_work() as session:
        services.set_position(proposal_id, data, session=session, actor=operator())
    _one(proposal_id, as_json)


@app.command("outcome")
def outcome(
    proposal_id: str = ProposalArg,
    stage: Stage = typer.Option(..., "--stage", help="tem (Technical Experts Meeting), plenary."),
    held_on: str = typer.Option(..., "--date", help="The meeting's date, YYYY-MM-DD."),
    result: Outcome = typer.Option(
        ..., "--outcome", help="adopted, rejected, deferred, withdrawn."
    ),
    note: str = typer.Option("", "--note", help="What was said."),
    produced_version: str | None = typer.Option(
        None, "--annex-version", help="The Annex version an adopting plenary produced."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record the TEM's or the plenary's outcome (chair)."""
    data = parse_input(
        OutcomeIn,
        {
            "held_on": required_day(held_on, "date"),
            "outcome": result,
            "note": note,
            "produced_version": produced_version,
        },
    )
    with unit_of_work() as session:
        services.record_outcome(proposal_id, stage, data, session=session, actor=operator())
    _one(proposal_id, as_json)
