"""``nonpro report``: the annual report, the semi-annual emergency report, country profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from nonpro.cli.context import console, run_as_operator
from nonpro.cli.output import JSON_OPTION, print_rows
from nonpro.core.clock import today
from nonpro.reports import services
from nonpro.reports.schemas import Report
from nonpro.treaties.services import parse_day

app = typer.Typer(
    help="Reports: annual missile proliferation report, EO 12938 report, country profiles.",
    no_args_is_help=True,
)
FORMAT = typer.Option("pdf", "--format", help="pdf, docx, html or json.")
OUT = typer.Option(None, "--out", help="File to write (default: the report's own name here).")


def _write(report: Report, file_format: str, out: Path | None) -> None:
    """Render, archive and write the report; say where it went and its input hash."""
    made = run_as_operator(services.generate, report, file_format=file_format)
    target = out or Path(made.archived.filename)
    target.write_bytes(made.content)
    console.print(
        f"{target}: {made.archived.title} ({made.archived.size:,} bytes); data as of "
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
) -> None:
    """The annual report on missile proliferation for YEAR."""
    day = parse_day(as_of) if as_of else None
    report = run_as_operator(services.annual, year, countries=country, as_of=day)
    _write(report, file_format, out)


@app.command("emergency")
def emergency(
    start: str = typer.Option(..., "--from", help="First day of the period, YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last day of the period, YYYY-MM-DD."),
    file_format: str = FORMAT,
    out: Path | None = OUT,
) -> None:
    """The semi-annual report on the national emergency of Executive Order 12938."""
    first, last = parse_day(start, "from"), parse_day(end, "to")
    report = run_as_operator(services.emergency, first, last)
    _write(report, file_format, out)


@app.command("country")
def country(
    state: str = typer.Argument(..., help='A state\'s name or code: "North Korea", "IRN".'),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    file_format: str = FORMAT,
    out: Path | None = OUT,
) -> None:
    """A country profile: missile programs, transfers, treaties, sanctions, cases."""
    day: date = parse_day(as_of) if as_of else today()
    report = run_as_operator(services.country, state, as_of=day)
    _write(report, file_format, out)


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
