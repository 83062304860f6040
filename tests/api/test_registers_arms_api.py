"""The UN Register API: record (officers only), list, report as JSON/CSV/DOCX attachments,
imports by upload, the mirror view; bad input names the field."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role

Bearer = Callable[..., dict[str, str]]
DATA = Path(__file__).resolve().parents[1] / "registers" / "data"
BASE = "/api/registers/arms"
TANKS = {
    "direction": "export",
    "year": 2023,
    "category": "I",
    "partner": "Poland",
    "number_of_items": 12,
    "description": "M1A1 Abrams",
}


def test_record_report_import_and_mirror(client: TestClient, bearer: Bearer) -> None:
    officer, viewer = bearer(Role.MULTILATERAL_OFFICER), bearer(Role.VIEWER)
    assert client.post(f"{BASE}/transfers", json=TANKS, headers=viewer).status_code == 403
    created = client.post(f"{BASE}/transfers", json=TANKS, headers=officer)
    assert created.status_code == 201, created.text
    transfer_id = created.json()["id"]
    edited = client.put(
        f"{BASE}/transfers/{transfer_id}", json={**TANKS, "number_of_items": 13}, headers=officer
    )
    assert edited.json()["number_of_items"] == 13
    listed = client.get(f"{BASE}/transfers", params={"state": "POL", "year": 2023}, headers=viewer)
    assert [t["importer"] for t in listed.json()] == ["POL"]

    report = client.get(f"{BASE}/report/2023", headers=viewer).json()
    (tanks,) = [s for s in report["sections"] if s["form"] == "exports" and s["category"] == "I"]
    assert [(line["state"], line["number_of_items"]) for line in tanks["lines"]] == [("Poland", 13)]
    as_csv = client.get(f"{BASE}/report/2023/download", headers=viewer)
    assert as_csv.headers["content-disposition"] == 'attachment; filename="unroca-USA-2023.csv"'
    assert "exports,I. Battle tanks,,Poland,13" in as_csv.text
    as_docx = client.get(f"{BASE}/report/2023/download", params={"format": "docx"}, headers=viewer)
    assert as_docx.headers["content-disposition"].startswith("attachment;")
    table = docx.Document(io.BytesIO(as_docx.content)).tables[0]
    assert [c.text for c in table.rows[1].cells][:3] == ["I. Battle tanks", "Poland", "13"]

    with (DATA / "pol-2023.csv").open("rb") as handle:
        files = {"file": ("pol-2023.csv", handle, "text/csv")}
        imported = client.post(
            f"{BASE}/imports/report",
            params={"state": "POL", "year": 2023},
            files=files,
            headers=officer,
        )
    assert imported.status_code == 200, imported.text
    assert imported.json()["origin"] == "upload:pol-2023.csv"
    with (DATA / "sipri-small.csv").open("rb") as handle:
        files = {"file": ("sipri.csv", handle, "text/csv")}
        sipri = client.post(f"{BASE}/imports/sipri", files=files, headers=officer)
    assert sipri.json()["counts"]["transfers"] == 6
    view = client.get(f"{BASE}/mirror", params={"year": 2023, "state": "USA"}, headers=viewer)
    (row,) = view.json()["rows"]
    assert (row["status"], row["exporter_side"]["number"], row["importer_side"]["number"]) == (
        "numbers_differ",
        13,
        10,
    )
    assert "The numbers differ by 3." in row["explanation"]
    assert client.delete(f"{BASE}/transfers/{transfer_id}", headers=officer).status_code == 204


def test_bad_input_names_the_field(client: TestClient, bearer: Bearer, tmp_path: Path) -> None:
    officer = bearer(Role.MULTILATERAL_OFFICER)
    bad = client.post(f"{BASE}/transfers", json={**TANKS, "partner": "Atlantis"}, headers=officer)
    assert bad.status_code == 422
    (problem,) = bad.json()["detail"]
    assert problem["loc"] == ["body", "partner"]
    assert "'Atlantis' is not a state nonpro knows" in problem["msg"]
    bad = client.post(f"{BASE}/transfers", json={**TANKS, "number_of_items": -1}, headers=officer)
    assert bad.json()["detail"][0]["loc"] == ["body", "number_of_items"]
    bad = client.get(f"{BASE}/transfers", params={"category": "IX"}, headers=officer)
    assert (bad.status_code, bad.json()["error"]["field"]) == (422, "category")
    broken = tmp_path / "pol.csv"
    broken.write_text((DATA / "pol-2023.csv").read_text().replace(",10,", ",ten,"))
    with broken.open("rb") as handle:
        files = {"file": ("pol.csv", handle, "text/csv")}
        failed = client.post(
            f"{BASE}/imports/report",
            params={"state": "POL", "year": 2023, "strict": True},
            files=files,
            headers=officer,
        )
    assert failed.status_code == 422
    error = failed.json()["error"]
    assert error["message"] == (
        "pol.csv: nothing stored; 1 row could not be read: "
        "line 3, column 'Number of items': 'ten' is not a whole number >= 0"
    )
    assert error["rows"] == [
        {
            "where": "line 3",
            "column": "Number of items",
            "problem": "'ten' is not a whole number >= 0",
        }
    ]
