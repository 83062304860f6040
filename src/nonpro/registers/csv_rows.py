"""Reading the registers' CSV imports (agreements, UNGA votes) so every problem names the file,
the line and the column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RowProblems
from nonpro.registers.errors import UnreadableRegisterFile

Row = tuple[int, dict[str, str]]


def read_rows(
    text: str,
    *,
    origin: str,
    required: Iterable[str],
    allowed: Iterable[str],
    problems: RowProblems,
) -> list[Row]:
    """The rows of a CSV text with their line numbers (the header is line 1).

    Lines starting with ``#`` before the header and blank lines are skipped, so a file can say
    where its data comes from. An unknown or missing column is refused before any row is read;
    a row with more values than columns goes to ``problems``.
    """
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].startswith("#")):
        skipped += 1
    reader = csv.DictReader(io.StringIO("".join(lines[skipped:])))
    try:
        return _rows(
            reader,
            origin=origin,
            skipped=skipped,
            required=required,
            allowed=allowed,
            problems=problems,
        )
    except csv.Error as problem:  # a stray carriage return, a NUL byte, a quote left open
        line = skipped + reader.line_num
        raise UnreadableRegisterFile(origin, f"not readable as CSV: {problem}", line) from None


def _rows(
    reader: csv.DictReader[str],
    *,
    origin: str,
    skipped: int,
    required: Iterable[str],
    allowed: Iterable[str],
    problems: RowProblems,
) -> list[Row]:
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise UnreadableRegisterFile(origin, "the file is empty: no header line")
    header_line = skipped + 1
    unknown = [name for name in header if name not in set(allowed)]
    if unknown:
        raise UnreadableRegisterFile(
            origin, f"column {unknown[0]!r} is not one of {', '.join(allowed)}", header_line
        )
    missing = [name for name in required if name not in header]
    if missing:
        raise UnreadableRegisterFile(origin, f"column {missing[0]!r} is missing", header_line)
    reader.fieldnames = header
    rows: list[Row] = []
    for raw in reader:
        line = header_line + reader.line_num - 1
        if None in raw:
            problems.add(f"line {line}", "", "more values than columns")
            continue
        cleaned = {k: (v or "").strip() for k, v in raw.items()}
        if any(cleaned.values()):
            rows.append((line, cleaned))
    return rows


def parse_int(text: str, field: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a whole number") from None
