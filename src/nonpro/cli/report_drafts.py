"""``nonpro report draft``: a report as a draft the office edits, has cleared and finalizes.

Each command is one service call as the local operator (``cli:<login>``); separation of duties
applies to it as to anyone, so the operator who writes a draft's text does not clear it.
"""

from __future__ import annotations

from pathlib import Path

import typer

from nonpro.cli.context import console, run_as_operator, settings
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.reports import services as reports
from nonpro.reports.drafts import services
from nonpro.reports.drafts.rules import Decision
from nonpro.reports.schemas import (
    ClearanceRequestIn,
    DecisionIn,
    DraftDiff,
    DraftIn,
    DraftOut,
    SectionTextIn,
)
from nonpro.treaties.services import parse_day

app = typer.Typer(
    help="Report drafts: edit sections, refresh data, clearance by office, finalize.",
    no_args_is_help=True,
)
DRAFT = typer.Argument(..., help="The draft's id.")


def _summary(found: DraftOut) -> str:
    status = ", ".join(f"{s.office} {s.status}" for s in found.status) or "none requested"
    return (
        f"{found.id}: {found.title}; {found.state.replace('_', ' ')}, version {found.version}; "
        f"clearance: {status}"
    )


def _show(found: DraftOut, as_json: bool) -> None:
    print_one(found, as_json=as_json, text=_summary(found))


@app.command("create")
def create(
    kind: str = typer.Option(..., "--kind", help="annual, emergency or country."),
    marking: str | None = typer.Option(
        None, "--marking", help="unclassified, cui or the configured scheme's name."
    ),
    year: int | None = typer.Option(None, "--year", help="annual: the calendar year."),
    start: str | None = typer.Option(None, "--from", help="emergency: first day, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="emergency: last day, YYYY-MM-DD."),
    state: str | None = typer.Option(None, "--state", help="country: the state."),
    expenses: str | None = typer.Option(None, "--expenses", help="emergency: U.S. dollars."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Generate a report as version 1 of a new draft."""
    configured = settings().marking_scheme
    # Refused here, naming --marking, before anything is built; drafts keep a scheme by name.
    scheme = reports.marking_scheme(marking, configured=configured)
    data = DraftIn.model_validate(
        {
            "kind": kind,
            "marking": scheme.name,
            "year": year,
            "start": parse_day(start, "from") if start else None,
            "end": parse_day(end, "to") if end else None,
            "state": state,
            "expenses": reports.expenses_amount(expenses),
        }
    )
    records = reports.office_records(settings().report_records)
    found = run_as_operator(
        services.create_draft, data, records=records, configured_marking=configured
    )
    _show(found, as_json)


@app.command("list")
def list_drafts(as_json: bool = JSON_OPTION) -> None:
    """Drafts, newest first."""
    print_rows(
        run_as_operator(services.list_drafts),
        as_json=as_json,
        columns=("id", "report", "state", "version"),
        row=lambda d: (d.id, d.title, d.state, str(d.version)),
    )


@app.command("show")
def show(draft_id: str = DRAFT, as_json: bool = JSON_OPTION) -> None:
    """A draft: its state, clearance and sections."""
    found = run_as_operator(services.get_draft, draft_id)
    if as_json:
        _show(found, as_json)
        return
    console.print(_summary(found), highlight=False, soft_wrap=True)
    for section in found.sections:
        kind = "data-driven" if section.data_driven else "office text"
        console.print(f"  {section.id}: {section.heading} ({kind})", highlight=False)


@app.command("edit")
def edit(
    draft_id: str = DRAFT,
    section: str = typer.Argument(..., help="The section's id (see `show`)."),
    text_file: Path = typer.Option(
        ..., "--text-file", help="The section's text in the draft markup ('-': standard input)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Save a section's office text as a new version."""
    text = typer.get_text_stream("stdin").read() if str(text_file) == "-" else None
    data = SectionTextIn(text=text if text is not None else text_file.read_text("utf-8"))
    _show(run_as_operator(services.edit_section, draft_id, section, data), as_json)


@app.command("refresh")
def refresh(draft_id: str = DRAFT, as_json: bool = JSON_OPTION) -> None:
    """Rebuild the data-driven sections from the current data, keeping the office's text."""
    records = reports.office_records(settings().report_records)
    found = run_as_operator(services.refresh_data, draft_id, records=records)
    changed = "; ".join(found.changed) or "nothing (no new version)"
    print_one(found, as_json=as_json, text=f"{_summary(found.draft)}\nchanged: {changed}")


@app.command("request")
def request(
    draft_id: str = DRAFT,
    office: list[str] = typer.Option(..., "--office", help="An office to clear (repeatable)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ask offices to clear the latest version."""
    data = ClearanceRequestIn(offices=office)
    _show(run_as_operator(services.request_clearance, draft_id, data), as_json)


def _decide(draft_id: str, office: str, comment: str, decision: Decision, as_json: bool) -> None:
    data = DecisionIn(office=office, comment=comment)
    _show(run_as_operator(services.decide, draft_id, data, decision), as_json)


@app.command("clear")
def clear(
    draft_id: str = DRAFT,
    office: str = typer.Option(..., "--office", help="The office you clear for."),
    comment: str = typer.Option("", "--comment"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Clear the draft for an office."""
    _decide(draft_id, office, comment, Decision.CLEARED, as_json)


@app.command("return")
def return_draft(
    draft_id: str = DRAFT,
    office: str = typer.Option(..., "--office", help="The office you clear for."),
    comment: str = typer.Option(..., "--comment", help="Why the draft is returned."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Return the draft to its authors for an office."""
    _decide(draft_id, office, comment, Decision.RETURNED, as_json)


@app.command("finalize")
def finalize(draft_id: str = DRAFT, as_json: bool = JSON_OPTION) -> None:
    """Render the cleared version as the final PDF and DOCX into the archive."""
    records = reports.office_records(settings().report_records)
    found = run_as_operator(
        services.finalize,
        draft_id,
        records=records,
        configured_marking=settings().marking_scheme,
    )
    _show(found, as_json)


@app.command("export")
def export(
    draft_id: str = DRAFT,
    file_format: str = typer.Option("pdf", "--format", help="pdf or docx."),
    out: Path | None = typer.Option(None, "--out", help="File to write."),
) -> None:
    """Write the final report's PDF or DOCX (once the draft is final)."""
    found = run_as_operator(services.get_draft, draft_id)
    archived_id = found.final_docx if file_format == "docx" else found.final_pdf
    if archived_id is None:
        console.print(f"{draft_id} is {found.state.replace('_', ' ')}: not final yet")
        raise typer.Exit(1)
    archived, content = run_as_operator(reports.archived_file, archived_id)
    target = out or Path(archived.filename)
    target.write_bytes(content)
    console.print(f"{target}: {archived.title} ({archived.size:,} bytes)", highlight=False)


@app.command("diff")
def diff(
    draft_id: str = DRAFT,
    old: int = typer.Argument(..., help="The earlier version."),
    new: int = typer.Argument(..., help="The later version."),
    as_json: bool = JSON_OPTION,
) -> None:
    """What changed between two versions, per section ('+' added, '-' removed)."""
    found: DraftDiff = run_as_operator(services.diff, draft_id, old, new)
    if as_json:
        print_one(found, as_json=True)
        return
    for section in found.sections:
        console.print(f"== {section.heading}", highlight=False)
        for line in [*section.text, *section.data]:
            console.print(f"  {line}", highlight=False, markup=False)
