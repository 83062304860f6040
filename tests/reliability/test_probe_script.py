"""The security probe (bench/probe_security.py) keeps working: its table covers issue 19, the
probes that need no account reach a verdict about nonpro as it is, and they report HELD for a
small server that does what the issue asks.

The servers here are uvicorn in a thread of the test: the probes speak HTTP to them over a
socket as they would to `nonpro serve`. Against nonpro, whether probe 18 prints HELD or FAILED
depends on the build, so what is asserted is that it reaches a verdict; against the
conforming server, probes 11 (body caps) and 18 (headers, /docs) must print HELD.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from bench import probe_security
from bench.security_probes.world import Target, World
from starlette.types import ASGIApp, Receive, Scope, Send

from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner
from tests.reliability.live_server import free_port

LINE = re.compile(r"^(HELD   |FAILED |SKIPPED )(\d+)\. .+ — .+$")


@contextmanager
def serving(app: ASGIApp) -> Iterator[str]:
    """``app`` on a free port of 127.0.0.1, in a thread of the test; its URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nonpro as it is, on a migrated SQLite file."""
    database = tmp_path_factory.mktemp("probe") / "nonpro.db"
    engine = make_engine(f"sqlite:///{database}")
    runner.upgrade(engine)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        secret_key="probe-test-secret-key-" + "x" * 32,
        warm_index=False,
    )
    with serving(create_app(settings, engine)) as url:
        yield url
    engine.dispose()


CAP = 1 << 20
HEADERS = [
    (b"content-security-policy", b"default-src 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"content-type", b"text/html"),
]


async def conforming(scope: Scope, receive: Receive, send: Send) -> None:
    """What issue 19 asks of a server, as small as it gets: bodies over CAP refused with 413
    before they are read (declared) or as soon as they pass it (chunked), the security headers
    on every answer, /docs with its one asset served here."""

    async def answer(status: int, body: bytes = b"") -> None:
        await send({"type": "http.response.start", "status": status, "headers": HEADERS})
        await send({"type": "http.response.body", "body": body})

    declared = dict(scope["headers"]).get(b"content-length", b"0")
    if int(declared) > CAP:
        return await answer(413)
    received = 0
    while (message := await receive())["type"] == "http.request":
        received += len(message.get("body", b""))
        if received > CAP:
            return await answer(413)
        if not message.get("more_body"):
            break
    pages = {"/docs": b'<script src="/static/docs.js"></script>', "/static/docs.js": b"1;"}
    if scope["path"] in pages:
        return await answer(200, pages[scope["path"]])
    return await answer(404)


def _verdicts(output: str) -> dict[int, str]:
    lines = output.splitlines()
    return {int(m.group(2)): m.group(1).strip() for m in map(LINE.match, lines[:-1]) if m}


def test_a_server_that_does_what_the_issue_asks_is_reported_held(
    capsys: pytest.CaptureFixture[str],
) -> None:
    probes = [p for p in probe_security.PROBES if p.number in (11, 18)]
    with serving(conforming) as url:
        probe_security.report(probes, World(Target(url, None, None), "test02"))
    output = capsys.readouterr().out
    assert _verdicts(output) == {11: "HELD", 18: "HELD"}, output
    assert output.splitlines()[-1] == "held 2 of 2 probes (0 skipped)"


def test_the_table_has_one_probe_per_item_of_issue_19() -> None:
    numbers = [probe.number for probe in probe_security.PROBES]
    assert sorted(numbers) == list(range(1, 19))
    assert numbers[-1] == 16, "the probe that removes the database runs last"


def test_the_probes_that_need_no_account_reach_a_verdict(
    served: str, capsys: pytest.CaptureFixture[str]
) -> None:
    probes = [p for p in probe_security.PROBES if p.number in (18, 1)]
    probe_security.report(probes, World(Target(served, None, None), "test01"))
    lines = capsys.readouterr().out.splitlines()
    verdicts = _verdicts("\n".join(lines))
    assert len(verdicts) == 2, lines
    assert verdicts[18] in ("HELD", "FAILED"), lines  # it spoke to the server
    assert verdicts[1] == "SKIPPED", lines  # no account to probe with: said, not guessed
    assert re.fullmatch(r"held [01] of 1 probes \(1 skipped\)", lines[-1]), lines


def test_base_url_with_no_server_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()  # nothing listens on it
    assert probe_security.main(["--base-url", f"http://127.0.0.1:{port}", "--only", "18"]) == 2
    assert "no server answers" in capsys.readouterr().err
