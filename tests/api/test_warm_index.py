"""A server worker builds the screening index as it starts, before anyone screens."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner
from nonpro.screening import snapshots


def test_the_index_is_built_at_start_up(
    tmp_path: Path, shared_data: Path, operator: Principal
) -> None:
    url = f"sqlite:///{tmp_path / 'warm.db'}"
    engine = make_engine(url)
    runner.upgrade(engine)
    with Session(engine) as session:
        snapshots.load_from_path(
            shared_data / "lists/un_2026-02",
            source=None,
            origin="test",
            session=session,
            actor=operator,
        )
        session.commit()
    app = create_app(Settings(database_url=url, secret_key="warm-" + "x" * 40), engine)
    with TestClient(app):
        deadline = time.monotonic() + 60
        while app.state.index_provider._loaded is None and time.monotonic() < deadline:
            time.sleep(0.05)
        loaded = app.state.index_provider._loaded
        assert loaded is not None and "un" in loaded.index.snapshots
    engine.dispose()


def test_a_failed_warm_up_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("scorer library missing")

    monkeypatch.setattr("nonpro.app.warm_up_matching", broken)
    caplog.set_level(logging.INFO, logger="nonpro.app")
    url = f"sqlite:///{tmp_path / 'cold.db'}"
    engine = make_engine(url)
    app = create_app(Settings(database_url=url, secret_key="cold-" + "x" * 40), engine)
    with TestClient(app):
        deadline = time.monotonic() + 60
        while not _failures(caplog) and time.monotonic() < deadline:
            time.sleep(0.05)
    engine.dispose()
    [record] = _failures(caplog)
    assert "warm-up failed" in record.getMessage()
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)
    assert "scorer library missing" in caplog.text


def _failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    # Only errors: the warm-up thread of the test before may still be logging its success.
    return [r for r in caplog.records if r.name == "nonpro.app" and r.levelno >= logging.ERROR]
