"""``nonpro programs`` and ``nonpro report`` as the report writer types them (journey 6)."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import docx
from tests.cli.conftest import Invoke
from tests.programs.data import cns_year


def test_load_and_annual_report(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("programs", "load", str(shared_data / "missiles"))
    assert code == 0, out
    assert "339 tests" in out and "493 events" in out and "363 transfers" in out
    code, out = invoke("programs", "load", str(tmp_path))
    assert code == 2 and "not a program data set" in out
    code, out = invoke("programs", "tests", "--country", "PRK", "--year", "2023", "--json")
    assert code == 0 and len(json.loads(out)) == cns_year(shared_data, 2023)[0]
    code, out = invoke("programs", "summary", "North Korea", "--as-of", "2024-01-01")
    assert code == 0 and json.loads(out)["tests_by_year"]["2022"] == 69

    figures = tmp_path / "annual-2022.json"
    code, out = invoke(
        "report", "annual", "--year", "2022", "--format", "json", "--out", str(figures)
    )
    assert code == 0, out
    body = json.loads(figures.read_text())
    prk = body["countries"][0]
    assert body["year"] == 2022 and prk["country"] == "PRK"
    assert prk["flight_tests"] == cns_year(shared_data, 2022)[0]
    assert prk["by_class"]["ICBM"] == cns_year(shared_data, 2022)[2]["ICBM"]
    again = tmp_path / "again.json"
    assert (
        invoke("report", "annual", "--year", "2022", "--format", "json", "--out", str(again))[0]
        == 0
    )
    assert again.read_bytes() == figures.read_bytes()

    pdf, word = tmp_path / "annual.pdf", tmp_path / "annual.docx"
    assert invoke("report", "annual", "--year", "2022", "--out", str(pdf))[0] == 0
    assert (
        invoke("report", "annual", "--year", "2022", "--format", "docx", "--out", str(word))[0] == 0
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "North Korea" in text and "Summary across countries of concern" in text
    headings = [p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs]
    assert "2. North Korea" in headings

    code, out = invoke(
        "report",
        "emergency",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--format",
        "html",
        "--out",
        str(tmp_path / "e.html"),
    )
    assert code == 0 and "Executive Order 12938" in (tmp_path / "e.html").read_text()
    code, out = invoke("report", "emergency", "--from", "2025-06-30", "--to", "2025-01-01")
    assert code == 2 and "before" in out
    code, out = invoke(
        "report", "country", "Iran", "--format", "docx", "--out", str(tmp_path / "iran.docx")
    )
    assert code == 0 and "Country Profile: Iran" in out
    code, out = invoke("report", "archive", "--json")
    archived = json.loads(out)
    assert len(archived) == 6 and {a["kind"] for a in archived} == {
        "annual",
        "emergency",
        "country",
    }
    assert archived[-1]["input_hash"] == archived[-2]["input_hash"]  # both JSON runs of 2022
