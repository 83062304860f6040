"""The security probe (bench/probe_security.py) keeps working: its table covers issue 19, and
its cheapest probes run against a real server and print the lines the integrator quotes.

The server here is uvicorn in a thread of the test, on a migrated SQLite file: probe 18
(headers and /docs, no account needed) speaks HTTP to it over a socket as it would to
`nonpro serve` (probe 11 is left out: its 64 MiB body is not cheap). Whether it prints HELD
or FAILED depends on the build; what is asserted is that it reaches a verdict about the
server, not that the server passes.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from bench import probe_security
from bench.security_probes.world import Target, World

from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner
from tests.reliability.live_server import free_port

LINE = re.compile(r"^(HELD   |FAILED |SKIPPED )(\d+)\. .+ — .+$")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("probe") / "nonpro.db"
    engine = make_engine(f"sqlite:///{database}")
    runner.upgrade(engine)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        secret_key="probe-test-secret-key-" + "x" * 32,
        warm_index=False,
    )
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, engine), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


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
    verdicts = {int(m.group(2)): m.group(1).strip() for m in map(LINE.match, lines[:-1]) if m}
    assert len(verdicts) == 2, lines
    assert verdicts[18] in ("HELD", "FAILED"), lines  # it spoke to the server
    assert verdicts[1] == "SKIPPED", lines  # no account to probe with: said, not guessed
    assert re.fullmatch(r"held [01] of 1 probes \(1 skipped\)", lines[-1]), lines


def test_base_url_with_no_server_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()  # nothing listens on it
    assert probe_security.main(["--base-url", f"http://127.0.0.1:{port}", "--only", "18"]) == 2
    assert "no server answers" in capsys.readouterr().err
