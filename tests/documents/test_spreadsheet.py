"""CSV cells a spreadsheet would run as formulas are written as text; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from nonpro.documents.spreadsheet import SafeDictWriter, csv_text, neutralise, restore


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'],
)
def test_a_formula_text_gets_a_leading_quote_and_reads_back(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert restore(str(neutralise(cell))) == cell


@pytest.mark.parametrize("cell", ["Vienna", "", "1 = 1", "'quoted", "a-b"])
def test_ordinary_text_is_untouched(cell: str) -> None:
    assert neutralise(cell) == cell
    assert restore(cell) == cell


@pytest.mark.parametrize("number", [-5, Decimal("-12.50"), -0.5])
def test_a_negative_number_written_as_a_number_stays_a_number(number: object) -> None:
    assert neutralise(number) is number
    assert csv_text(["n"], [[number]]).splitlines()[1] == str(number)


def test_dict_writer_neutralises_values_not_the_header() -> None:
    out = io.StringIO()
    writer = SafeDictWriter(out, ["-name", "score"])
    writer.writeheader()
    writer.writerow({"-name": "=cmd|' /C calc'!A0", "score": -1})
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["-name", "score"], ["'=cmd|' /C calc'!A0", "-1"]]
