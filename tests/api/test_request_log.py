"""Each request leaves one log record: method, path (never the query string), status, duration,
and the user when one is signed in."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, sign_in

from nonpro.accounts.rules import Role

Bearer = Callable[..., dict[str, str]]
LOGGER = "nonpro.web.request_log"


def _request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER]


def test_an_api_request_is_logged_once_with_its_user(
    client: TestClient, bearer: Bearer, caplog: pytest.LogCaptureFixture
) -> None:
    headers = bearer(Role.ANALYST, "logged-analyst")
    caplog.set_level(logging.INFO, logger=LOGGER)
    response = client.get("/api/me?token=do-not-log-me", headers=headers)
    assert response.status_code == 200
    [record] = _request_records(caplog)
    fields = {name: getattr(record, name) for name in ("method", "path", "status", "user")}
    assert fields == {"method": "GET", "path": "/api/me", "status": 200, "user": "logged-analyst"}
    assert isinstance(record.duration_ms, float) and record.duration_ms >= 0
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert message.startswith("GET /api/me 200 ")
    assert message.endswith(" ms from testclient by logged-analyst")
    assert "do-not-log-me" not in message


def test_a_refused_request_is_logged_without_a_user(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert client.get("/api/me").status_code == 401
    [record] = _request_records(caplog)
    assert (record.method, record.path, record.status, record.user) == (
        "GET",
        "/api/me",
        401,
        None,
    )


def test_a_web_page_is_logged_with_its_user_and_no_form_field(
    client: TestClient, make_user: Callable[..., object], caplog: pytest.LogCaptureFixture
) -> None:
    make_user("logged-alice", Role.ANALYST)
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert sign_in(client, "logged-alice") == 303
    assert client.get("/").status_code == 200
    records = _request_records(caplog)
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", "/signin", 200),
        ("POST", "/signin", 303),
        ("GET", "/", 200),
    ]
    assert records[-1].user == "logged-alice"
    for record in records:
        assert PASSWORD not in record.getMessage() and PASSWORD not in str(vars(record))


def test_a_request_that_fails_is_logged_as_a_500_error(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    assert isinstance(app, FastAPI)

    @app.get("/api/test-only-failure")
    def fail() -> None:
        raise RuntimeError("handler bug")

    caplog.set_level(logging.INFO, logger=LOGGER)
    with pytest.raises(RuntimeError):  # the test client re-raises what the server would log
        client.get("/api/test-only-failure")
    [record] = _request_records(caplog)
    assert (record.path, record.status, record.levelno) == (
        "/api/test-only-failure",
        500,
        logging.ERROR,
    )


def test_a_forwarded_for_header_from_an_untrusted_peer_is_not_logged_as_the_client(
    client: TestClient, bearer: Bearer, caplog: pytest.LogCaptureFixture
) -> None:
    headers = {**bearer(Role.ANALYST, "logged-analyst"), "X-Forwarded-For": "198.51.100.7"}
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert client.get("/api/me", headers=headers).status_code == 200
    [record] = _request_records(caplog)
    assert record.client == "testclient"  # NONPRO_TRUSTED_PROXIES is empty: the peer it is
    assert "198.51.100.7" not in record.getMessage()
