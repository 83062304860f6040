"""``nonpro unroca``: the UN Register of Conventional Arms — own transfers, background, the
national report, other states' reports and SIPRI for comparison, the mirror view."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel

from nonpro.cli.context import console, run_as_operator, run_query
from nonpro.cli.output import (
    JSON_OPTION,
    STRICT_OPTION,
    print_import_report,
    print_one,
    print_rows,
    spinner,
)
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.schemas import (
    BackgroundIn,
    DatasetOut,
    MirrorView,
    TransferIn,
    TransferQuery,
)
from nonpro.registers.arms.services import build_report, to_csv, to_docx

app = typer.Typer(
    help="UN Register of Conventional Arms: transfers, national report, mirror data.",
    no_args_is_help=True,
)
STATE = typer.Option("USA", "--state", help="The reporting state (name or code).")
# The services name fields as the schemas do; say which option to fix instead.
OPTIONS = {
    "reporting_state": "--state",
    "number_of_items": "--number",
    "state_of_origin": "--origin",
    "intermediate_location": "--via",
    "source_kind": "--source",
}
M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], raw: dict[str, Any]) -> M:
    try:
        return parse_input(model, {k: v for k, v in raw.items() if v is not None})
    except InvalidInput as problem:
        option = OPTIONS.get(problem.field, "--" + problem.field.replace("_", "-"))
        raise InvalidInput(option, problem.problem) from None


@app.command("record")
def record(
    direction: str = typer.Option(..., "--direction", help="export or import."),
    year: int = typer.Option(..., "--year", help="Calendar year of the transfer."),
    category: str = typer.Option(..., "--category", help="I..VII, SALW_SA or SALW_LW."),
    partner: str = typer.Option(
        ..., "--partner", help="Final importer State (export) or exporter State (import)."
    ),
    number: int = typer.Option(..., "--number", help="Number of items."),
    subcategory: str = typer.Option("", "--subcategory", help="IV, V, VII: a or b (MANPADS)."),
    origin: str = typer.Option("", "--origin", help="State of origin, if not the exporter."),
    via: str = typer.Option("", "--via", help="Intermediate location(s), if any."),
    description: str = typer.Option("", "--description", help="Description of item."),
    comments: str = typer.Option("", "--comments", help="Comments on the transfer."),
    remarks: str = typer.Option("", "--remarks", help="Internal remarks (not reported)."),
    state: str = STATE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record one export or import for the state's national report."""
    raw = {
        "reporting_state": state,
        "direction": direction,
        "year": year,
        "category": category,
        "subcategory": subcategory,
        "partner": partner,
        "number_of_items": number,
        "state_of_origin": origin,
        "intermediate_location": via,
        "description": description,
        "comments": comments,
        "remarks": remarks,
    }
    found = run_as_operator(arms.record_transfer, _parse(TransferIn, raw))
    line = (
        f"transfer {found.id}: {found.year} {found.direction} of {found.number_of_items} "
        f"(category {found.category.value}) {found.exporter} -> {found.importer}"
    )
    print_one(found, as_json=as_json, text=line)


@app.command("delete")
def delete(transfer_id: str = typer.Argument(..., help="The transfer's id.")) -> None:
    """Delete one of the state's own recorded transfers."""
    run_as_operator(arms.delete_transfer, transfer_id)
    console.print(f"transfer {transfer_id} deleted")


@app.command("list")
def list_transfers(
    year: int | None = typer.Option(None, "--year"),
    category: str | None = typer.Option(None, "--category", help="I..VII, SALW_SA, SALW_LW."),
    direction: str | None = typer.Option(None, "--direction", help="export or import."),
    state: str | None = typer.Option(None, "--state", help="Exporter, importer or reporter."),
    source: str | None = typer.Option(None, "--source", help="own, state_report or sipri."),
    limit: int = typer.Option(1000, "--limit", min=1, help="At most this many, newest first."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Transfers recorded and imported, filtered."""
    raw = {
        "year": year,
        "category": category,
        "direction": direction,
        "state": state,
        "source_kind": source,
    }
    found = run_query(arms.list_transfers, _parse(TransferQuery, raw), limit=limit)
    print_rows(
        found,
        as_json=as_json,
        columns=(
            "year",
            "source",
            "reported by",
            "cat.",
            "exporter",
            "importer",
            "number",
            "description",
            "remarks",
        ),
        row=lambda t: (
            str(t.year),
            t.source_kind,
            t.reporting_state or "—",
            t.category.value,
            t.exporter_name,
            t.importer_name,
            "—" if t.number_of_items is None else str(t.number_of_items),
            t.description,
            t.remarks,
        ),
        footer=f"{len(found)} transfers",
    )


@app.command("background")
def background(
    year: int = typer.Option(..., "--year"),
    kind: str = typer.Option(..., "--kind", help="holdings or national_production."),
    category: str = typer.Option(..., "--category", help="I..VII."),
    number: int | None = typer.Option(None, "--number", help="Number of items."),
    description: str = typer.Option("", "--description"),
    remarks: str = typer.Option("", "--remarks"),
    state: str = STATE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record background information: military holdings or national production."""
    raw = {
        "reporting_state": state,
        "year": year,
        "kind": kind,
        "category": category,
        "number_of_items": number,
        "description": description,
        "remarks": remarks,
    }
    found = run_as_operator(arms.record_background, _parse(BackgroundIn, raw))
    line = (
        f"{found.reporting_state} {found.year} {found.kind} {found.category.value}: "
        f"{found.number_of_items}"
    )
    print_one(found, as_json=as_json, text=line)


@app.command("report")
def report(
    year: int = typer.Argument(..., help="The calendar year reported."),
    fmt: str = typer.Option("csv", "--format", help="csv or docx."),
    out: Path = typer.Option(..., "--out", help="The file to write."),
    state: str = STATE,
) -> None:
    """Write the state's national report for YEAR in the Register's standard form."""
    if fmt not in ("csv", "docx"):
        raise InvalidInput("--format", f"{fmt!r}: csv or docx")
    built = run_query(build_report, year, state=state)
    if fmt == "docx":
        out.write_bytes(to_docx(built))
    else:
        out.write_text(to_csv(built), "utf-8")
    nil = sum(s.nil for s in built.sections)
    console.print(
        f"report of {built.reporting_state} for {year}: {built.transfers} transfers, "
        f"{nil} blocks nil; written to {out}"
    )


def _print_dataset(found: DatasetOut, as_json: bool, label: str) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in found.counts.items())
    print_one(found, as_json=as_json, text=f"{label}: {counts}")
    if found.report is not None:
        print_import_report(found.report, as_json=as_json)


@app.command("import")
def import_report(
    path: Path = typer.Argument(..., help="The state's report, CSV in the national report layout."),
    state: str = typer.Option(..., "--state", help="Whose report it is."),
    year: int = typer.Option(..., "--year", help="The calendar year it reports."),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import another state's report for a year (replaces an earlier import of it); rows that
    cannot be read are refused and listed, the others stored (--strict: none)."""
    found = run_as_operator(arms.import_state_report, path, state=state, year=year, strict=strict)
    _print_dataset(found, as_json, f"report of {found.reporting_state} for {year}")


@app.command("import-sipri")
def import_sipri(
    path: Path = typer.Argument(..., help="SIPRI trade register CSV export."),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import the SIPRI trade register for comparison (replaces the previous SIPRI import);
    deals that cannot be read are refused and listed, the others stored (--strict: none)."""
    with spinner() as progress:
        progress.add_task(f"reading and storing {path}", total=None)
        found = run_as_operator(arms.import_trade_register, path, strict=strict)
    _print_dataset(found, as_json, "SIPRI trade register")


@app.command("mirror")
def mirror_view(
    year: int = typer.Option(..., "--year"),
    state: str | None = typer.Option(None, "--state", help="Only transfers to or from it."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Exporters' and importers' reports of the same transfers side by side, disagreements first."""
    print_one(run_query(arms.mirror, year, state=state), as_json=as_json, show=_print_mirror)


def _print_mirror(view: MirrorView) -> None:
    console.print(
        f"[bold]Mirror data {view.year}[/bold]; reports held: "
        f"{', '.join(view.reports_held) or 'none'}"
    )
    for row in view.rows:
        mark = "[green]agree[/green]" if row.status == "agree" else f"[red]{row.status}[/red]"
        console.print(
            f"{mark} {row.exporter_name} -> {row.importer_name}, "
            f"{row.category_title}: {row.explanation}",
            highlight=False,
        )
    console.print(", ".join(f"{k} {v}" for k, v in view.counts.items()))
    for incomplete in view.incomplete:
        console.print(f"[yellow]incomplete:[/yellow] {incomplete}", highlight=False)
