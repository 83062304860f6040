"""``nonpro screen`` and ``nonpro screen-file``: screen parties against the active lists."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from nonpro.batch.schemas import ColumnMapping, Scheduler
from nonpro.batch.services import count_rows, executor_for, screen_file, screen_file_partitioned
from nonpro.cli.context import console, operator, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one
from nonpro.core.validation import parse_input
from nonpro.screening.schemas import EntityType, ScreeningQuery, ScreeningResult
from nonpro.screening.services import IndexProvider, keep_party, screen


def _print_result(result: ScreeningResult) -> None:
    if not result.snapshots:
        console.print("[yellow]no list is loaded: run `nonpro lists load PATH` first[/yellow]")
    if not result.hits:
        console.print(f"no hits for {result.query.name!r} (threshold {result.threshold})")
        return
    table = Table(
        "score",
        "alert",
        "list",
        "entry",
        "listed name",
        "matched name",
        "why",
        title=f"{result.query.name} — threshold {result.threshold}",
    )
    for hit in result.hits:
        decided = "; ".join(
            f"{d.decision.value} by {d.decided_by}{'' if d.current else ' (entry changed since)'}"
            for d in hit.dispositions
        )
        table.add_row(
            f"{hit.score:.2f}",
            "ALERT" if hit.alert else "",
            hit.list,
            hit.entry_id,
            hit.name,
            hit.matched_name,
            hit.explanation + (f" [{decided}]" if decided else ""),
        )
    console.print(table)


def screen_command(
    name: str = typer.Argument(..., help="The name of the party."),
    entity_type: EntityType | None = typer.Option(None, "--type", help="Kind of party."),
    dob: str | None = typer.Option(None, "--dob", help="Date of birth: YYYY, YYYY-MM, YYYY-MM-DD."),
    country: str | None = typer.Option(None, "--country", help="Country name or ISO code."),
    identifier: list[str] | None = typer.Option(None, "--id", help="Passport, IMO, … (repeat)."),
    lists: str | None = typer.Option(None, "--lists", help="Only these lists, comma separated."),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="Alert threshold, 0 to 1."
    ),
    limit: int = typer.Option(10, "--limit", min=1, max=100, help="How many hits at most."),
    keep: bool = typer.Option(
        False, "--keep", help="Keep the party: re-screened after every list update."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Screen one party against every active list; each hit says why it is a hit."""
    query = parse_input(
        ScreeningQuery,
        {
            "name": name,
            "entity_type": entity_type,
            "dob": dob,
            "country": country,
            "identifiers": identifier or [],
        },
    )
    wanted = [code.strip() for code in lists.split(",") if code.strip()] if lists else None
    provider = IndexProvider()
    with unit_of_work() as session:
        if keep:
            keep_party(
                query,
                origin=f"manual:{operator().username}",
                session=session,
                actor=operator(),
                provider=provider,
            )
        result = screen(
            query,
            session=session,
            provider=provider,
            reader=operator(),
            threshold=threshold,
            lists=wanted,
            limit=limit,
        )
    print_one(result, as_json=as_json, show=_print_result)


def _scheduler(value: str | None) -> Scheduler | None:
    try:
        return Scheduler.parse(value) if value is not None else None
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="'--scheduler'") from None


def screen_file_command(
    source: Path = typer.Argument(..., help="CSV or Parquet file of parties."),
    out: Path = typer.Option(..., "--out", help="Output file (.csv or .parquet)."),
    name_column: str = typer.Option("name", "--name-column", help="Column with the name."),
    dob_column: str | None = typer.Option(None, "--dob-column", help="Column with the DOB."),
    country_column: str | None = typer.Option(None, "--country-column", help="Country column."),
    type_column: str | None = typer.Option(None, "--type-column", help="Entity type column."),
    entity_type: EntityType | None = typer.Option(None, "--type", help="One type for all rows."),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="Alert threshold, 0 to 1."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run on Dask: local, local:N workers, or tcp://HOST:PORT; resumable.",
    ),
    partition_rows: int = typer.Option(
        10_000, "--partition-rows", min=1, help="Rows per partition with --scheduler."
    ),
) -> None:
    """Screen every row of a file; OUT gets every input column plus the result columns.

    With --scheduler, finished partitions are kept in OUT.parts/ and skipped when the same
    command is run again after an interruption.
    """
    where = _scheduler(scheduler)
    mapping = ColumnMapping(
        name=name_column,
        dob=dob_column,
        country=country_column,
        entity_type_column=type_column,
        entity_type=entity_type,
    )
    with unit_of_work() as session:
        loaded = IndexProvider().current(session=session)
    total = count_rows(source)
    with Progress(
        TextColumn("screening {task.fields[file]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("screen", total=total, file=source.name)

        def advance(done: int) -> None:
            progress.update(task, completed=done)

        if where is None:
            summary = screen_file(
                source,
                out,
                mapping=mapping,
                index=loaded.index,
                threshold=threshold,
                progress=advance,
            )
        else:
            summary = screen_file_partitioned(
                source,
                out,
                mapping=mapping,
                index=loaded.index,
                index_fingerprint="|".join(loaded.fingerprint),
                executor=executor_for(where),
                threshold=threshold,
                rows_per_part=partition_rows,
                progress=advance,
            )
    console.print(f"{summary.rows} rows screened, {summary.alerts} alerts → {summary.output}")
