"""``nonpro countries`` and ``nonpro reference``: shared reference data."""

from __future__ import annotations

import typer

from nonpro.accounts import services as accounts
from nonpro.cli.context import console, operator, print_json, unit_of_work
from nonpro.cli.output import JSON_OPTION
from nonpro.core.clock import today
from nonpro.multilateral import services as multilateral
from nonpro.reference.services import resolve_country
from nonpro.registers.files import services as negotiation_files  # own line: shared file
from nonpro.treaties import services as treaties

countries_app = typer.Typer(help="Resolve state names and codes.", no_args_is_help=True)
reference_app = typer.Typer(help="Load the project's own reference data.", no_args_is_help=True)


@countries_app.command("resolve")
def resolve(
    name: str = typer.Argument(..., help='A name or code: "Iran", "IRN", "Persia", "USSR".'),
    as_json: bool = JSON_OPTION,
) -> None:
    """Resolve a state's name or code to its ISO 3166 codes."""
    country = resolve_country(name)
    if as_json:
        print_json(country.model_dump())
        return
    historic = " (historic, ISO 3166-3)" if country.historic else ""
    console.print(
        f"{country.alpha_3} {country.alpha_2} {country.name}{historic} — matched by "
        f"{country.matched_by}"
    )


@reference_app.command("load")
def load() -> None:
    """Load the reference data nonpro ships (agencies, treaty records, the meetings calendar,
    the negotiation files; more as capabilities land). Idempotent."""
    with unit_of_work() as session:
        added = accounts.seed_agencies(session=session, actor=operator())
        treaty_records = treaties.load_reference(session=session, actor=operator())
        calendar = multilateral.load_reference(session=session, actor=operator(), today=today())
        files_added = negotiation_files.seed(session=session, actor=operator())
    console.print(f"agencies: {added} added")
    if treaty_records.unchanged:
        console.print("treaties: compiled records unchanged")
    else:
        done = treaty_records.imported
        console.print(
            f"treaties: {done.event_count} compiled events, {done.stated_count_count} stated "
            f"counts loaded"
        )
    console.print(
        f"meetings: {calendar[0]} bodies, {calendar[1]} known sessions added, "
        f"{calendar[2]} sessions projected"
    )
    console.print(f"negotiation files: {files_added} added")
