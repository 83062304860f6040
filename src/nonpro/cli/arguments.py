"""What a user types on the command line, made into values: a date, or text given inline or in a
file. Errors name the option, so the user sees which one to fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nonpro.core.errors import InvalidInput


def parse_day(text: str | None, field: str) -> date | None:
    """``YYYY-MM-DD`` → the date; nothing given → ``None``."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a date (YYYY-MM-DD)") from None


def read_text(path: Path, field: str) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise InvalidInput(field, f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput(field, f"cannot read {path}: not UTF-8 text") from None


def text_or_file(text: str | None, path: Path | None, field: str) -> str | None:
    """A text option, or the file its ``--…-file`` companion names (the file wins)."""
    return text if path is None else read_text(path, field)
