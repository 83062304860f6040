"""``nonpro db``: migrations."""

from __future__ import annotations

import typer

from nonpro.cli.context import console, engine
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
