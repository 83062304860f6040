"""``nonpro audit``: verify and read the audit log."""

from __future__ import annotations

import typer
from rich.table import Table

from nonpro.cli.context import console, error_console, print_json, unit_of_work
from nonpro.cli.output import JSON_OPTION
from nonpro.core import audit

app = typer.Typer(help="Verify and read the append-only audit log.", no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Check the hash chain; exit 1 naming the first row that does not match."""
    with unit_of_work() as session:
        verdict = audit.verify_chain(session)
    if verdict.intact:
        console.print(f"audit log intact: {verdict.rows_checked} rows verified")
        return
    error_console.print(
        f"audit log BROKEN at row {verdict.first_bad_seq}: {verdict.problem} "
        f"({verdict.rows_checked} rows before it verified)"
    )
    raise typer.Exit(1)


@app.command("show")
def show(
    target: str | None = typer.Option(None, "--target", help="Only rows about this target."),
    action: str | None = typer.Option(None, "--action", help="Only rows of this action."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many rows, newest first."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the newest audit rows."""
    with unit_of_work() as session:
        rows = [
            {
                "seq": e.seq,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "target": e.target,
                "payload": e.payload,
                "hash": e.hash,
            }
            for e in audit.entries(session, target=target, action=action, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("#", "at", "actor", "action", "target", "payload")
    for row in rows:
        table.add_row(
            str(row["seq"]),
            str(row["at"])[:19],
            str(row["actor"]),
            str(row["action"]),
            str(row["target"]),
            audit.canonical_json(row["payload"]),
        )
    console.print(table)
