"""``nonpro programs``: load the missile program data sets and ask by country, year and class."""

from __future__ import annotations

from pathlib import Path

import typer

from nonpro.cli.context import console, print_json, run_as_operator, run_query
from nonpro.cli.output import (
    JSON_OPTION,
    STRICT_OPTION,
    print_import_report,
    print_one,
    print_rows,
    spinner,
)
from nonpro.core.clock import today
from nonpro.programs import services
from nonpro.programs.schemas import FlightTestQuery, LoadOutcome
from nonpro.programs.services import read_path
from nonpro.treaties.services import parse_day

app = typer.Typer(
    help="Missile programs: systems, flight tests and launches, transfers, by country.",
    no_args_is_help=True,
)
COUNTRY = typer.Option(None, "--country", help='A state\'s name or code: "North Korea", "PRK".')
CLASS = typer.Option(None, "--class", help="SRBM, MRBM, IRBM, ICBM, SLBM, cruise, SLV, ...")


def _km(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


@app.command("load")
def load(
    path: Path = typer.Argument(
        ..., help="The CNS test folder, a CSIS file, a SIPRI register, or a folder of them."
    ),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Read the data sets at PATH (format detected); each replaces its earlier load.

    Everything is read before anything is stored: a file that cannot be read changes nothing;
    a row that cannot be read is refused and listed, the rest stored (--strict: nothing).
    """
    with spinner() as progress:
        task = progress.add_task(f"reading {path}", total=None)
        data_sets = read_path(path)
        rows = sum(sum(d.counts().values()) - d.skipped for d in data_sets)
        progress.update(task, description=f"storing {rows} rows")
        outcome = run_as_operator(services.load, data_sets, origin=str(path), strict=strict)
        progress.update(task, description=f"{path}: done")
    print_one(outcome, as_json=as_json, show=_print_load)
    for report in outcome.reports:
        if report.rows_refused or not as_json:
            print_import_report(report, as_json=as_json)


def _print_load(outcome: LoadOutcome) -> None:
    for done in outcome.imports:
        counts = ", ".join(f"{n} {k}" for k, n in done.counts.items() if n and k != "skipped")
        console.print(
            f"{done.dataset}: {counts} (data as of {done.data_as_of}; "
            f"replaced {outcome.replaced[done.dataset]} rows)",
            highlight=False,
        )


@app.command("imports")
def imports(as_json: bool = JSON_OPTION) -> None:
    """The latest load of each data set: file hash, data as of, counts."""
    print_rows(
        run_query(services.imports),
        as_json=as_json,
        columns=("data set", "data as of", "loaded", "counts", "file SHA-256"),
        row=lambda i: (
            i.dataset,
            str(i.data_as_of),
            f"{i.loaded_at:%Y-%m-%d %H:%M}",
            ", ".join(f"{n} {k}" for k, n in i.counts.items() if n),
            i.file_hash[:16],
        ),
    )


@app.command("systems")
def systems(
    country: str | None = COUNTRY, missile_class: str | None = CLASS, as_json: bool = JSON_OPTION
) -> None:
    """Missile systems, by country and class."""
    wanted = services.parse_class(missile_class) if missile_class else None
    print_rows(
        run_query(services.systems, country=country, missile_class=wanted),
        as_json=as_json,
        columns=("country", "system", "also known as", "class", "source"),
        row=lambda s: (s.country, s.name, ", ".join(s.aliases), s.missile_class, s.source),
    )


@app.command("tests")
def tests(
    country: str | None = COUNTRY,
    year: int | None = typer.Option(None, "--year", help="Calendar year."),
    missile_class: str | None = CLASS,
    as_json: bool = JSON_OPTION,
) -> None:
    """Flight tests and launches, oldest first."""
    wanted = FlightTestQuery(
        country=country,
        year=year,
        missile_class=services.parse_class(missile_class) if missile_class else None,
    )
    found = run_query(services.tests, wanted)
    print_rows(
        found,
        as_json=as_json,
        columns=("date", "system", "class", "site", "apogee km", "distance km", "outcome"),
        row=lambda t: (
            str(t.day),
            t.system_name,
            t.missile_class,
            t.site or "",
            _km(t.apogee_km),
            _km(t.distance_km),
            t.outcome,
        ),
        title=f"{len(found)} flight tests",
    )


@app.command("transfers")
def transfers(
    country: str | None = COUNTRY,
    direction: str = typer.Option("any", "--direction", help="in, out or any."),
    year: int | None = typer.Option(None, "--year", help="Ordered or delivered in this year."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Transfers of missiles and launchers (SIPRI)."""
    print_rows(
        run_query(services.transfers, country=country, direction=direction, year=year),
        as_json=as_json,
        columns=("supplier", "recipient", "designation", "description", "ordered", "delivered"),
        row=lambda t: (
            t.supplier_name,
            t.recipient_name,
            t.designation,
            t.description,
            f"{t.number_ordered or '?'} ({t.order_year})",
            ", ".join(map(str, t.delivery_years)),
        ),
    )


@app.command("summary")
def summary(
    state: str = typer.Argument(..., help='A state\'s name or code: "North Korea", "PRK".'),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
) -> None:
    """A state's missile programs as of a date (JSON): what case assessment reads."""
    day = parse_day(as_of) if as_of else today()
    found = run_query(services.country_summary, state, as_of=day)
    print_json(found.model_dump(mode="json"))
