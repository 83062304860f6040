"""``nonpro unroca`` on a fresh database: record, list, background, report, import, mirror."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
from tests.cli.conftest import Invoke

DATA = Path(__file__).resolve().parents[1] / "registers" / "data"
RECORD_12_TANKS = (
    "unroca",
    "record",
    "--direction",
    "export",
    "--year",
    "2023",
    "--category",
    "I",
    "--partner",
    "Poland",
    "--number",
    "12",
)


def test_record_report_import_and_mirror(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke(*RECORD_12_TANKS, "--description", "M1A1 Abrams", "--json")
    assert code == 0, out
    recorded = json.loads(out)
    assert (recorded["exporter"], recorded["importer"], recorded["number_of_items"]) == (
        "USA",
        "POL",
        12,
    )
    code, out = invoke(
        "unroca",
        "background",
        "--year",
        "2023",
        "--kind",
        "holdings",
        "--category",
        "I",
        "--number",
        "2500",
    )
    assert code == 0, out
    code, out = invoke("unroca", "list", "--year", "2023", "--json")
    assert [t["description"] for t in json.loads(out)] == ["M1A1 Abrams"]

    report_csv, report_docx = tmp_path / "usa-2023.csv", tmp_path / "usa-2023.docx"
    code, out = invoke("unroca", "report", "2023", "--out", str(report_csv))
    assert code == 0, out
    assert "1 transfers" in out
    rows = list(csv.DictReader(io.StringIO(report_csv.read_text("utf-8"))))
    (tanks,) = [r for r in rows if r["Category"] == "I. Battle tanks" and r["Form"] == "exports"]
    assert (tanks["Final importer/exporter State(s)"], tanks["Number of items"]) == ("Poland", "12")
    code, out = invoke("unroca", "report", "2023", "--format", "docx", "--out", str(report_docx))
    assert code == 0, out
    cells = [c.text for c in docx.Document(str(report_docx)).tables[0].rows[1].cells]
    assert cells[:3] == ["I. Battle tanks", "Poland", "12"]

    code, out = invoke(
        "unroca", "import", str(DATA / "pol-2023.csv"), "--state", "POL", "--year", "2023", "--json"
    )
    assert code == 0, out
    assert json.loads(out)["counts"]["transfers"] == 3
    code, out = invoke("unroca", "import-sipri", str(DATA / "sipri-small.csv"))
    assert code == 0, out
    assert "transfers 6" in out
    code, out = invoke("unroca", "mirror", "--year", "2023", "--state", "USA", "--json")
    assert code == 0, out
    (row,) = json.loads(out)["rows"]
    assert (row["status"], row["exporter_side"]["number"], row["importer_side"]["number"]) == (
        "numbers_differ",
        12,
        10,
    )
    assert row["sipri_number"] == 12
    code, out = invoke("unroca", "mirror", "--year", "2023")
    words = " ".join(out.split())  # the console wraps lines where the data file's path ends
    assert "numbers_differ" in words and "The numbers differ by 2." in words


def test_bad_input_names_the_option(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    base = list(RECORD_12_TANKS)
    code, out = invoke(*base[:-1], "-3")
    assert code == 2
    assert "error: --number: Input should be greater than or equal to 0" in out
    code, out = invoke(*[("Atlantis" if a == "Poland" else a) for a in base])
    assert (code, "error: --partner: 'Atlantis' is not a state nonpro knows" in out) == (2, True)
    code, out = invoke(*[("IX" if a == "I" else a) for a in base])
    assert code == 2 and "error: --category:" in out
    code, out = invoke("unroca", "report", "2023", "--format", "pdf", "--out", "x.pdf")
    assert code == 2 and "error: --format:" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("not,a,report\n")
    code, out = invoke("unroca", "import", str(broken), "--state", "POL", "--year", "2023")
    assert code == 1 and f"{broken}, line 1: the header row must be" in out
