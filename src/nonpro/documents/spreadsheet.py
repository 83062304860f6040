"""CSV files that a spreadsheet opens safely: no cell of ours runs as a formula.

A spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula (and a
leading tab or carriage return can hide one), so a name or a description typed by someone else
could run ``=HYPERLINK(...)`` or worse on the desk of whoever opens the export ("CSV
injection"). Every CSV the project writes goes through this module, which does what OWASP
advises: such a text cell is written with a single quote in front, which the spreadsheet shows
as text and does not evaluate.

Only text is changed. A number written as a number (``int``, ``Decimal``, ``float``), such as a
negative amount, stays a number: a spreadsheet reads ``-5`` as minus five, never as a formula.
A number that a caller has already turned into text is text, and is neutralised like any text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """``cell`` as written to a CSV: a text a spreadsheet would run gets a leading quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The text ``neutralise`` was given, so a file we exported reads back as it was."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


class SafeWriter:
    """``csv.writer`` whose every row is neutralised."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])


class SafeDictWriter:
    """``csv.DictWriter`` whose every row is neutralised (the header is the caller's)."""

    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        self._writer = csv.DictWriter(stream, columns)

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({key: neutralise(value) for key, value in row.items()})


def csv_text(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file as text: the header row, then the rows, each neutralised."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
