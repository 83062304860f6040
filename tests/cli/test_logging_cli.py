"""A command logs to standard error under the one configuration: list loads and failed loads
as JSON lines with their fields when NONPRO_LOG_FORMAT=json, standard output left alone."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from nonpro.cli.main import run
from nonpro.core.settings import get_settings


@pytest.fixture
def json_logs(database: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NONPRO_LOG_FORMAT", "json")
    get_settings.cache_clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _nonpro(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, list[dict[str, object]]]:
    """Run a command; its standard output, and the JSON records it wrote to standard error."""
    with contextlib.suppress(SystemExit):  # a failed command exits; its logs are the point
        run(list(args))
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.err.splitlines() if line.startswith("{")]
    return captured.out, records


def test_a_list_load_and_a_failed_load_are_logged(
    json_logs: None, capsys: pytest.CaptureFixture[str], shared_data: Path, tmp_path: Path
) -> None:
    _nonpro(capsys, "db", "upgrade")
    un = shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml"
    out, records = _nonpro(capsys, "lists", "load", str(un))
    [loaded] = [r for r in records if r["logger"] == "nonpro.screening.snapshots"]
    assert loaded["level"] == "INFO"
    assert (loaded["source"], loaded["entries"], loaded["unchanged"]) == ("un", 1003, False)
    assert loaded["publication_date"] == "2026-02-27" and loaded["origin"] == str(un)
    assert isinstance(loaded["duration_ms"], float) and loaded["duration_ms"] > 0
    assert '"logger"' not in out and "un: 1003 entries" in out

    broken = tmp_path / "UN_consolidated.xml"
    broken.write_bytes(un.read_bytes()[:50_000])
    _, records = _nonpro(capsys, "lists", "load", str(broken), "--source", "un")
    [failed] = [r for r in records if r["logger"] == "nonpro.screening.snapshots"]
    assert failed["level"] == "ERROR" and failed["source"] == "un"
    assert str(broken) in str(failed["problem"])
