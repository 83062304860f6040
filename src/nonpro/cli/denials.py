"""``nonpro denials``: the register of MTCR denial notifications and the no-undercut check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from nonpro.cli.arguments import read_text, required_day
from nonpro.cli.context import console, operator, run_as_operator, run_query
from nonpro.cli.output import (
    JSON_OPTION,
    STRICT_OPTION,
    print_import_report,
    print_one,
    print_rows,
)
from nonpro.core.validation import parse_input
from nonpro.denials import services as denials
from nonpro.denials.schemas import (
    CaseDenialCheck,
    DenialIn,
    DenialMatch,
    DenialOut,
    DenialWithdrawal,
)

app = typer.Typer(
    help="MTCR denial notifications (partners' and ours) and the no-undercut check of a case.",
    no_args_is_help=True,
)
RefArg = typer.Argument(..., help="The denial's reference.")


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False)


def _print(found: DenialOut) -> None:
    console.print(f"[bold]{found.reference}[/bold]", highlight=False)
    _say(
        f"  notified by {found.notifying_partner_name} ({found.notifying_partner}) "
        f"on {found.notified_on}"
    )
    entry = found.annex_entry or "none (a catch-all denial)"
    title = f" {found.annex_title}" if found.annex_title else ""
    _say(f"  item: {found.item_description}")
    _say(f"  MTCR Annex entry: {entry}{title}")
    _say(f"  end user: {found.end_user}, {found.end_user_country_name} ({found.end_user_country})")
    status = found.status.value.replace("_", " ")
    if found.withdrawn_on:
        status += f" on {found.withdrawn_on}"
    _say(f"  status: {status}")
    for label in ("reason", "source", "withdrawal_note"):
        if value := getattr(found, label):
            _say(f"  {label.replace('_', ' ')}: {value}")


def print_matches(matches: list[DenialMatch]) -> None:
    """The no-undercut flag and its grounds, as ``denials check`` and ``cases show`` print it."""
    if not matches:
        return
    console.print("[bold yellow]Consult the notifying partner before approval[/bold yellow]")
    for match in matches:
        _say(f"  {match.consult}")
        for reason in match.reasons:
            _say(f"    - {reason.text}")


@app.command("add")
def add(
    reference: str = typer.Option(..., "--reference", help="The notification's reference."),
    partner: str = typer.Option(..., "--partner", help="The notifying partner (USA for ours)."),
    notified_on: str = typer.Option(..., "--notified-on", help="YYYY-MM-DD."),
    item: str = typer.Option(..., "--item", help="The denied item, as the notification says."),
    annex_entry: str | None = typer.Option(
        None, "--annex-entry", help="MTCR Annex entry (2.A.1.c); leave out for a catch-all."
    ),
    end_user: str = typer.Option(..., "--end-user"),
    country: str = typer.Option(..., "--country", help="The end user's country."),
    reason: str = typer.Option("", "--reason"),
    source: str = typer.Option("", "--source"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a denial notification."""
    raw: dict[str, Any] = {
        "reference": reference,
        "notifying_partner": partner,
        "notified_on": required_day(notified_on, "notified_on"),
        "item_description": item,
        "annex_entry": annex_entry,
        "end_user": end_user,
        "end_user_country": country,
        "reason": reason,
        "source": source,
    }
    found = run_as_operator(denials.record_denial, parse_input(DenialIn, raw))
    print_one(found, as_json=as_json, show=_print)


@app.command("list")
def list_command(
    status: str | None = typer.Option(None, "--status", help="in_force or withdrawn."),
    partner: str | None = typer.Option(None, "--partner"),
    country: str | None = typer.Option(None, "--country", help="The end user's country."),
    annex_entry: str | None = typer.Option(None, "--annex-entry", help="With those under it."),
    text: str | None = typer.Option(None, "--text", help="Words in the end user or the item."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The register, newest notification first."""
    found = run_query(
        denials.list_denials,
        reader=operator(),
        status=status,
        partner=partner,
        country=country,
        annex_entry=annex_entry,
        text=text,
    )
    print_rows(
        found,
        as_json=as_json,
        columns=("reference", "partner", "notified", "Annex", "end user", "country", "status"),
        row=lambda d: (
            d.reference,
            d.notifying_partner,
            str(d.notified_on),
            d.annex_entry or "-",
            d.end_user,
            d.end_user_country,
            d.status.value,
        ),
        footer=f"{len(found)} denials",
    )


@app.command("show")
def show(reference: str = RefArg, as_json: bool = JSON_OPTION) -> None:
    """One denial notification."""
    found = run_query(denials.show_denial, reference, reader=operator())
    print_one(found, as_json=as_json, show=_print)


@app.command("withdraw")
def withdraw(
    reference: str = RefArg,
    on: str = typer.Option(..., "--on", help="The day the partner withdrew it (YYYY-MM-DD)."),
    note: str = typer.Option("", "--note"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record that the notifying partner withdrew the denial."""
    data = parse_input(DenialWithdrawal, {"withdrawn_on": required_day(on, "on"), "note": note})
    found = run_as_operator(denials.withdraw_denial, reference, data)
    print_one(found, as_json=as_json, show=_print)


@app.command("check")
def check(
    case_id: str = typer.Argument(..., help="The case's id or reference."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The no-undercut check of a case: denials in force for an essentially identical item to
    the same end user or country, with the reasons and the partner to consult."""
    found = run_query(denials.check_case, case_id, reader=operator())
    print_one(found, as_json=as_json, show=_print_check)


def _print_check(found: CaseDenialCheck) -> None:
    _say(f"{found.case}: {found.summary}")
    print_matches(found.matches)
    _say(f"source: {found.source}")


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A CSV file (columns in docs/denials.md)."),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import denial notifications from CSV: the good rows are stored, each bad one named by
    line and column (a file with no good row stores nothing, nor with --strict one with any
    bad row)."""
    text = read_text(path, "path")
    found = run_as_operator(denials.import_csv, text, origin=str(path), strict=strict)
    print_one(found, as_json=as_json, text=f"denials: {len(found.added)} added")
    print_import_report(found.report, as_json=as_json)
