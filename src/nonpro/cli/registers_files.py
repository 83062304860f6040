"""``nonpro files``: the negotiation files (FMCT, PAROS, NSA, LANDMINES, TESTING), states'
positions, the state's position papers, search, timelines, and UNGA First Committee votes."""

from __future__ import annotations

from pathlib import Path

import typer

from nonpro.cli.arguments import text_or_file
from nonpro.cli.context import console, print_json, run_as_operator, run_query, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.cli.registers_votes import votes_app
from nonpro.core.validation import parse_input
from nonpro.registers.files import services as files
from nonpro.registers.files.schemas import (
    PaperDiff,
    PaperIn,
    PaperOut,
    PaperVersionIn,
    PositionIn,
    Timeline,
)

app = typer.Typer(
    help="Negotiation files, states' positions, papers and UNGA votes.", no_args_is_help=True
)
position_app = typer.Typer(help="States' positions on a file.", no_args_is_help=True)
paper_app = typer.Typer(
    help="The state's own position papers, with versions.", no_args_is_help=True
)
app.add_typer(position_app, name="position")
app.add_typer(paper_app, name="paper")
app.add_typer(votes_app, name="votes")
CodeArg = typer.Argument(..., help="The file's code: FMCT, PAROS, NSA, LANDMINES, TESTING.")


@app.command("list")
def list_files(as_json: bool = JSON_OPTION) -> None:
    """The negotiation files with their forums and how much each holds."""
    print_rows(
        run_query(files.list_files),
        as_json=as_json,
        columns=("code", "title", "forums", "positions", "papers", "resolutions"),
        row=lambda f: (
            f.code,
            f.title,
            ", ".join(f.forum_labels),
            str(f.positions),
            str(f.papers),
            str(f.resolutions),
        ),
    )


@app.command("show")
def show(code: str = CodeArg, as_json: bool = JSON_OPTION) -> None:
    """A file: summary, forums, sources, and the states' positions recorded on it."""
    with unit_of_work() as session:
        found = files.show(code, session=session)
        positions = files.positions(code, session=session)
    if as_json:
        print_json(
            {
                **found.model_dump(mode="json"),
                "position_list": [p.model_dump(mode="json") for p in positions],
            }
        )
        return
    console.print(f"[bold]{found.code}[/bold] {found.title}")
    console.print(found.summary, highlight=False)
    console.print(f"forums: {', '.join(found.forum_labels)}")
    console.print(f"source: {found.source}", highlight=False)
    for p in positions:
        console.print(
            f"  {p.day} {p.state} ({p.forum.value}, {p.kind.value}): {p.stance} — {p.source}",
            highlight=False,
        )


@app.command("timeline")
def timeline(code: str = CodeArg, as_json: bool = JSON_OPTION) -> None:
    """Everything dated on a file, oldest first: positions, paper versions, resolutions."""
    print_one(run_query(files.timeline, code), as_json=as_json, show=_print_timeline)


def _print_timeline(found: Timeline) -> None:
    for e in found.entries:
        detail = f" — {e.detail}" if e.detail else ""
        console.print(f"{e.day} [{e.kind}] {e.title}{detail}", highlight=False, markup=False)


@app.command("search")
def search(
    text: str = typer.Argument(..., help="Words to find (case-insensitive)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Search positions, position papers and resolution titles across every file."""
    found = run_query(files.search, text)
    if as_json:
        print_json([h.model_dump(mode="json") for h in found])
        return
    for h in found:
        console.print(f"{h.day} {h.kind} {h.file or '-'}: {h.title}", highlight=False, markup=False)
        console.print(f"    {h.excerpt}", highlight=False, markup=False)
    console.print(f"{len(found)} found")


@position_app.command("add")
def add_position(
    code: str = CodeArg,
    state: str = typer.Option(..., "--state"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD."),
    forum: str = typer.Option(..., "--forum", help="CD, UNGA1, UNDC, NPT, CTBTO or OTHER."),
    kind: str = typer.Option("statement", "--kind", help="statement, working_paper, vote, other."),
    stance: str = typer.Option(..., "--stance", help="The position in a few words."),
    summary: str = typer.Option("", "--summary"),
    source: str = typer.Option(..., "--source", help="A document symbol or URL."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a state's position on a file, with its date and source."""
    raw = {
        "state": state,
        "day": day,
        "forum": forum,
        "kind": kind,
        "stance": stance,
        "summary": summary,
        "source": source,
    }
    found = run_as_operator(files.add_position, code, parse_input(PositionIn, raw))
    line = f"position {found.id} recorded: {found.state} on {found.file}, {found.day}"
    print_one(found, as_json=as_json, text=line)


def _print_paper(found: PaperOut) -> None:
    current = found.current
    console.print(f"paper {found.id} “{found.title}” on {found.file}: version {current.number}")


@paper_app.command("add")
def add_paper(
    code: str = CodeArg,
    title: str = typer.Option(..., "--title"),
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file", help="Read the text from a file."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add the state's position paper on a file (version 1)."""
    body = text_or_file(text, text_file, "text")
    data = parse_input(PaperIn, {"title": title, "text": body})
    print_one(run_as_operator(files.add_paper, code, data), as_json=as_json, show=_print_paper)


@paper_app.command("revise")
def revise_paper(
    paper_id: str = typer.Argument(..., help="The paper's id."),
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file"),
    note: str = typer.Option("", "--note", help="What changed."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A new version of a paper; earlier versions are kept."""
    data = parse_input(
        PaperVersionIn, {"text": text_or_file(text, text_file, "text"), "note": note}
    )
    print_one(
        run_as_operator(files.revise_paper, paper_id, data), as_json=as_json, show=_print_paper
    )


@paper_app.command("diff")
def diff_paper(
    paper_id: str = typer.Argument(..., help="The paper's id."),
    old: int | None = typer.Option(None, "--old", help="Default: the previous version."),
    new: int | None = typer.Option(None, "--new", help="Default: the current version."),
    as_json: bool = JSON_OPTION,
) -> None:
    """What changed between two versions of a paper (a unified diff)."""
    found = run_query(files.diff, paper_id, old=old, new=new)
    print_one(found, as_json=as_json, show=_print_diff)


def _print_diff(found: PaperDiff) -> None:
    for line in found.lines:
        console.print(line, highlight=False, markup=False)
