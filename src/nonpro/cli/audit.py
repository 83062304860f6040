"""``nonpro audit``: verify and read the audit log."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from nonpro.cli.context import console, error_console, print_json, unit_of_work
from nonpro.cli.output import JSON_OPTION
from nonpro.core import audit
from nonpro.core.errors import InvalidInput

app = typer.Typer(help="Verify and read the append-only audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    kept: Path | None = typer.Option(
        None, "--anchor", help="Also check against an anchor kept outside the database."
    ),
) -> None:
    """Check the hash chain, the rows' signatures and the signed anchors; exit 1 naming the
    first row that does not match. An intact log is anchored at its current head."""
    kept_anchor = _read_anchor(kept) if kept is not None else None
    with unit_of_work() as session:
        verdict = audit.verify_chain(session, kept_anchor=kept_anchor)
        if verdict.intact:
            audit.anchor_head(session)
    if verdict.intact:
        console.print(f"audit log intact: {verdict.rows_checked} rows verified")
        return
    error_console.print(
        f"audit log BROKEN at row {verdict.first_bad_seq}: {verdict.problem} "
        f"({verdict.rows_checked} rows before it verified)"
    )
    raise typer.Exit(1)


@app.command("anchor")
def anchor(
    out: Path = typer.Option(..., "--out", help="The file to write the signed anchor to."),
) -> None:
    """Verify the log, then write its signed head (length and hash) to a file: kept away from
    the database, it lets `verify --anchor` find rows deleted after the newest anchor."""
    with unit_of_work() as session:
        verdict = audit.verify_chain(session)
        if not verdict.intact:
            raise InvalidInput("audit log", f"broken at row {verdict.first_bad_seq}; not anchored")
        head = audit.anchor_head(session)
    if head is None:
        raise InvalidInput("audit log", "is empty; nothing to anchor")
    out.write_text(json.dumps(asdict(head), indent=2) + "\n", encoding="utf-8")
    console.print(f"anchored the audit log at row {head.count} in {out}")


def _read_anchor(path: Path) -> audit.Anchor:
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        return audit.Anchor(int(fields["count"]), str(fields["head_hash"]), str(fields["mac"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("--anchor", f"{path} is not an anchor file: {exc}") from None


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
