"""``nonpro lists``: load, update, inspect and diff the sanctions and denied-party lists."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from nonpro.cases.services import reassess_open_cases
from nonpro.cli import screening_entry
from nonpro.cli.context import (
    console,
    error_console,
    operator,
    print_json,
    run_as_operator,
    run_query,
    settings,
    unit_of_work,
)
from nonpro.cli.output import JSON_OPTION, print_one, print_rows, spinner
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.screening import services
from nonpro.screening.errors import ListDownloadError
from nonpro.screening.schemas import LoadOutcome, SnapshotDiff, SourceStatus

app = typer.Typer(help="Load, update and inspect sanctions lists.", no_args_is_help=True)
app.command("show")(screening_entry.show)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _load_one(path: Path, source: str | None, origin: str) -> list[LoadOutcome]:
    """Parse and store in one transaction; on failure note it in another, then re-raise."""
    try:
        return run_as_operator(services.load_from_path, path, source=source, origin=origin)
    except NonproError as error:
        _record_failure(source, origin, error.message)
        raise


def _record_failure(source: str | None, origin: str, problem: str) -> None:
    run_as_operator(services.record_failure, source=source, origin=origin, problem=problem)


def _rescreen_if_changed(outcomes: list[LoadOutcome]) -> None:
    """After a list changed: screen every kept party again and re-assess the open cases."""
    if all(outcome.unchanged for outcome in outcomes):
        return
    provider = services.IndexProvider()
    with unit_of_work() as session:
        report = services.rescreen_parties(session=session, provider=provider, actor=operator())
        changed = reassess_open_cases(session=session, provider=provider, actor=operator())
    if report.parties:
        console.print(
            f"re-screened {report.parties} kept parties: {len(report.new_hits)} new alerts"
        )
    for new in report.new_hits:
        console.print(
            f"  NEW {new.party} ({new.origin}) ~ {new.hit.entry_id} {new.hit.name} "
            f"score {new.hit.score:.2f}",
            highlight=False,
            soft_wrap=True,
        )
    for reference, before, after in changed:
        console.print(f"  case {reference}: recommendation {before or '(none)'} → {after}")


def _report(outcomes: list[LoadOutcome]) -> None:
    for outcome in outcomes:
        snap = outcome.snapshot
        state = "unchanged (same file as the active snapshot)" if outcome.unchanged else "active"
        published = f", published {snap.publication_date}" if snap.publication_date else ""
        console.print(f"{outcome.source}: {snap.entry_count} entries{published} — {state}")
        for warning in snap.warnings[:5]:
            console.print(f"  [yellow]warning:[/yellow] {warning}", highlight=False)
        if len(snap.warnings) > 5:
            console.print(f"  … and {len(snap.warnings) - 5} more warnings")


@app.command("load")
def load(
    path: Path | None = typer.Argument(
        None, help="A list file or a folder of list files (default: NONPRO_LISTS_DIR)."
    ),
    source: str | None = typer.Option(None, "--source", help="List code to record, e.g. un."),
    skip_if_unset: bool = typer.Option(
        False, "--skip-if-unset", help="With no PATH and no NONPRO_LISTS_DIR, do nothing."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Read a local copy of a list (format detected); it becomes active only when fully stored."""
    if path is None:
        path = settings().lists_dir
        if path is None:
            if skip_if_unset:
                console.print("no lists folder configured (NONPRO_LISTS_DIR): nothing loaded")
                return
            raise InvalidInput("path", "give a PATH, or set NONPRO_LISTS_DIR")
    with spinner() as progress:
        task = progress.add_task(f"reading and storing {path}", total=None)
        outcomes = _load_one(path, source, str(path))
        progress.update(task, description=f"read and stored {path}", completed=1, total=1)
    if as_json:
        print_json([o.model_dump(mode="json") for o in outcomes])
    else:
        _report(outcomes)
        _rescreen_if_changed(outcomes)


@app.command("update")
def update(
    source: list[str] | None = typer.Option(None, "--source", help="Only this list (repeatable)."),
) -> None:
    """Download lists from their publishers; a failed download keeps the previous snapshot."""
    urls = services.list_urls(settings().list_urls)
    wanted = services.select_sources(source, urls)
    failed = []
    with _progress() as progress, tempfile.TemporaryDirectory() as scratch:
        for code in wanted:
            task = progress.add_task(f"{code}: downloading", total=None)

            def advance(done: int, total: int | None, task_id: TaskID = task) -> None:
                progress.update(task_id, completed=done, total=total)

            target = Path(scratch) / services.DOWNLOAD_NAMES[code]
            try:
                services.download(code, urls[code], target, progress=advance)
            except ListDownloadError as error:
                _record_failure(code, urls[code], error.message)
                progress.update(task, description=f"{code}: [red]download failed[/red]")
                failed.append(error.message)
                continue
            progress.update(task, description=f"{code}: loading")
            try:
                outcomes = _load_one(target, code, urls[code])
            except NonproError as error:  # already noted as a failure by _load_one
                progress.update(task, description=f"{code}: [red]load failed[/red]")
                failed.append(error.message)
                continue
            progress.update(task, description=f"{code}: done")
            _report(outcomes)
            _rescreen_if_changed(outcomes)
    for message in failed:
        error_console.print(
            f"error: {message} (the previous snapshot stays active)",
            highlight=False,
            soft_wrap=True,
        )
    if failed:
        raise typer.Exit(1)


@app.command("status")
def status(as_json: bool = JSON_OPTION) -> None:
    """Each list's active snapshot: publication date, counts, when loaded, any failure since."""
    print_rows(
        run_query(services.status),
        as_json=as_json,
        columns=("list", "entries", "published", "loaded", "file SHA-256", "last failure"),
        row=_status_row,
    )


def _status_row(row: SourceStatus) -> tuple[str, ...]:
    active = row.active
    return (
        row.source,
        str(active.entry_count) if active else "—",
        str(active.publication_date or "") if active else "",
        active.loaded_at.strftime("%Y-%m-%d %H:%M") if active else "",
        active.file_hash[:12] if active else "",
        row.last_failure.problem if row.last_failure else "",
    )


@app.command("diff")
def diff(
    source: str = typer.Argument(..., help="List code, e.g. ofac_sdn."),
    as_json: bool = JSON_OPTION,
) -> None:
    """What the active snapshot added, removed and changed against the one before it."""
    result = run_query(services.diff, source)
    print_one(result, as_json=as_json, show=lambda r: _print_diff(source, r))


def _print_diff(source: str, result: SnapshotDiff) -> None:
    console.print(
        f"{source}: {len(result.added)} added, {len(result.removed)} removed, "
        f"{len(result.changed)} changed"
    )
    for label, changes in (("+", result.added), ("-", result.removed), ("~", result.changed)):
        for change in changes[:50]:
            console.print(f" {label} {change.entry_id} {change.name}", highlight=False)


@app.command("export")
def export(
    source: str = typer.Argument(..., help="List code, e.g. un."),
    out: Path = typer.Option(..., "--out", help="FollowTheMoney JSON lines file to write."),
) -> None:
    """Write a list's active snapshot as FollowTheMoney entities (for yente, Aleph)."""
    entries = run_query(services.active_entries_of, source)
    with out.open("w", encoding="utf-8") as handle:
        written = services.write_ftm(entries, handle)
    console.print(f"{source}: {len(entries)} entries written as {written} FtM entities to {out}")
