"""A list or treaty load killed with SIGKILL part-way leaves the previous data active and whole.

The load runs as a real ``nonpro`` process. The test waits until that process holds the
database's write lock (SQLite: another writer is refused; PostgreSQL: a row-exclusive lock on
the target table), which means it is inside its transaction, then kills it with SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from nonpro.screening.models import ListEntryRecord, ListSnapshot
from nonpro.treaties.models import ParticipationEventRecord, TreatyImportRecord
from tests.conftest import (
    POSTGRES_URL,
    _drop_postgres_schema,
    _postgres_schema_engine,
    postgres_available,
)

NONPRO = str(Path(sys.executable).with_name("nonpro"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crash.db'}"
        return
    if not postgres_available():
        pytest.skip(f"POSTGRESQL NOT REACHABLE at {POSTGRES_URL}: crash safety ran on SQLite only")
    engine, schema = _postgres_schema_engine()
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    try:
        yield url
    finally:
        _drop_postgres_schema(schema)


def _nonpro(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NONPRO_DATABASE_URL": url, "NONPRO_LISTS_DIR": ""}
    return subprocess.run(
        [NONPRO, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _writer_active(url: str, table: str) -> Callable[[], bool]:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")

        def sqlite_locked() -> bool:
            probe = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()

        return sqlite_locked
    engine = create_engine(url)
    query = text(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE c.relname = :table AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid() "
        "AND c.relnamespace = to_regnamespace(current_schema())::oid"
    )

    def postgres_locked() -> bool:
        with engine.connect() as connection:
            return bool(connection.scalar(query, {"table": table}))

    return postgres_locked


def _kill_inside_transaction(url: str, table: str, *args: str) -> None:
    env = {**os.environ, "NONPRO_DATABASE_URL": url, "NONPRO_LISTS_DIR": ""}
    process = subprocess.Popen(
        [NONPRO, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    locked = _writer_active(url, table)
    deadline = time.monotonic() + 120
    try:
        while not locked():
            assert process.poll() is None, "the load finished before it could be killed"
            assert time.monotonic() < deadline, "the load never started writing"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()


def _scalar(url: str, statement: object) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(statement) or 0)  # type: ignore[call-overload]
    finally:
        engine.dispose()


def _integrity_ok(url: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_killed_list_load_keeps_the_previous_snapshot(
    database_url: str, shared_data: Path, tmp_path: Path
) -> None:
    assert _nonpro(database_url, "db", "upgrade").returncode == 0
    full = shared_data / "lists" / "ofac_sdn_2021"
    assert _nonpro(database_url, "lists", "load", str(full)).returncode == 0
    # A later publication of the same list: the same files with a third of the entries gone.
    newer = tmp_path / "ofac_sdn_newer"
    shutil.copytree(full, newer)
    lines = (full / "sdn.csv").read_text("latin-1").splitlines(keepends=True)
    (newer / "sdn.csv").write_text("".join(lines[: len(lines) * 2 // 3]), "latin-1")

    _kill_inside_transaction(database_url, "list_entries", "lists", "load", str(newer))

    _integrity_ok(database_url)
    active = select(func.count()).select_from(ListSnapshot).where(ListSnapshot.active)
    assert _scalar(database_url, active) == 1
    assert _scalar(database_url, select(func.count()).select_from(ListSnapshot)) == 1
    entries = select(func.count()).select_from(ListEntryRecord)
    assert _scalar(database_url, entries) == 8976
    status = _nonpro(database_url, "lists", "status")
    assert "8976" in status.stdout.replace(",", "")
    # The interrupted load can simply be run again.
    again = _nonpro(database_url, "lists", "load", str(newer))
    assert again.returncode == 0, again.stdout + again.stderr
    assert _scalar(database_url, active) == 1
    assert (
        0
        < _scalar(
            database_url,
            select(ListSnapshot.entry_count).where(ListSnapshot.active),
        )
        < 8976
    )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # lists cover PostgreSQL
def test_a_killed_treaty_load_keeps_the_previous_status(
    database_url: str, shared_data: Path
) -> None:
    assert _nonpro(database_url, "db", "upgrade").returncode == 0
    assert (
        _nonpro(database_url, "treaties", "load", str(shared_data / "treaties/untc")).returncode
        == 0
    )
    events = select(func.count()).select_from(ParticipationEventRecord)
    imports = select(func.count()).select_from(TreatyImportRecord)
    before = (_scalar(database_url, events), _scalar(database_url, imports))
    npt_before = _nonpro(database_url, "treaties", "status", "France", "--json").stdout

    unoda = str(shared_data / "treaties/unoda")
    _kill_inside_transaction(database_url, "treaty_events", "treaties", "load", unoda)

    _integrity_ok(database_url)
    assert (_scalar(database_url, events), _scalar(database_url, imports)) == before
    assert _nonpro(database_url, "treaties", "status", "France", "--json").stdout == npt_before
    again = _nonpro(database_url, "treaties", "load", unoda)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _scalar(database_url, events) > before[0]
