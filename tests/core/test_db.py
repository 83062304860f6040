"""Engines: SQLite in WAL mode with foreign keys; connection failures name the setting; a
pooled PostgreSQL connection that went stale while idle is replaced, not handed out; statements
outside a transaction only where asked, and only until the commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from tests.conftest import POSTGRES_URL, postgres_available

from nonpro.core import db
from nonpro.core.db import (
    check_connection,
    make_engine,
    make_session_factory,
    reads_without_transaction,
)
from nonpro.core.errors import ConfigurationError
from nonpro.multilateral.models import Meeting


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_unreachable_server_names_the_setting() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(ConfigurationError) as caught:
        check_connection(engine)
    assert caught.value.field == "NONPRO_DATABASE_URL"
    assert "\n" not in caught.value.message


def test_a_pooled_postgresql_connection_dropped_while_idle_is_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not postgres_available():
        pytest.skip(
            f"POSTGRESQL NOT REACHABLE at {POSTGRES_URL}: the stale-connection test needs a server"
        )
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            dropped = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        with engine.connect() as connection:  # used a moment ago: handed out unpinged
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() == dropped
        admin = make_engine(POSTGRES_URL)
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
        admin.dispose()
        # As if the pooled connection had sat idle past the limit (a server restart meanwhile).
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        with engine.connect() as connection:
            fresh = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        assert fresh != dropped
    finally:
        engine.dispose()


def test_reads_without_transaction_only_where_asked_and_only_until_the_commit(
    engine: Engine,
) -> None:
    def outside_a_transaction(session: Session) -> bool:
        session.execute(text("SELECT 1"))
        connection = session.connection().connection.dbapi_connection
        if engine.dialect.name == "sqlite":
            return not getattr(connection, "in_transaction", True)
        return bool(getattr(connection, "autocommit", False))

    factory = make_session_factory(engine)
    with factory() as session:
        reads_without_transaction(session)
        assert outside_a_transaction(session)
        session.commit()
        # The pooled connection goes back as it was: the next transaction is one again.
        assert not outside_a_transaction(session)
    with factory() as session, session.begin():
        session.execute(text("SELECT 1"))
        reads_without_transaction(session)  # too late: the transaction under way keeps its own
        assert not outside_a_transaction(session)


def test_column_values_are_a_rows_columns_by_attribute_name() -> None:
    meeting = Meeting(title="Board of Governors", start_date=date(2026, 3, 2), agenda=["NPT"])
    values = db.column_values(meeting)
    assert {"id", "body_id", "title", "start_date", "agenda", "created_by"} <= set(values)
    assert values["title"] == "Board of Governors" and values["agenda"] == ["NPT"]
    assert not {"body", "delegates"} & set(values)  # relationships are not columns
