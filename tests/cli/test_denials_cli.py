"""``nonpro denials`` through the real entry point, and the flag in ``nonpro cases show``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke

ADD = (
    "denials",
    "add",
    "--reference",
    "DEU-2025-014",
    "--partner",
    "Germany",
    "--notified-on",
    "2025-06-12",
    "--item",
    "Fibre-optic gyroscope, drift rate stability 0.05 deg/h",
    "--annex-entry",
    "9.A.4",
    "--end-user",
    "Tsukuba Space Instruments K.K.",
    "--country",
    "JP",
    "--source",
    "MTCR POC circular 2025/31",
)


def test_add_list_show_check_withdraw(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    invoke("db", "upgrade")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_json("CLI-1")))
    code, out = invoke("cases", "create", str(path))
    assert code == 0, out
    code, out = invoke("denials", "check", "CLI-1")
    assert code == 0 and "No denial in force matches this case." in out
    code, out = invoke(*ADD)
    assert code == 0, out
    assert "notified by Germany (DEU) on 2025-06-12" in out and "status: in force" in out
    code, out = invoke("denials", "list", "--country", "Japan", "--json")
    assert [d["reference"] for d in json.loads(out)] == ["DEU-2025-014"]
    code, out = invoke("denials", "check", "CLI-1")
    assert code == 0, out
    assert "Consult the notifying partner before approval" in out
    assert "Consult Germany (DEU) before approval" in out
    assert "the same Annex entry 9.A.4" in out
    code, out = invoke("cases", "show", "CLI-1")
    assert "Consult Germany (DEU) before approval" in out
    code, out = invoke("cases", "show", "CLI-1", "--json")
    shown = json.loads(out)
    assert shown["consult_before_approval"] is True
    assert shown["denial_matches"][0]["denial"]["reference"] == "DEU-2025-014"
    code, out = invoke("denials", "withdraw", "DEU-2025-014", "--on", "2026-03-01")
    assert code == 0 and "withdrawn on 2026-03-01" in out
    code, out = invoke("denials", "check", "CLI-1", "--json")
    assert json.loads(out)["consult_before_approval"] is False
    code, out = invoke("denials", "show", "DEU-2025-014", "--json")
    assert json.loads(out)["status"] == "withdrawn"


def test_refusals_name_the_field(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    bad_day = list(ADD)
    bad_day[bad_day.index("2025-06-12")] = "2025-02-30"
    code, out = invoke(*bad_day)
    assert code == 2 and "notified_on" in out
    bad_entry = list(ADD)
    bad_entry[bad_entry.index("9.A.4")] = "2.A.9"
    code, out = invoke(*bad_entry)
    assert code == 2 and "annex_entry" in out and "not an entry of the MTCR Annex" in out
    code, out = invoke(*ADD)
    code, out = invoke(*ADD)
    assert code == 4 and "already in the register" in out
    code, out = invoke("denials", "show", "NOPE")
    assert code == 3


def test_import_reports_bad_rows_by_line_and_column(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    path = tmp_path / "partner.csv"
    path.write_text(
        "reference,notifying_partner,notified_on,item_description,end_user,end_user_country\n"
        "GBR-1,GBR,2025-03-01,Rate table,Acme Aero,Pakistan\n"
        "GBR-2,Atlantis,2025-03-01,Rate table,Acme Aero,Pakistan\n"
    )
    code, out = invoke("denials", "import", str(path))
    assert code == 0, out
    assert "denials: 1 added" in out
    assert "2 rows read: 1 stored, 1 refused" in out
    assert "line 3" in out and "notifying_partner" in out
