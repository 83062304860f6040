"""A CSV file sent to the API, read as text for the register imports that take text."""

from __future__ import annotations

from fastapi import UploadFile

from nonpro.core.errors import InvalidInput


def csv_text(file: UploadFile) -> tuple[str, str]:
    """The file's text and the origin to record for it (``upload:<name>``)."""
    name = file.filename or "upload.csv"
    try:
        return file.file.read().decode("utf-8"), f"upload:{name}"
    except UnicodeDecodeError:
        raise InvalidInput("file", "send a UTF-8 CSV file") from None
