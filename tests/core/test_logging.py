"""The one logging configuration: level and format from the settings, records on standard error,
JSON lines that parse and carry the record's fields, and bad settings named."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from rich.console import Console
from rich.progress import Progress

from nonpro.core.errors import ConfigurationError
from nonpro.core.logging import QUIET_LIBRARIES, configure_logging, without_query_strings
from nonpro.core.settings import Settings, load_settings

logger = logging.getLogger("nonpro.tests.logging")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """configure_logging changes the process's root logger: put back what pytest set up."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    touched = [logging.getLogger(name) for name in ("uvicorn", *QUIET_LIBRARIES)]
    levels = [(named, named.level, named.handlers[:], named.propagate) for named in touched]
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for named, old_level, old_handlers, propagate in levels:
        named.setLevel(old_level)
        named.handlers[:] = old_handlers
        named.propagate = propagate


def test_json_lines_parse_and_carry_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_format="json"))
    logger.info("list %s loaded", "un", extra={"source": "un", "entries": 1003})
    try:
        raise ValueError("broken file")
    except ValueError:
        logger.exception("load failed")
    captured = capsys.readouterr()
    assert captured.out == ""
    first, second = (json.loads(line) for line in captured.err.splitlines())
    assert first["level"] == "INFO" and first["logger"] == "nonpro.tests.logging"
    assert first["message"] == "list un loaded"
    assert (first["source"], first["entries"]) == ("un", 1003)
    assert first["time"].endswith("+00:00") and "T" in first["time"]
    assert "exception" not in first
    assert second["level"] == "ERROR" and second["message"] == "load failed"
    assert "ValueError: broken file" in second["exception"]


def test_text_lines_are_for_people_and_respect_the_level(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(Settings(log_level="WARNING"))
    logger.info("not shown")
    logger.warning("disk %s", "full", extra={"free": 0})
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith(" WARNING nonpro.tests.logging: disk full")
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)


def test_chatty_libraries_are_held_to_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_level="DEBUG"))
    logging.getLogger("httpx").info("HTTP Request: GET https://lists.example/un.xml?key=secret")
    logging.getLogger("uvicorn.error").info("Started server process")
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith(" INFO uvicorn.error: Started server process")


def test_uvicorns_coloured_copy_of_its_message_is_not_a_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(Settings(log_format="json"))
    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]", 7, extra={"color_message": "Started [\x1b[36m%d\x1b[0m]"}
    )
    entry = json.loads(capsys.readouterr().err)
    assert entry["message"] == "Started server process [7]" and "color_message" not in entry


def test_logs_written_during_a_progress_bar_appear_above_it() -> None:
    """The handler finds standard error when it writes, so Rich's live display can route the line
    through its own console instead of tearing the bar."""
    configure_logging(Settings())
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with Progress(console=console) as progress:
        progress.add_task("loading", total=None)
        logger.info("between the bars")
    assert "between the bars" in console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("variable", "value"), [("NONPRO_LOG_LEVEL", "LOUD"), ("NONPRO_LOG_FORMAT", "xml")]
)
def test_bad_log_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    assert caught.value.field == variable
    assert "Input should be" in caught.value.problem


def test_log_settings_accept_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NONPRO_LOG_LEVEL", "debug")
    monkeypatch.setenv("NONPRO_LOG_FORMAT", "JSON")
    settings = load_settings()
    assert (settings.log_level, settings.log_format) == ("DEBUG", "json")


def test_query_strings_are_cut_from_urls() -> None:
    text = "un: download from https://lists.example/un.xml?key=s3cret&x=1 failed: HTTP 403"
    assert without_query_strings(text) == (
        "un: download from https://lists.example/un.xml?… failed: HTTP 403"
    )
    assert without_query_strings("/data/lists/un_2026-02") == "/data/lists/un_2026-02"
