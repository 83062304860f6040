"""``nonpro agreements``: the register of nuclear cooperation agreements, safeguards and
sister-laboratory arrangements, with expiry reminders and each partner's IAEA safeguards status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from nonpro.cli.arguments import read_text
from nonpro.cli.context import console, run_as_operator, run_query
from nonpro.cli.output import (
    JSON_OPTION,
    STRICT_OPTION,
    print_import_report,
    print_lines,
    print_one,
    print_rows,
)
from nonpro.core.validation import parse_day, parse_input
from nonpro.registers.agreements import services as agreements
from nonpro.registers.agreements.schemas import AgreementIn, AgreementOut, AgreementUpdate

app = typer.Typer(
    help="Nuclear cooperation agreements, safeguards and sister-laboratory arrangements.",
    no_args_is_help=True,
)
KIND_HELP = "nuclear_cooperation, safeguards_arrangement or sister_laboratory."


def _print(found: AgreementOut) -> None:
    console.print(f"[bold]{found.key}[/bold] {found.title} ({found.kind.value})")
    console.print(f"  partner: {found.partner_name} ({found.partner})")
    dates = ", ".join(
        f"{name} {value}"
        for name in ("signed", "in_force", "expires", "terminated")
        if (value := getattr(found, name))
    )
    console.print(f"  {dates or 'no dates recorded'}")
    console.print(f"  status as of {found.status_as_of}: {found.status.value}")
    for label in ("scope", "consent_rights", "safeguards_basis", "source", "note"):
        if value := getattr(found, label):
            console.print(f"  {label.replace('_', ' ')}: {value}", highlight=False)
    for link in found.safeguards:
        since = f" since {link.since_text}" if link.since_text else ""
        event = link.event
        basis = f" — {event.kind} {event.date_text}, {event.source}" if event else ""
        console.print(f"  {link.instrument}: {link.status}{since}{basis}", highlight=False)


@app.command("add")
def add(
    key: str = typer.Option(..., "--key", help="A short unique key, e.g. 123-JPN-2018."),
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    title: str = typer.Option(..., "--title"),
    partner: str = typer.Option(..., "--partner", help="A state, or EURATOM, IAEA, TWN-AIT."),
    signed: str | None = typer.Option(None, "--signed", help="YYYY-MM-DD."),
    in_force: str | None = typer.Option(None, "--in-force", help="YYYY-MM-DD."),
    expires: str | None = typer.Option(None, "--expires", help="YYYY-MM-DD."),
    scope: str = typer.Option("", "--scope"),
    consent_rights: str = typer.Option("", "--consent-rights"),
    safeguards_basis: str = typer.Option("", "--safeguards-basis"),
    remind_days: int = typer.Option(365, "--remind-days", help="Days before expiry to remind."),
    source: str = typer.Option("", "--source"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add an agreement to the register."""
    raw: dict[str, Any] = {
        "key": key,
        "kind": kind,
        "title": title,
        "partner": partner,
        "signed": signed,
        "in_force": in_force,
        "expires": expires,
        "scope": scope,
        "consent_rights": consent_rights,
        "safeguards_basis": safeguards_basis,
        "remind_days": remind_days,
        "source": source,
    }
    found = run_as_operator(agreements.add, parse_input(AgreementIn, raw))
    print_one(found, as_json=as_json, show=_print)


@app.command("edit")
def edit(
    key: str = typer.Argument(..., help="The agreement's key."),
    expires: str | None = typer.Option(None, "--expires", help="YYYY-MM-DD."),
    terminated: str | None = typer.Option(None, "--terminated", help="YYYY-MM-DD."),
    in_force: str | None = typer.Option(None, "--in-force", help="YYYY-MM-DD."),
    remind_days: int | None = typer.Option(None, "--remind-days"),
    note: str | None = typer.Option(None, "--note"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct an agreement: its dates, reminder period or note."""
    raw = {
        "expires": expires,
        "terminated": terminated,
        "in_force": in_force,
        "remind_days": remind_days,
        "note": note,
    }
    data = parse_input(AgreementUpdate, {k: v for k, v in raw.items() if v is not None})
    print_one(run_as_operator(agreements.edit, key, data), as_json=as_json, show=_print)


@app.command("list")
def list_command(
    kind: str | None = typer.Option(None, "--kind", help=KIND_HELP),
    partner: str | None = typer.Option(None, "--partner"),
    in_force_on: str | None = typer.Option(None, "--in-force-on", help="Only those in force."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The register, with each agreement's status and its partner's safeguards status."""
    found = run_query(
        agreements.list_agreements,
        kind=kind,
        partner=partner,
        in_force_on=parse_day(in_force_on, "in_force_on"),
    )
    print_rows(
        found,
        as_json=as_json,
        columns=("key", "kind", "partner", "in force", "expires", "status", "CSA", "AP"),
        row=_row,
        footer=f"{len(found)} agreements",
    )


def _row(a: AgreementOut) -> tuple[str, ...]:
    sg = {link.instrument: link.status for link in a.safeguards}
    return (
        a.key,
        a.kind.value,
        a.partner,
        str(a.in_force or ""),
        str(a.expires or ""),
        a.status.value,
        sg.get("IAEA_CSA", "n/a"),
        sg.get("IAEA_AP", "n/a"),
    )


@app.command("show")
def show(
    key: str = typer.Argument(..., help="The agreement's key."),
    as_of: str | None = typer.Option(None, "--as-of", help="Status on this date (YYYY-MM-DD)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """One agreement: dates, status as of a date, scope, consent rights, safeguards."""
    found = run_query(agreements.show, key, as_of=parse_day(as_of, "as_of"))
    print_one(found, as_json=as_json, show=_print)


@app.command("due")
def due(
    within: int = typer.Option(0, "--within", help="Also list expiries within this many days."),
    today: str | None = typer.Option(None, "--today", help="Count from this date (YYYY-MM-DD)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Expiry reminders: agreements expiring within their reminder period (or --within days)."""
    found = run_query(agreements.due, within_days=within, today=parse_day(today, "today"))
    print_lines(
        found,
        as_json=as_json,
        line=lambda r: f"[bold]{r.key}[/bold] {r.title} ({r.partner}): {r.why}",
        footer=f"{len(found)} reminders",
        highlight=False,
    )


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A CSV file (columns in docs/registers-files.md)."),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import agreements from CSV: the good rows are stored, each bad one named by line and
    column (a file with no good row stores nothing, nor with --strict one with any bad row)."""
    text = read_text(path, "path")
    found = run_as_operator(agreements.import_csv, text, origin=str(path), strict=strict)
    line = f"agreements: {len(found.added)} added, {len(found.updated)} updated"
    print_one(found, as_json=as_json, text=line)
    print_import_report(found.report, as_json=as_json)
