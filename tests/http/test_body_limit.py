"""Request bodies are capped before anything reads them: by the declared length, or by counting
a body streamed without one; the real app applies the cap before sign-in and form parsing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.http.body_limit import BodyLimitMiddleware
from nonpro.migrations import runner

CAP = 1_000


class Recorder:
    """An app that reads the whole body and says how much it got; ``called`` if it ran at all."""

    def __init__(self) -> None:
        self.called = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.called = True
        body = await Request(scope, receive).body()
        await PlainTextResponse(f"read {len(body)}")(scope, receive, send)


def _client(inner: Recorder) -> TestClient:
    return TestClient(BodyLimitMiddleware(inner, max_bytes=CAP))


def _chunks(total: int, size: int = 100) -> Iterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def test_a_declared_length_over_the_cap_is_refused_unread() -> None:
    inner = Recorder()
    response = _client(inner).post("/api/anything", content=b"x" * (CAP + 1))
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["error"]["message"]
    assert not inner.called


def test_a_streamed_body_is_counted_and_refused_past_the_cap() -> None:
    inner = Recorder()
    response = _client(inner).post("/page", content=_chunks(CAP * 3))  # chunked: no length
    assert response.status_code == 413
    assert "larger than the server accepts" in response.text


def test_bodies_within_the_cap_pass_whole() -> None:
    client = _client(Recorder())
    assert client.post("/x", content=b"x" * CAP).text == f"read {CAP}"
    assert client.post("/x", content=_chunks(CAP)).text == f"read {CAP}"


def _capped_app(tmp_path: Path) -> TestClient:
    engine = make_engine(f"sqlite:///{tmp_path / 'capped.db'}")
    runner.upgrade(engine)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'capped.db'}",
        secret_key="capped-secret-" + "x" * 32,
        warm_index=False,
        max_body_bytes=4096,
    )
    return TestClient(create_app(settings, engine))


def test_the_app_refuses_a_large_body_before_sign_in_and_form_parsing(tmp_path: Path) -> None:
    with _capped_app(tmp_path) as client:
        # No token: without the cap this is a 401; the cap answers first.
        api = client.post("/api/screen", json={"name": "x" * 5000})
        assert api.status_code == 413 and api.json()["error"]["field"] == "body"
        page = client.post("/signin", data={"username": "u", "password": "p" * 5000})
        assert page.status_code == 413
        streamed = client.post(
            "/api/screen",
            content=_chunks(10_000),
            headers={"Content-Type": "application/json"},
        )
        assert streamed.status_code == 413 and streamed.json()["error"]["field"] == "body"
        assert client.post("/api/screen", json={"name": "x"}).status_code == 401
