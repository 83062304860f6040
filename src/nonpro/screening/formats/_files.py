"""Opening list files: text decoding, gzip, and turning low-level failures into ListParseError."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from nonpro.screening.errors import ListParseError


def read_text(path: Path) -> str:
    """The whole file as text: gunzipped if needed, UTF-8 (with or without BOM) or else
    Windows-1252 (older OFAC and BIS files), without the DOS end-of-file byte (0x1A)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ListParseError(path, None, f"cannot be read: {error.strerror or error}") from error
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise ListParseError(path, None, f"is not a readable gzip file: {error}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.rstrip("\x1a\r\n \t") + "\n" if text.strip("\x1a\r\n \t") else ""


def csv_rows(
    path: Path, text: str, *, columns: int | None, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-blank row; a row with the wrong number of cells is an
    error that names its line, since a shifted column would silently put a name in a date."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip("\x1a \t")):
                continue
            if columns is not None and len(row) != columns:
                raise ListParseError(
                    path,
                    f"line {reader.line_num}",
                    f"expected {columns} columns, found {len(row)}",
                )
            yield reader.line_num, row
    except csv.Error as error:
        raise ListParseError(path, f"line {reader.line_num}", f"malformed CSV: {error}") from error


def csv_after_header(
    path: Path, columns: Sequence[str], *, list_name: str, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a published CSV under its header, which must be ``columns`` in order: a file
    laid out otherwise is refused at line 1, naming the columns it lacks."""
    rows = csv_rows(path, read_text(path), columns=len(columns), delimiter=delimiter)
    header = next(rows, None)
    if header is None:
        raise ListParseError(path, None, "is empty")
    if [name.strip() for name in header[1]] != list(columns):
        missing = [name for name in columns if name not in header[1]]
        raise ListParseError(
            path, "line 1", f"not the {list_name} header; missing columns {missing}"
        )
    return rows


@contextmanager
def reading_record(path: Path, location: str) -> Iterator[None]:
    """Turn a failure while building one record (a value pydantic rejects, a number that is not
    a number) into a ListParseError that names the record, instead of a traceback."""
    try:
        yield
    except ListParseError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as error:
        # pydantic's ValidationError is a ValueError; its text names the field.
        problem = " ".join(str(error).split())
        raise ListParseError(path, location, f"record could not be read: {problem}") from error
