"""``nonpro programs``: load the missile program data sets and ask by country, year and class."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from nonpro.cli.context import console, operator, print_json, unit_of_work
from nonpro.core.clock import today
from nonpro.programs import services
from nonpro.programs.schemas import FlightTestQuery
from nonpro.programs.services import read_path
from nonpro.treaties.services import parse_day

app = typer.Typer(
    help="Missile programs: systems, flight tests and launches, transfers, by country.",
    no_args_is_help=True,
)
JSON = typer.Option(False, "--json", help="Print JSON.")
COUNTRY = typer.Option(None, "--country", help='A state\'s name or code: "North Korea", "PRK".')
CLASS = typer.Option(None, "--class", help="SRBM, MRBM, IRBM, ICBM, SLBM, cruise, SLV, ...")


def _km(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


@app.command("load")
def load(
    path: Path = typer.Argument(
        ..., help="The CNS test folder, a CSIS file, a SIPRI register, or a folder of them."
    ),
    as_json: bool = JSON,
) -> None:
    """Read the data sets at PATH (format detected); each replaces its earlier load.

    Everything is read before anything is stored: a file that fails changes nothing.
    """
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task(f"reading {path}", total=None)
        data_sets = read_path(path)
        rows = sum(sum(d.counts().values()) - d.skipped for d in data_sets)
        progress.update(task, description=f"storing {rows} rows")
        with unit_of_work() as session:
            outcome = services.load(data_sets, origin=str(path), session=session, actor=operator())
        progress.update(task, description=f"{path}: done")
    if as_json:
        print_json(outcome.model_dump(mode="json"))
        return
    for done in outcome.imports:
        counts = ", ".join(f"{n} {k}" for k, n in done.counts.items() if n and k != "skipped")
        console.print(
            f"{done.dataset}: {counts} (data as of {done.data_as_of}; "
            f"replaced {outcome.replaced[done.dataset]} rows)",
            highlight=False,
        )


@app.command("imports")
def imports(as_json: bool = JSON) -> None:
    """The latest load of each data set: file hash, data as of, counts."""
    with unit_of_work() as session:
        found = services.imports(session=session)
    if as_json:
        print_json([i.model_dump(mode="json") for i in found])
        return
    table = Table("data set", "data as of", "loaded", "counts", "file SHA-256")
    for i in found:
        counts = ", ".join(f"{n} {k}" for k, n in i.counts.items() if n)
        table.add_row(i.dataset, str(i.data_as_of), f"{i.loaded_at:%Y-%m-%d %H:%M}", counts,
                      i.file_hash[:16])  # fmt: skip
    console.print(table)


@app.command("systems")
def systems(country: str | None = COUNTRY, missile_class: str | None = CLASS,
            as_json: bool = JSON) -> None:  # fmt: skip
    """Missile systems, by country and class."""
    wanted = services.parse_class(missile_class) if missile_class else None
    with unit_of_work() as session:
        found = services.systems(session=session, country=country, missile_class=wanted)
    if as_json:
        print_json([s.model_dump(mode="json") for s in found])
        return
    table = Table("country", "system", "also known as", "class", "source")
    for s in found:
        table.add_row(s.country, s.name, ", ".join(s.aliases), s.missile_class, s.source)
    console.print(table)


@app.command("tests")
def tests(
    country: str | None = COUNTRY,
    year: int | None = typer.Option(None, "--year", help="Calendar year."),
    missile_class: str | None = CLASS,
    as_json: bool = JSON,
) -> None:
    """Flight tests and launches, oldest first."""
    wanted = FlightTestQuery(
        country=country, year=year,
        missile_class=services.parse_class(missile_class) if missile_class else None,
    )  # fmt: skip
    with unit_of_work() as session:
        found = services.tests(wanted, session=session)
    if as_json:
        print_json([t.model_dump(mode="json") for t in found])
        return
    table = Table("date", "system", "class", "site", "apogee km", "distance km", "outcome",
                  title=f"{len(found)} flight tests")  # fmt: skip
    for t in found:
        table.add_row(str(t.day), t.system_name, t.missile_class, t.site or "",
                      _km(t.apogee_km), _km(t.distance_km), t.outcome)  # fmt: skip
    console.print(table)


@app.command("transfers")
def transfers(
    country: str | None = COUNTRY,
    direction: str = typer.Option("any", "--direction", help="in, out or any."),
    year: int | None = typer.Option(None, "--year", help="Ordered or delivered in this year."),
    as_json: bool = JSON,
) -> None:
    """Transfers of missiles and launchers (SIPRI)."""
    with unit_of_work() as session:
        found = services.transfers(session=session, country=country, direction=direction,
                                   year=year)  # fmt: skip
    if as_json:
        print_json([t.model_dump(mode="json") for t in found])
        return
    table = Table("supplier", "recipient", "designation", "description", "ordered", "delivered")
    for t in found:
        table.add_row(t.supplier_name, t.recipient_name, t.designation, t.description,
                      f"{t.number_ordered or '?'} ({t.order_year})",
                      ", ".join(map(str, t.delivery_years)))  # fmt: skip
    console.print(table)


@app.command("summary")
def summary(
    state: str = typer.Argument(..., help='A state\'s name or code: "North Korea", "PRK".'),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
) -> None:
    """A state's missile programs as of a date (JSON): what case assessment reads."""
    day = parse_day(as_of) if as_of else today()
    with unit_of_work() as session:
        found = services.country_summary(state, as_of=day, session=session)
    print_json(found.model_dump(mode="json"))
