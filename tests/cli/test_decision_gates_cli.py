"""DEMO-001 through ``nonpro cases``: the approval refused with every reason, then a decided
hit, an exception, a justification and a countersignature by a second person (another OS
user); the audit log shows the proposal, the countersignature and the exception."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest
from tests.cli.conftest import Invoke

BASIS = "Presidential waiver under AECA §73(e), notified to Congress (test)"


def test_demo_001_refused_then_excepted_justified_and_countersigned(
    database: Path, invoke: Invoke, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "officer")
    invoke("db", "upgrade")
    assert invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))[0] == 0
    assert invoke("cases", "load-demo", str(shared_data / "demo" / "cases.json"))[0] == 0
    assert invoke("cases", "transition", "DEMO-001", "under_review")[0] == 0

    code, out = invoke("cases", "transition", "DEMO-001", "decided", "--decision", "approved")
    assert code == 4, out
    assert "cannot be decided (approved) now" in out
    for expected in (
        "departs from the recommendation deny",
        "Category I",
        "2.A.1.c.1",
        "1737",
        "state sponsor of terrorism",
        "Shahid Hemmat",
    ):
        assert expected in out, expected
    assert out.count("(source: ") >= 5
    code, out = invoke("cases", "letter", "DEMO-001", "--out", "letter.pdf")
    assert code == 4  # nothing decided, no letter

    code, out = invoke("cases", "show", "DEMO-001", "--json")
    findings = json.loads(out)["assessment"]["findings"]
    hit = next(f for f in findings if f.get("entry_id") and f["party"] == 2)
    code, out = invoke(
        "cases", "dispose", "DEMO-001", "--party", "2", "--entry", hit["entry_id"],
        "--decision", "true_match", "--note", "same entity",
    )  # fmt: skip
    assert code == 0, out
    code, out = invoke("cases", "exception", "DEMO-001", "--legal-basis", "  ")
    assert code == 2 and "legal_basis" in out
    code, out = invoke("cases", "exception", "DEMO-001", "--legal-basis", BASIS)
    assert code == 0 and "Category I" in out and "confirmed as the listed" in out, out
    code, out = invoke("cases", "gates", "DEMO-001", "--json")
    assert all(g["excepted_by"] for g in json.loads(out) if g["hard_stop"])

    code, out = invoke(
        "cases", "transition", "DEMO-001", "decided", "--decision", "approved",
        "--justification", "binding government-to-government assurances received",
    )  # fmt: skip
    assert code == 0 and "approved proposed by cli:officer" in out, out
    code, out = invoke("cases", "countersign", "DEMO-001")
    assert code == 5 and "cannot countersign" in out  # not the proposer

    monkeypatch.setattr(getpass, "getuser", lambda: "director")
    code, out = invoke("cases", "countersign", "DEMO-001", "--note", "agreed")
    assert code == 0 and "decided (approved), countersigned by cli:director" in out, out
    assert invoke("cases", "letter", "DEMO-001", "--out", "letter.pdf")[0] == 0

    code, out = invoke("audit", "show", "--target", "case:DEMO-001", "--json")
    rows = {r["action"]: r for r in json.loads(out)}
    assert rows["case.propose"]["actor"] == "cli:officer"
    assert rows["case.countersign"]["actor"] == "cli:director"
    assert rows["case.exception"]["payload"]["legal_basis"] == BASIS
