"""Run ``nonpro`` commands through the real entry point on a fresh embedded database."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nonpro.cli import context
from nonpro.cli.main import run
from nonpro.core.settings import get_settings

Invoke = Callable[..., tuple[int, str]]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "cli.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NONPRO_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    context.engine.cache_clear()
    yield path
    context.engine().dispose()
    get_settings.cache_clear()
    context.engine.cache_clear()


@pytest.fixture
def invoke(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str]]:
    """Run ``nonpro ARGS`` through the real entry point; return the exit code and all output."""

    def call(*args: str, stdin: str | None = None) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        try:
            run(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return call
