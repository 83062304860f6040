"""``nonpro config``: the settings in effect."""

from __future__ import annotations

import typer
from rich.table import Table

from nonpro.cli.context import console, print_json, settings
from nonpro.cli.output import JSON_OPTION

app = typer.Typer(help="Show the settings in effect.", no_args_is_help=True)


@app.command("show")
def show(as_json: bool = JSON_OPTION) -> None:
    """Print every NONPRO_* setting in effect, secrets masked."""
    shown = settings().masked()
    if as_json:
        print_json(shown)
        return
    table = Table("setting", "value", title="nonpro settings")
    for name, value in shown.items():
        table.add_row(name, value)
    console.print(table)
