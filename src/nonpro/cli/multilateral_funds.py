"""``nonpro hcoc`` and ``nonpro contributions``: pre-launch notifications, the annual
declaration, and voluntary contributions to the IAEA."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.context import console, print_json, run_as_operator, run_query
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.validation import parse_input
from nonpro.multilateral import services
from nonpro.multilateral.services import (
    AllocationIn,
    ContributionIn,
    NotificationIn,
    OutcomeIn,
    PolicyIn,
    StatusIn,
)

hcoc_app = typer.Typer(
    help="Hague Code of Conduct: pre-launch notifications and the annual declaration.",
    no_args_is_help=True,
)
contributions_app = typer.Typer(
    help="Voluntary contributions to the IAEA by year and fund.", no_args_is_help=True
)


@hcoc_app.command("notify")
def notify(
    vehicle_class: str = typer.Option(
        ..., "--class", help="SRBM, MRBM, IRBM, ICBM, SLBM or SLV (space launch vehicle)."
    ),
    opens: str = typer.Option(..., "--window-opens", help="ISO time, UTC if no zone."),
    closes: str = typer.Option(..., "--window-closes", help="ISO time, UTC if no zone."),
    area: str = typer.Option(..., "--area", help="Launch area, e.g. Vandenberg SFB."),
    direction: str = typer.Option(..., "--direction", help="General direction, e.g. west."),
    notified_at: str | None = typer.Option(None, "--notified-at", help="When notified (now)."),
    state: str = typer.Option("USA", "--state", help="The notifying state."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a pre-launch notification; one made after the window opened is flagged late."""
    raw = {
        "vehicle_class": vehicle_class.upper(),
        "window_opens": opens,
        "window_closes": closes,
        "launch_area": area,
        "general_direction": direction,
        "notified_at": notified_at,
        "state": state,
    }
    found = run_as_operator(services.notify_launch, parse_input(NotificationIn, raw))
    print_one(found, as_json=as_json, show=_print_notification)


def _print_notification(found: services.NotificationOut) -> None:
    console.print(f"notification {found.id}: {found.vehicle_class.value} from {found.launch_area}")
    if found.late:
        console.print(
            f"[red]LATE[/red]: notified {-found.lead_hours:.1f} hours after the window opened"
        )
    else:
        console.print(f"notified {found.lead_hours:.1f} hours before the window opens")


@hcoc_app.command("outcome")
def outcome(
    notification_id: str = typer.Argument(..., help="The notification's id."),
    result: str = typer.Argument(..., help="launched, cancelled or notified."),
    launched_on: str | None = typer.Option(None, "--on", help="Launch date, YYYY-MM-DD."),
) -> None:
    """Record whether a notified launch took place."""
    data = parse_input(OutcomeIn, {"outcome": result, "launched_on": launched_on})
    found = run_as_operator(services.record_launch_outcome, notification_id, data)
    console.print(f"{found.id}: {found.outcome.value}")


@hcoc_app.command("list")
def list_notifications(
    year: int | None = typer.Option(None, "--year", help="Windows opening in this year."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The pre-launch notifications recorded, late ones flagged."""
    print_rows(
        run_query(services.list_notifications, year=year),
        as_json=as_json,
        columns=("window opens", "class", "area", "direction", "notified", "lead (h)", "outcome"),
        row=lambda n: (
            f"{n.window_opens:%Y-%m-%d %H:%M}",
            n.vehicle_class.value,
            n.launch_area,
            n.general_direction,
            f"{n.notified_at:%Y-%m-%d %H:%M}",
            f"[red]LATE {n.lead_hours}[/red]" if n.late else str(n.lead_hours),
            n.outcome.value,
        ),
    )


@hcoc_app.command("policies")
def policies(
    year: int = typer.Option(..., "--year"),
    ballistic: str = typer.Option(..., "--ballistic", help="Ballistic missile policy."),
    space: str = typer.Option(..., "--space", help="Space launch vehicle policy."),
) -> None:
    """Record the policy statements of a year's declaration."""
    data = parse_input(
        PolicyIn, {"ballistic_missile_policy": ballistic, "space_launch_policy": space}
    )
    run_as_operator(services.set_hcoc_policies, year, data)
    console.print(f"policies for {year} recorded")


@hcoc_app.command("declaration")
def declaration(
    year: int = typer.Option(..., "--year"),
    state: str = typer.Option("USA", "--state"),
    as_json: bool = JSON_OPTION,
) -> None:
    """The annual declaration: policies and launches by generic class, from the notifications."""
    found = run_query(services.hcoc_declaration, year, state=state)
    print_one(found, as_json=as_json, show=_print_declaration)


def _print_declaration(found: services.Declaration) -> None:
    console.print(f"[bold]HCOC annual declaration of {found.state} for {found.year}[/bold]")
    console.print(f"Ballistic missile policy: {found.ballistic_missile_policy or '—'}")
    console.print(f"Space launch vehicle policy: {found.space_launch_policy or '—'}")
    console.print(
        f"Launches: {found.ballistic_missile_launches} ballistic missile(s), "
        f"{found.space_launch_vehicle_launches} space launch vehicle(s)"
    )
    for c in found.by_class:
        if c.launches:
            console.print(f"  {c.vehicle_class.value}: {c.launches}")
    for warning in found.warnings:
        console.print(f"[yellow]note[/yellow]: {warning}", highlight=False)


@contributions_app.command("add")
def add(
    year: int = typer.Option(..., "--year"),
    fund: str = typer.Option(..., "--fund", help="TCF, NSF, PUI or OTHER_EXB."),
    amount: str = typer.Option(..., "--amount", help="US dollars."),
    status: str = typer.Option("pledged", "--status", help="pledged, obligated or disbursed."),
    on: str | None = typer.Option(None, "--on", help="Date of the status (today)."),
    purpose: str = typer.Option("", "--purpose"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a voluntary contribution to the IAEA."""
    raw = {
        "year": year,
        "fund": fund.upper(),
        "amount": amount,
        "status": status,
        "on": on,
        "purpose": purpose,
    }
    found = run_as_operator(services.add_contribution, parse_input(ContributionIn, raw))
    line = f"contribution {found.id}: {found.fund_label} {found.year}, ${found.amount:,}"
    print_one(found, as_json=as_json, text=line)


@contributions_app.command("allocate")
def allocate(
    contribution_id: str = typer.Argument(..., help="The contribution's id."),
    project: str = typer.Option(..., "--project", help="IAEA project code."),
    amount: str = typer.Option(..., "--amount", help="US dollars."),
    title: str = typer.Option("", "--title"),
) -> None:
    """Allocate part of a contribution to a project (never more than the contribution)."""
    data = parse_input(AllocationIn, {"project": project, "title": title, "amount": amount})
    found = run_as_operator(services.allocate_contribution, contribution_id, data)
    console.print(f"allocated ${found.allocated:,}; ${found.unallocated:,} unallocated")


@contributions_app.command("status")
def status(
    contribution_id: str = typer.Argument(..., help="The contribution's id."),
    new_status: str = typer.Argument(..., help="obligated or disbursed."),
    on: str | None = typer.Option(None, "--on", help="Date (today)."),
) -> None:
    """Move a contribution forward: pledged → obligated → disbursed."""
    data = parse_input(StatusIn, {"status": new_status, "on": on})
    found = run_as_operator(services.set_contribution_status, contribution_id, data)
    console.print(f"{found.id}: {found.status.value}")


@contributions_app.command("list")
def list_contributions(
    year: int | None = typer.Option(None, "--year"),
    fund: str | None = typer.Option(None, "--fund"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Contributions with totals by year and fund."""
    chosen = (
        parse_input(ContributionIn, {"year": 2000, "fund": fund.upper(), "amount": 1}).fund
        if fund
        else None
    )
    found = run_query(services.list_contributions, year=year, fund=chosen)
    totals = services.contribution_totals(found)
    if as_json:
        print_json(
            {
                "contributions": [c.model_dump(mode="json") for c in found],
                "totals": totals.model_dump(mode="json"),
            }
        )
        return
    table = Table("year", "fund", "pledged", "obligated", "disbursed", "total", title="USD")
    for r in totals.rows:
        table.add_row(
            str(r.year),
            r.fund_label,
            f"{r.pledged:,}",
            f"{r.obligated:,}",
            f"{r.disbursed:,}",
            f"{r.total:,}",
        )
    console.print(table)
    console.print(f"total: ${totals.grand_total:,}")


@contributions_app.command("csv")
def export_csv(
    out: Path = typer.Argument(..., help="The CSV file to write."),
    year: int | None = typer.Option(None, "--year"),
) -> None:
    """Write the contributions (one row per project allocation) as CSV."""
    found = run_query(services.list_contributions, year=year)
    out.write_text(services.contributions_csv(found), "utf-8")
    console.print(f"{len(found)} contributions written to {out}")
