"""Back up and restore the database: SQLite's online backup, or pg_dump/pg_restore.

A backup is one file. Restoring replaces the database's content with the file's; a failed
restore leaves an SQLite database as it was (the copy is made beside it and moved in place).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from nonpro.core.errors import InvalidInput, NonproError


class BackupError(NonproError):
    """A backup or restore could not be made; says which tool failed and why."""


def _sqlite_path(url: URL) -> Path:
    assert url.database is not None
    return Path(url.database).expanduser().resolve()


def _pg_arguments(url: URL) -> tuple[list[str], dict[str, str]]:
    arguments = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432)]
    if url.username:
        arguments += ["--username", url.username]
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    options = url.query.get("options")
    if options:  # e.g. a search_path given as libpq options
        environment["PGOPTIONS"] = str(options)
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(  # noqa: S603  (fixed tool, arguments from our own settings)
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise BackupError(
            f"{tool} failed: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
        )


def _pg_schema(url: URL) -> str | None:
    options = str(url.query.get("options") or "")
    marker = "search_path="
    return options.split(marker, 1)[1].split()[0] if marker in options else None


def backup(engine: Engine, destination: Path) -> Path:
    """Write a consistent copy of the whole database to ``destination``."""
    url = engine.url
    if destination.exists():
        raise InvalidInput("destination", f"{destination} exists; choose a new file")
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(destination)
        try:
            with target:
                source.backup(target)  # consistent even while the server writes
        finally:
            source.close()
            target.close()
        return destination
    arguments, environment = _pg_arguments(url)
    schema = _pg_schema(url)
    command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(destination), *arguments]
    if schema:
        command += ["--schema", schema]
    _run([*command, str(url.database)], environment)
    return destination


def restore(engine: Engine, source: Path) -> None:
    """Replace the database's content with the backup in ``source``."""
    if not source.is_file():
        raise InvalidInput("backup", f"{source} does not exist")
    url = engine.url
    engine.dispose()  # no pooled connection may hold the old file or tables
    if url.get_backend_name() == "sqlite":
        try:
            check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            check.execute("PRAGMA schema_version").fetchone()
            check.close()
        except sqlite3.DatabaseError as exc:
            raise InvalidInput("backup", f"{source} is not an SQLite database: {exc}") from None
        target = _sqlite_path(url)
        staging = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staging)
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        staging.replace(target)
        return
    arguments, environment = _pg_arguments(url)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            str(url.database),
            *arguments,
            str(source),
        ],
        environment,
    )
