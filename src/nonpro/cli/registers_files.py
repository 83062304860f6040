"""``nonpro files``: the negotiation files (FMCT, PAROS, NSA, LANDMINES, TESTING), states'
positions, the state's position papers, search, timelines, and UNGA First Committee votes."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.arguments import text_or_file
from nonpro.cli.context import console, operator, print_json, unit_of_work
from nonpro.cli.registers_votes import votes_app
from nonpro.core.validation import parse_input
from nonpro.registers.files import services as files
from nonpro.registers.files.schemas import PaperIn, PaperOut, PaperVersionIn, PositionIn

app = typer.Typer(help="Negotiation files, states' positions, papers and UNGA votes.",
                  no_args_is_help=True)  # fmt: skip
position_app = typer.Typer(help="States' positions on a file.", no_args_is_help=True)
paper_app = typer.Typer(help="The state's own position papers, with versions.",
                        no_args_is_help=True)  # fmt: skip
app.add_typer(position_app, name="position")
app.add_typer(paper_app, name="paper")
app.add_typer(votes_app, name="votes")
JSON = typer.Option(False, "--json", help="Print JSON.")
CodeArg = typer.Argument(..., help="The file's code: FMCT, PAROS, NSA, LANDMINES, TESTING.")


@app.command("list")
def list_files(as_json: bool = JSON) -> None:
    """The negotiation files with their forums and how much each holds."""
    with unit_of_work() as session:
        found = files.list_files(session=session)
    if as_json:
        print_json([f.model_dump(mode="json") for f in found])
        return
    table = Table("code", "title", "forums", "positions", "papers", "resolutions")
    for f in found:
        table.add_row(f.code, f.title, ", ".join(f.forum_labels), str(f.positions),
                      str(f.papers), str(f.resolutions))  # fmt: skip
    console.print(table)


@app.command("show")
def show(code: str = CodeArg, as_json: bool = JSON) -> None:
    """A file: summary, forums, sources, and the states' positions recorded on it."""
    with unit_of_work() as session:
        found = files.show(code, session=session)
        positions = files.positions(code, session=session)
    if as_json:
        print_json({**found.model_dump(mode="json"),
                    "position_list": [p.model_dump(mode="json") for p in positions]})  # fmt: skip
        return
    console.print(f"[bold]{found.code}[/bold] {found.title}")
    console.print(found.summary, highlight=False)
    console.print(f"forums: {', '.join(found.forum_labels)}")
    console.print(f"source: {found.source}", highlight=False)
    for p in positions:
        console.print(f"  {p.day} {p.state} ({p.forum.value}, {p.kind.value}): {p.stance} "
                      f"— {p.source}", highlight=False)  # fmt: skip


@app.command("timeline")
def timeline(code: str = CodeArg, as_json: bool = JSON) -> None:
    """Everything dated on a file, oldest first: positions, paper versions, resolutions."""
    with unit_of_work() as session:
        found = files.timeline(code, session=session)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    for e in found.entries:
        detail = f" — {e.detail}" if e.detail else ""
        console.print(f"{e.day} [{e.kind}] {e.title}{detail}", highlight=False, markup=False)


@app.command("search")
def search(text: str = typer.Argument(..., help="Words to find (case-insensitive)."),
           as_json: bool = JSON) -> None:  # fmt: skip
    """Search positions, position papers and resolution titles across every file."""
    with unit_of_work() as session:
        found = files.search(text, session=session)
    if as_json:
        print_json([h.model_dump(mode="json") for h in found])
        return
    for h in found:
        console.print(f"{h.day} {h.kind} {h.file or '-'}: {h.title}", highlight=False,
                      markup=False)  # fmt: skip
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
    as_json: bool = JSON,
) -> None:
    """Record a state's position on a file, with its date and source."""
    raw = {"state": state, "day": day, "forum": forum, "kind": kind, "stance": stance,
           "summary": summary, "source": source}  # fmt: skip
    data = parse_input(PositionIn, raw)
    with unit_of_work() as session:
        found = files.add_position(code, data, session=session, actor=operator())
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    console.print(f"position {found.id} recorded: {found.state} on {found.file}, {found.day}")


def _print_paper(found: PaperOut) -> None:
    current = found.current
    console.print(f"paper {found.id} “{found.title}” on {found.file}: version {current.number}")


@paper_app.command("add")
def add_paper(
    code: str = CodeArg,
    title: str = typer.Option(..., "--title"),
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file", help="Read the text from a file."),
    as_json: bool = JSON,
) -> None:
    """Add the state's position paper on a file (version 1)."""
    body = text_or_file(text, text_file, "text")
    data = parse_input(PaperIn, {"title": title, "text": body})
    with unit_of_work() as session:
        found = files.add_paper(code, data, session=session, actor=operator())
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    _print_paper(found)


@paper_app.command("revise")
def revise_paper(
    paper_id: str = typer.Argument(..., help="The paper's id."),
    text: str | None = typer.Option(None, "--text"),
    text_file: Path | None = typer.Option(None, "--text-file"),
    note: str = typer.Option("", "--note", help="What changed."),
    as_json: bool = JSON,
) -> None:
    """A new version of a paper; earlier versions are kept."""
    data = parse_input(
        PaperVersionIn, {"text": text_or_file(text, text_file, "text"), "note": note}
    )
    with unit_of_work() as session:
        found = files.revise_paper(paper_id, data, session=session, actor=operator())
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    _print_paper(found)


@paper_app.command("diff")
def diff_paper(
    paper_id: str = typer.Argument(..., help="The paper's id."),
    old: int | None = typer.Option(None, "--old", help="Default: the previous version."),
    new: int | None = typer.Option(None, "--new", help="Default: the current version."),
    as_json: bool = JSON,
) -> None:
    """What changed between two versions of a paper (a unified diff)."""
    with unit_of_work() as session:
        found = files.diff(paper_id, session=session, old=old, new=new)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    for line in found.lines:
        console.print(line, highlight=False, markup=False)
