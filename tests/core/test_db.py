"""Engines: SQLite in WAL mode with foreign keys; connection failures name the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from nonpro.core.db import check_connection, make_engine
from nonpro.core.errors import ConfigurationError


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
