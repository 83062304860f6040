"""``nonpro cases`` through the real entry point: demo load, create, assess, transition, letter."""

from __future__ import annotations

import getpass
import json
import uuid
from pathlib import Path

import pytest
from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke

EXPECTED_DEMO = {
    "DEMO-001": "deny",  # Category I motor to Iran, SHIG end user
    "DEMO-002": "approve_with_provisos",  # gyro to Japan
    "DEMO-006": "approve",  # rate table below the Annex to Germany
    "DEMO-008": "deny",  # vibration system to North Korea
}


def test_all_eight_demo_cases_load_and_are_assessed(
    database: Path, invoke: Invoke, shared_data: Path
) -> None:
    invoke("db", "upgrade")
    code, out = invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    assert code == 0, out
    code, out = invoke("cases", "load-demo", str(shared_data / "demo" / "cases.json"))
    assert code == 0, out
    assert "8 created, 0 already present" in out
    code, out = invoke("cases", "list", "--json")
    listed = {c["reference"]: c for c in json.loads(out)}
    assert len(listed) == 8 and all(c["status"] == "submitted" for c in listed.values())
    for reference, recommendation in EXPECTED_DEMO.items():
        assert listed[reference]["recommendation"] == recommendation, reference
    code, out = invoke("cases", "load-demo", str(shared_data / "demo" / "cases.json"))
    assert "0 created, 8 already present" in out
    code, out = invoke("cases", "list", "--flag", "category_i", "--json")
    assert [c["reference"] for c in json.loads(out)] == ["DEMO-001"]


def test_create_assess_transition_and_letter(
    database: Path, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("db", "upgrade")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_json("CLI-1")))
    code, out = invoke("cases", "create", str(path))
    assert code == 0, out
    case_id = out.strip()
    assert uuid.UUID(case_id)
    code, out = invoke("cases", "assess", case_id, "--json")
    assessed = json.loads(out)
    assert assessed["recommendation"] == "refer"  # no list loaded: parties unscreened
    assert any("R-NOT-SCREENED" in r for r in assessed["reasons"])
    assert {f["kind"] for f in assessed["findings"]} >= {"classification", "destination"}
    for state in ("submitted", "under_review"):
        code, out = invoke("cases", "transition", "CLI-1", state)
        assert code == 0, out
    code, out = invoke("cases", "transition", "CLI-1", "closed")
    assert code == 4 and "allowed from here" in out
    code, out = invoke(
        "cases", "transition", "CLI-1", "approved_with_provisos", "--proviso", "END-USE-ONLY"
    )
    assert code == 4 and "departs from the recommendation refer" in out  # no list: "refer"
    code, out = invoke(
        "cases",
        "transition",
        "CLI-1",
        "decided",
        "--decision",
        "approved_with_provisos",
        "--proviso",
        "END-USE-ONLY",
        "--justification",
        "parties screened by hand",
    )
    assert code == 0 and "awaiting a countersignature" in out, out
    monkeypatch.setattr(getpass, "getuser", lambda: "second-officer")
    code, out = invoke("cases", "countersign", "CLI-1")
    assert code == 0 and "decided (approved_with_provisos)" in out, out
    letter = tmp_path / "letter.pdf"
    code, out = invoke("cases", "letter", "CLI-1", "--out", str(letter))
    assert code == 0, out
    assert letter.read_bytes().startswith(b"%PDF-")
    code, out = invoke("cases", "show", case_id, "--json")
    shown = json.loads(out)
    assert shown["decision"] == "approved_with_provisos" and shown["version"] == 5
    assert shown["countersigned_by"] == "cli:second-officer"
    assert shown["allowed_transitions"] == ["closed", "reopened"]


def test_bad_case_json_names_the_field(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    invoke("db", "upgrade")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(case_json(type="export")))
    code, out = invoke("cases", "create", str(path))
    assert code == 2 and "type" in out
    code, out = invoke("cases", "show", "NOPE-1")
    assert code == 3 and "not found" in out
