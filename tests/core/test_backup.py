"""Backup and restore round trips on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from tests.conftest import _drop_postgres_schema, _postgres_schema_engine, postgres_available

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import UserIn, local_operator
from nonpro.core import audit
from nonpro.core.backup import backup, restore
from nonpro.core.db import make_engine
from nonpro.core.errors import InvalidInput
from nonpro.migrations import runner

OPERATOR = local_operator("pytest")


def _add_user(engine: Engine, name: str) -> None:
    with Session(engine) as session:
        accounts.create_user(
            UserIn(username=name, role=Role.VIEWER, password="a long enough password"),
            session=session,
            actor=OPERATOR,
        )
        session.commit()


def _usernames(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(User.username)))


def _round_trip(engine: Engine, tmp_path: Path) -> None:
    runner.upgrade(engine)
    _add_user(engine, "before")
    saved = backup(engine, tmp_path / "nonpro.backup")
    _add_user(engine, "after")
    assert _usernames(engine) == {"before", "after"}
    restore(engine, saved)
    assert _usernames(engine) == {"before"}
    with Session(engine) as session:
        assert audit.verify_chain(session).intact


def test_sqlite_round_trip(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'live.db'}")
    _round_trip(engine, tmp_path)
    engine.dispose()


def test_postgresql_round_trip(tmp_path: Path) -> None:
    if not postgres_available():
        pytest.skip("POSTGRESQL NOT REACHABLE: backup round trip not run")
    engine, schema = _postgres_schema_engine()
    try:
        _round_trip(engine, tmp_path)
    finally:
        engine.dispose()
        _drop_postgres_schema(schema)


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'live.db'}")
    runner.upgrade(engine)
    junk = tmp_path / "junk.backup"
    junk.write_text("not a database")
    with pytest.raises(InvalidInput, match="not an SQLite database"):
        restore(engine, junk)
    assert runner.is_up_to_date(engine)  # untouched
    with pytest.raises(InvalidInput, match="exists"):
        backup(engine, junk)
    engine.dispose()
