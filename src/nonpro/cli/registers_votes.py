"""``nonpro files votes``: UNGA First Committee resolutions, the states' recorded votes on them,
and a state's voting record on a series."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.arguments import read_text
from nonpro.cli.context import console, run_as_operator, run_query
from nonpro.cli.output import JSON_OPTION, STRICT_OPTION, print_import_report, print_one
from nonpro.registers.votes import services as votes
from nonpro.registers.votes.schemas import ResolutionOut, VotingRecord

votes_app = typer.Typer(help="UNGA First Committee resolutions and votes.", no_args_is_help=True)


@votes_app.command("import")
def import_votes(
    path: Path = typer.Argument(..., help="A CSV, one row per resolution and state."),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import resolutions and recorded votes: good rows stored, each bad one named (with
    --strict, a file with any bad row stores nothing)."""
    text = read_text(path, "path")
    found = run_as_operator(votes.import_csv, text, origin=str(path), strict=strict)
    line = (
        f"resolutions: {len(found.added)} added, {len(found.updated)} updated; {found.votes} votes"
    )
    print_one(found, as_json=as_json, text=line)
    print_import_report(found.report, as_json=as_json)


@votes_app.command("record")
def record(
    state: str = typer.Argument(..., help="The state whose votes to show."),
    series: str = typer.Option(..., "--series", help="The resolution series, e.g. FMCT."),
    compare: str | None = typer.Option(None, "--compare", help="Another state, side by side."),
    as_json: bool = JSON_OPTION,
) -> None:
    """How a state voted on a resolution series over the years (yes-no-abstain tallies)."""
    found = run_query(votes.record, state, series=series, compare=compare)
    print_one(found, as_json=as_json, show=_print_record)


def _print_record(found: VotingRecord) -> None:
    columns = ["year", "symbol", found.state, "tally (yes-no-abstain)"]
    table = Table(*columns, *([found.compare, "differs"] if found.compare else []))
    for r in found.rows:
        vote = (r.vote.value if r.vote else "not recorded") + (" (changed)" if r.changed else "")
        compare_vote = r.compare_vote.value if r.compare_vote else "not recorded"
        extra = [compare_vote, "yes" if r.differs else ""] if found.compare else []
        table.add_row(str(r.year), r.symbol, vote, str(r.tally), *extra)
    console.print(table)


@votes_app.command("show")
def show_resolution(
    symbol: str = typer.Argument(..., help="e.g. A/RES/79/37."), as_json: bool = JSON_OPTION
) -> None:
    """A resolution with its sponsors, tally and every recorded vote."""
    print_one(run_query(votes.show, symbol), as_json=as_json, show=_print_resolution)


def _print_resolution(found: ResolutionOut) -> None:
    console.print(f"[bold]{found.symbol}[/bold] {found.title} ({found.year})", highlight=False)
    console.print(f"sponsors: {', '.join(found.sponsors) or '-'}; tally {found.tally}")
    for v in found.votes:
        console.print(f"  {v.state} {v.vote.value}")
