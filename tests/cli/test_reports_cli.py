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
    # No marking chosen and none configured: refused, naming the field; nothing written.
    assert code == 2 and "marking: no marking set" in out and not figures.exists()
    code, out = invoke(
        "report",
        "annual",
        "--year",
        "2022",
        "--format",
        "json",
        "--out",
        str(figures),
        "--marking",
        "unclassified",
    )
    assert code == 0, out
    body = json.loads(figures.read_text())
    prk = body["countries"][0]
    assert body["year"] == 2022 and prk["country"] == "PRK"
    assert body["marking"] == {"scheme": "unclassified", "banner": "UNCLASSIFIED", "draft": []}
    assert prk["flight_tests"] == cns_year(shared_data, 2022)[0]
    assert prk["by_class"]["ICBM"] == cns_year(shared_data, 2022)[2]["ICBM"]
    again = tmp_path / "again.json"
    assert (
        invoke(
            "report",
            "annual",
            "--year",
            "2022",
            "--format",
            "json",
            "--out",
            str(again),
            "--marking",
            "unclassified",
        )[0]
        == 0
    )
    assert again.read_bytes() == figures.read_bytes()

    pdf, word = tmp_path / "annual.pdf", tmp_path / "annual.docx"
    assert (
        invoke("report", "annual", "--year", "2022", "--out", str(pdf), "--marking", "cui")[0] == 0
    )
    assert (
        invoke(
            "report",
            "annual",
            "--year",
            "2022",
            "--format",
            "docx",
            "--out",
            str(word),
            "--marking",
            "cui",
        )[0]
        == 0
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "North Korea" in text and "(CUI) Summary across countries of concern" in text
    assert text.startswith("CUI")
    written = docx.Document(io.BytesIO(word.read_bytes()))
    headings = [p.text for p in written.paragraphs]
    assert "2. North Korea" in headings and "7. MTCR and HCOC developments" in headings
    assert [p.text for p in written.sections[0].header.paragraphs] == ["CUI"]

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
        "--marking",
        "unclassified",
        "--expenses",
        "$2,500",
    )
    assert code == 0 and "final" in out
    html = (tmp_path / "e.html").read_text()
    assert "Executive Order 12938" in html and "$2,500.00" in html
    code, out = invoke(
        "report",
        "emergency",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--final",
        "--marking",
        "unclassified",
        "--out",
        str(tmp_path / "draft.pdf"),
    )
    assert code == 2 and "expenses: a final report cannot be made yet" in out
    code, out = invoke(
        "report",
        "emergency",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--expenses",
        "lots",
        "--marking",
        "unclassified",
    )
    assert code == 2 and "expenses" in out
    code, out = invoke(
        "report", "emergency", "--from", "2025-06-30", "--to", "2025-01-01", "--marking", "cui"
    )
    assert code == 2 and "before" in out
    code, out = invoke(
        "report",
        "country",
        "Iran",
        "--format",
        "docx",
        "--out",
        str(tmp_path / "iran.docx"),
        "--marking",
        "unclassified",
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
