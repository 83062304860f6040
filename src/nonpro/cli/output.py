"""The shapes every command prints in: JSON with ``--json``, else a Rich table or a few lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import typer
from pydantic import BaseModel
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from nonpro.cli.context import console, error_console, print_json
from nonpro.core.rejected_rows import ImportReport, RejectedRow

Found = TypeVar("Found", bound=BaseModel)

JSON_OPTION: bool = typer.Option(False, "--json", help="Print JSON.")
STRICT_OPTION: bool = typer.Option(
    False, "--strict", help="Store nothing if any row is bad (default: store the good rows)."
)


def print_rows(
    found: Sequence[Found],
    *,
    as_json: bool,
    columns: Iterable[str],
    row: Callable[[Found], Iterable[str]],
    title: str | None = None,
    footer: str | None = None,
) -> None:
    """A list as JSON, or as a table of one row per item; ``footer`` follows the table only."""

    def show_table() -> None:
        table = Table(*columns, title=title)
        for item in found:
            table.add_row(*row(item))
        console.print(table)

    _print_list(found, as_json=as_json, show=show_table, footer=footer)


def print_one(
    found: Found,
    *,
    as_json: bool,
    text: str | None = None,
    show: Callable[[Found], None] | None = None,
) -> None:
    """One result as JSON, or as the line ``text`` (or what ``show`` prints)."""
    if as_json:
        print_json(found.model_dump(mode="json"))
    elif show is not None:
        show(found)
    else:
        console.print(text)


def print_lines(
    found: Sequence[Found],
    *,
    as_json: bool,
    line: Callable[[Found], str],
    footer: str | None = None,
    highlight: bool | None = None,
) -> None:
    """A list as JSON, or as one line of text per item; ``footer`` follows the lines only."""

    def show_lines() -> None:
        for item in found:
            console.print(line(item), highlight=highlight)

    _print_list(found, as_json=as_json, show=show_lines, footer=footer)


def _print_list(
    found: Sequence[Found], *, as_json: bool, show: Callable[[], None], footer: str | None
) -> None:
    """The one choice every list command makes: JSON, or the text ``show`` prints and a footer."""
    if as_json:
        print_json([item.model_dump(mode="json") for item in found])
        return
    show()
    if footer is not None:
        console.print(footer)


def spinner() -> Progress:
    """A spinner with the step's description and the time taken, for long loads; on stderr,
    so ``--json`` output on stdout stays one JSON document."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=error_console,
    )


def refused_table(rows: list[RejectedRow], title: str | None = None) -> Table:
    """The refused rows as a table: row, column, problem."""
    table = Table("row", "column", "problem", title=title)
    for row in rows:
        table.add_row(row.where, row.column or "(whole row)", row.problem)
    return table


def print_import_report(report: ImportReport, *, as_json: bool = False) -> None:
    """After an import's own summary: its counts, the refused rows and a warning line.

    The command still exits 0 when some rows were stored (a file with no good row, or any bad
    row under ``--strict``, is refused as an error instead). The warning goes to stderr, so
    ``--json`` output stays one JSON document."""
    if not as_json:
        console.print(report.summary, highlight=False)
        if report.refused:
            console.print(refused_table(report.refused))
        for kept in report.kept:
            console.print(f"  kept the earlier records of {kept}", highlight=False, markup=False)
    if report.rows_refused:
        shown = len(report.refused)
        more = f" (the first {shown} listed)" if shown < report.rows_refused else ""
        error_console.print(
            f"[yellow]warning:[/yellow] {report.rows_refused} row(s) of {report.origin} refused"
            f"{more}; the other {report.rows_stored} stored. Use --strict to store nothing "
            "when a row is bad.",
            highlight=False,
        )
