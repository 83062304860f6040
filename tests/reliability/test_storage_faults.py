"""The database going wrong under the server: the health check says so, and requests fail with a
clear 503 and a log line, never a crash or a silently empty database.

- ``/api/health`` is 503 with the reason when the database is missing, read-only or unmigrated.
- A server whose SQLite file is deleted answers 503 (JSON under /api, a page elsewhere), and does
  not go on writing to the deleted file.
(``nonpro serve`` refusing a mistyped SQLite path: tests/cli/test_platform_cli.py.)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner


def _migrated(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        runner.upgrade(engine)
    finally:
        engine.dispose()


@contextmanager
def _server(url: str) -> Iterator[TestClient]:
    engine: Engine = make_engine(url, create_missing=False)
    settings = Settings(
        database_url=url, secret_key="test-secret-key-" + "x" * 32, warm_index=False
    )
    try:
        with TestClient(create_app(settings, engine), raise_server_exceptions=False) as client:
            yield client
    finally:
        engine.dispose()


def _unavailable_because(client: TestClient) -> str:
    answer = client.get("/api/health")
    assert answer.status_code == 503, answer.text
    body = answer.json()
    assert body["status"] == "unavailable"
    reason: str = body["reason"]
    return reason


def test_health_is_ok_on_a_migrated_writable_database(tmp_path: Path) -> None:
    _migrated(tmp_path / "ok.db")
    with _server(f"sqlite:///{tmp_path / 'ok.db'}") as client:
        answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["migrated"] is True


def test_health_is_503_on_an_unmigrated_database(tmp_path: Path) -> None:
    make_engine(f"sqlite:///{tmp_path / 'empty.db'}").connect().close()  # an empty file
    with _server(f"sqlite:///{tmp_path / 'empty.db'}") as client:
        assert "nonpro db upgrade" in _unavailable_because(client)


def test_health_is_503_on_a_read_only_database(tmp_path: Path) -> None:
    _migrated(tmp_path / "ro.db")
    with _server(f"sqlite:///file:{tmp_path / 'ro.db'}?mode=ro&uri=true") as client:
        assert "read-only" in _unavailable_because(client)


def test_a_deleted_database_file_is_a_503_with_a_log_line_not_a_500(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "gone.db"
    _migrated(path)
    with _server(f"sqlite:///{path}") as client:
        assert client.get("/api/health").status_code == 200  # a pooled connection is open
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        assert str(path) in _unavailable_because(client)
        with caplog.at_level(logging.ERROR, logger="nonpro.app"):
            api = client.get("/api/cases", headers={"Authorization": "Bearer np_whatever"})
            page = client.get("/signin")  # the form itself needs no database
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token is not None
            form = {"csrf_token": token[1], "username": "ana", "password": "x" * 12}
            signin = client.post("/signin", data=form)
    assert api.status_code == 503 and api.json()["error"]["type"] == "StorageUnavailable"
    assert api.headers["x-content-type-options"] == "nosniff"
    assert signin.status_code == 503 and "database cannot be used" in signin.text
    assert signin.headers["retry-after"] == "5"
    assert "database unavailable for GET /api/cases" in caplog.text
    assert not path.exists()  # not recreated empty behind the administrator's back
