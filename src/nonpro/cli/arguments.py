"""Text a command takes inline or from a file; errors name the option, so the user sees which
one to fix. (Dates: ``nonpro.core.validation.parse_day``.)"""

from __future__ import annotations

from pathlib import Path

from nonpro.core.errors import InvalidInput


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
