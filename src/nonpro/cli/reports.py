"""``nonpro report``: the annual report, the semi-annual emergency report, country profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from nonpro.cli.context import console, run_as_operator, settings
from nonpro.cli.output import JSON_OPTION, print_rows
from nonpro.cli.report_drafts import app as drafts_app
from nonpro.core.clock import today
from nonpro.reports import services
from nonpro.reports.schemas import MarkingScheme, OfficeRecords, Report
from nonpro.treaties.services import parse_day

app = typer.Typer(
    help="Reports: annual missile proliferation report, EO 12938 report, country profiles.",
    no_args_is_help=True,
)
FORMAT = typer.Option("pdf", "--format", help="pdf, docx, html or json.")
OUT = typer.Option(None, "--out", help="File to write (default: the report's own name here).")
MARKING = typer.Option(
    None,
    "--marking",
    help="Marking scheme: unclassified, cui or a YAML/JSON scheme file (default: "
    "NONPRO_MARKING_SCHEME; with neither the export is refused).",
)
RECORDS = typer.Option(
    None,
    "--records",
    help="The office's MTCR, HCOC and regulatory records, YAML/JSON (default: "
    "NONPRO_REPORT_RECORDS; none: 'None recorded by the office').",
)
FINAL = typer.Option(False, "--final", help="Refuse unless the report is complete (not a draft).")


def _records(path: Path | None) -> OfficeRecords:
    return services.office_records(path or settings().report_records)


def _scheme(marking: str | None) -> MarkingScheme:
    """The scheme chosen or configured; refused before any figure is computed when none is."""
    return services.marking_scheme(marking, configured=settings().marking_scheme, allow_files=True)


def _write(
    report: Report, file_format: str, out: Path | None, scheme: MarkingScheme, final: bool
) -> None:
    """Mark, render, archive and write the report; say where it went and its input hash."""
    made = run_as_operator(
        services.generate, report, file_format=file_format, marking=scheme, final=final
    )
    target = out or Path(made.archived.filename)
    target.write_bytes(made.content)
    status = made.archived.parameters.get("status", "final")
    console.print(
        f"{target}: {made.archived.title} ({made.archived.size:,} bytes, "
        f"{made.archived.parameters.get('marking')}, {status}); data as of "
        f"{made.archived.as_of}; input hash {made.archived.input_hash}",
        highlight=False,
        soft_wrap=True,
    )


@app.command("annual")
def annual(
    year: int = typer.Option(..., "--year", help="The calendar year reported on."),
    country: list[str] | None = typer.Option(
        None, "--country", help="A country of concern (repeatable; default PRK, IRN, SYR)."
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="Data as of (default 31 December)."),
    file_format: str = FORMAT,
    out: Path | None = OUT,
    marking: str | None = MARKING,
    records: Path | None = RECORDS,
    final: bool = FINAL,
) -> None:
    """The annual report on missile proliferation for YEAR."""
    scheme = _scheme(marking)
    day = parse_day(as_of) if as_of else None
    report = run_as_operator(
        services.annual, year, countries=country, as_of=day, records=_records(records)
    )
    _write(report, file_format, out, scheme, final)


@app.command("emergency")
def emergency(
    start: str = typer.Option(..., "--from", help="First day of the period, YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last day of the period, YYYY-MM-DD."),
    expenses: str | None = typer.Option(
        None,
        "--expenses",
        help="Total expenditures attributable to the emergency in the period, U.S. dollars "
        "(50 U.S.C. 1641(c)); without it the report is a draft.",
    ),
    file_format: str = FORMAT,
    out: Path | None = OUT,
    marking: str | None = MARKING,
    records: Path | None = RECORDS,
    final: bool = FINAL,
) -> None:
    """The semi-annual report on the national emergency of Executive Order 12938."""
    scheme = _scheme(marking)
    first, last = parse_day(start, "from"), parse_day(end, "to")
    report = run_as_operator(
        services.emergency,
        first,
        last,
        records=_records(records),
        expenses=services.expenses_amount(expenses),
    )
    _write(report, file_format, out, scheme, final)


@app.command("country")
def country(
    state: str = typer.Argument(..., help='A state\'s name or code: "North Korea", "IRN".'),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    file_format: str = FORMAT,
    out: Path | None = OUT,
    marking: str | None = MARKING,
) -> None:
    """A country profile: missile programs, transfers, treaties, sanctions, cases."""
    scheme = _scheme(marking)
    day: date = parse_day(as_of) if as_of else today()
    report = run_as_operator(services.country, state, as_of=day)
    _write(report, file_format, out, scheme, False)


@app.command("archive")
def archive(as_json: bool = JSON_OPTION) -> None:
    """Reports generated so far, newest first, with their input hashes."""
    print_rows(
        run_as_operator(services.archive),
        as_json=as_json,
        columns=("generated", "by", "file", "data as of", "input hash"),
        row=lambda r: (
            f"{r.generated_at:%Y-%m-%d %H:%M}",
            r.generated_by,
            r.filename,
            str(r.as_of),
            r.input_hash[:16],
        ),
    )


app.add_typer(drafts_app, name="draft")
