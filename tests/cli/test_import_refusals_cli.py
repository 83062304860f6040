"""The imports on the command line with a bad row among good ones: exit 0 with the refused
rows' table and a warning; --strict exits 2 and stores nothing (issue 19 item 10)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke

TREATY_CSV = (
    "state,instrument,event,date,source\n"
    "FRA,MTCR,admission,1987-04-16,mtcr.info\n"
    "IND,MTCR,admission,2016-06-32,mtcr.info\n"
)
CSIS = (
    '[{"type": "Missile Provocation", "event": "SRBM", "date": "2020-03-02"},'
    ' {"type": "Missile Provocation", "event": "SRBM", "date": "1974-01-32"}]'
)


def test_treaties_load_reports_the_bad_row(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    path = tmp_path / "regimes.csv"
    path.write_text(TREATY_CSV)
    code, out = invoke("treaties", "load", "--strict", str(path))
    assert code == 2 and "nothing stored; 1 row could not be read: line 3, column 'date'" in out
    assert "rows refused" in out  # the table of every refused row, on stderr
    code, out = invoke("treaties", "load", str(path))
    assert code == 0, out
    assert "2 rows read: 1 stored, 1 refused" in out
    assert "line 3" in out and "date" in out and "'2016-06-32' is not YYYY-MM-DD" in out
    assert "warning: 1 row(s) of" in out
    code, out = invoke("treaties", "load", "--json", str(tmp_path / "regimes.csv"))
    assert code == 0  # unchanged file: nothing replaced; stdout is one JSON document
    found, _ = json.JSONDecoder().raw_decode(out)  # stderr (the spinner) follows it here
    assert found["unchanged"] is True


def test_programs_load_reports_the_bad_record(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0
    path = tmp_path / "north_korea_provocations.json"
    path.write_text(CSIS)
    code, out = invoke("programs", "load", "--strict", str(path))
    assert code == 2 and "record 2" in out
    code, out = invoke("programs", "load", str(path))
    assert code == 0, out
    assert "2 rows read: 1 stored, 1 refused" in out and "record 2" in out
    code, out = invoke("programs", "imports", "--json")
    [loaded] = json.loads(out)
    assert loaded["counts"]["refused_rows"] == 1


def test_arms_imports_report_the_bad_row(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    data = Path(__file__).resolve().parents[1] / "registers" / "data"
    path = tmp_path / "pol.csv"
    path.write_text((data / "pol-2023.csv").read_text().replace(",10,", ",ten,"))
    args = ("unroca", "import", str(path), "--state", "POL", "--year", "2023")
    code, out = invoke(*args, "--strict")
    assert code == 2 and "line 3, column 'Number of items'" in out
    code, out = invoke(*args, "--json")
    assert code == 0
    found, _ = json.JSONDecoder().raw_decode(out)  # the warning, on stderr, follows it here
    assert found["counts"]["refused_rows"] == 1 and found["report"]["rows_refused"] == 1
    code, out = invoke("unroca", "mirror", "--year", "2023")
    assert "incomplete: POL report for 2023: 1 row(s) refused on import" in out
