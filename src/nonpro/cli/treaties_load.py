"""``nonpro treaties load``, ``update`` and ``imports``: getting the status records in.

Registered on the ``nonpro treaties`` app by ``nonpro.cli.treaties``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from nonpro.cli.context import (
    console,
    error_console,
    operator,
    run_as_operator,
    run_query,
    settings,
    unit_of_work,
)
from nonpro.cli.output import (
    JSON_OPTION,
    STRICT_OPTION,
    print_import_report,
    print_one,
    print_rows,
    spinner,
)
from nonpro.treaties import services
from nonpro.treaties.errors import TreatyDownloadError
from nonpro.treaties.schemas import ImportOutcome
from nonpro.treaties.services import SOURCES, fetch, hash_files, load_path


def _report(outcome: ImportOutcome) -> None:
    done = outcome.imported
    if outcome.unchanged:
        console.print(f"{outcome.source}: unchanged (same files as the last import)")
        return
    console.print(
        f"{outcome.source}: {done.event_count} events, {done.stated_count_count} stated counts "
        f"for {', '.join(done.instruments)} (replaced {outcome.replaced_events} stored events)",
        highlight=False,
    )
    for warning in done.warnings[:5]:
        console.print(f"  [yellow]warning:[/yellow] {warning}", highlight=False)
    if outcome.report is not None:
        print_import_report(outcome.report)


def load(
    path: Path = typer.Argument(..., help="A status page, a CSV, or a folder of them."),
    source: str | None = typer.Option(
        None, "--source", help="Source key to record (default: untc, unoda, or the file name)."
    ),
    strict: bool = STRICT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Read status pages or CSV files; they replace what the same source said before. A CSV's
    bad rows are refused and listed, and the earlier events of what they stood for kept."""
    with spinner() as progress:
        task = progress.add_task(f"reading {path}", total=None)
        parsed = load_path(path)  # the whole file or folder, or nothing
        progress.update(task, description=f"storing {len(parsed.events)} events")
        outcome = run_as_operator(
            services.load,
            parsed,
            origin=str(path),
            file_hash=hash_files(path),
            source=source,
            strict=strict,
        )
        progress.update(task, description=f"{path}: done")
    print_one(outcome, as_json=as_json, show=_report)
    if as_json and outcome.report is not None:
        print_import_report(outcome.report, as_json=True)  # the warning line, on stderr


def update(
    source: list[str] | None = typer.Option(
        None, "--source", help=f"Only this source (repeatable): {', '.join(SOURCES)}."
    ),
) -> None:
    """Download the official status pages (UNTC, UNODA) and load them; all or nothing."""
    wanted = source or list(SOURCES)
    overrides = settings().treaty_urls
    with spinner() as progress, tempfile.TemporaryDirectory() as scratch:
        task = progress.add_task("downloading", total=None)
        folders = {}
        try:
            for code in wanted:
                folders[code] = fetch(
                    code,
                    Path(scratch),
                    overrides=overrides,
                    progress=lambda key: progress.update(task, description=f"downloading {key}"),
                )
        except TreatyDownloadError as error:
            error_console.print(
                f"error: {error.message} (nothing was changed)", highlight=False, soft_wrap=True
            )
            raise typer.Exit(1) from None
        progress.update(task, description="reading the pages")
        parsed = {code: load_path(folder) for code, folder in folders.items()}
        progress.update(task, description="storing")
        with unit_of_work() as session:
            outcomes = [
                services.load(
                    parsed[code],
                    origin=folders[code].name,
                    source=code,
                    file_hash=hash_files(folders[code]),
                    session=session,
                    actor=operator(),
                )
                for code in wanted
            ]
        progress.update(task, description="done")
    for outcome in outcomes:
        _report(outcome)


def imports(as_json: bool = JSON_OPTION) -> None:
    """What has been loaded: each import's source, origin, file hash, time and counts."""
    print_rows(
        run_query(services.imports),
        as_json=as_json,
        columns=("source", "loaded (UTC)", "by", "events", "counts", "origin", "SHA-256"),
        row=lambda r: (
            r.source,
            r.loaded_at.strftime("%Y-%m-%d %H:%M"),
            r.loaded_by,
            str(r.event_count),
            str(r.stated_count_count),
            r.origin,
            r.file_hash[:12],
        ),
    )
