"""Text a command takes inline or from a file, and the dates it must be given; errors name
the option, so the user sees which one to fix. (Optional dates: ``core.validation.parse_day``.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day


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


def required_day(value: str, field: str) -> date:
    """A ``YYYY-MM-DD`` option the command cannot do without."""
    parsed = parse_day(value, field)
    if parsed is None:
        raise InvalidInput(field, "a date is required (use YYYY-MM-DD)")
    return parsed
