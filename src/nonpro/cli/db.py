"""``nonpro db``: migrations."""

from __future__ import annotations

from pathlib import Path

import typer

from nonpro.cli.context import console, engine
from nonpro.core import backup as backups
from nonpro.core.db import backend_name
from nonpro.migrations import runner

app = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database to the newest schema (SQLite or PostgreSQL)."""
    runner.upgrade(engine())
    heads = ", ".join(sorted(runner.current_heads(engine())))
    console.print(f"database ({backend_name(engine())}) is at revision {heads}")


@app.command("status")
def status() -> None:
    """Say whether the database is migrated to the newest schema."""
    current = ", ".join(sorted(runner.current_heads(engine()))) or "(empty)"
    wanted = ", ".join(sorted(runner.script_heads(engine())))
    state = "up to date" if runner.is_up_to_date(engine()) else "needs `nonpro db upgrade`"
    console.print(f"{backend_name(engine())}: at {current}; newest {wanted}: {state}")
    if not runner.is_up_to_date(engine()):
        raise typer.Exit(1)


@app.command("backup")
def backup(
    out: Path = typer.Argument(..., help="The backup file to write (must not exist)."),
) -> None:
    """Write a consistent copy of the database (SQLite online backup, or pg_dump)."""
    backups.backup(engine(), out)
    console.print(f"backed up the {backend_name(engine())} database to {out}")


@app.command("restore")
def restore(
    source: Path = typer.Argument(..., help="A file written by `nonpro db backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace the database's content with a backup (SQLite file copy, or pg_restore)."""
    if not yes:
        typer.confirm(f"Replace the whole database with {source}?", abort=True)
    backups.restore(engine(), source)
    console.print(f"restored the {backend_name(engine())} database from {source}")
