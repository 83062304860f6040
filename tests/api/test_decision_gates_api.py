"""DEMO-001 over HTTP: the approval refused with every reason (409), then an exception, a
justification and a second person's countersignature; the audit log shows each step."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json

from nonpro.accounts.rules import Role
from nonpro.screening.schemas import ParsedList

Bearer = Callable[..., dict[str, str]]
BASIS = "Presidential waiver under AECA §73(e), notified to Congress (test)"


def _post(client: TestClient, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json=body, headers=headers)


def test_demo_001_refused_then_excepted_justified_and_countersigned(
    client: TestClient, bearer: Bearer, un_list: ParsedList, shared_data: Path
) -> None:
    raw = json.loads((shared_data / "demo" / "cases.json").read_text("utf-8"))
    demo = next(c for c in raw if c["reference"] == "DEMO-001")
    analyst, chair, admin = (
        bearer(Role.ANALYST, "ana"),
        bearer(Role.CHAIR, "chris"),
        bearer(Role.ADMIN, "root"),
    )
    case = _post(client, "/api/cases", demo, analyst).json()
    url = f"/api/cases/{case['id']}"
    for to in ("submitted", "under_review"):
        case = _post(client, f"{url}/transitions", {"to": to, "version": case["version"]}, analyst)
        case = case.json()

    approve = {"to": "decided", "version": case["version"], "decision": "approved"}
    refused = _post(client, f"{url}/transitions", approve, analyst)
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["type"] == "DecisionBlocked"
    kinds = {r["kind"] for r in error["reasons"]}
    assert {"justification", "category_i", "embargo", "undecided_hit"} <= kinds
    assert all(r["source"] for r in error["reasons"])
    assert next(r for r in error["reasons"] if r["kind"] == "justification")["field"] == (
        "justification"
    )
    gates = client.get(f"{url}/gates", headers=analyst).json()
    assert {r["kind"] for r in gates} >= {"category_i", "embargo"}

    hit = next(f for f in case["assessment"]["findings"] if f.get("entry_id") and f["party"] == 2)
    disposed = _post(
        client,
        f"/api/cases/{case['id']}/dispositions",
        {"party": 2, "entry_id": hit["entry_id"], "decision": "true_match", "note": "same"},
        analyst,
    )
    assert disposed.status_code == 200, disposed.text
    case = client.get(url, headers=analyst).json()

    exception = {"version": case["version"], "legal_basis": BASIS}
    assert _post(client, f"{url}/exceptions", exception, chair).status_code == 403
    blank = _post(client, f"{url}/exceptions", {**exception, "legal_basis": " "}, admin)
    assert blank.status_code == 422 and blank.json()["error"]["field"] == "legal_basis"
    excepted = _post(client, f"{url}/exceptions", exception, admin)
    assert excepted.status_code == 200, excepted.text
    case = excepted.json()
    assert case["gate_exceptions"][0]["legal_basis"] == BASIS

    approve = {
        "to": "decided",
        "version": case["version"],
        "decision": "approved",
        "justification": "binding government-to-government assurances received",
    }
    proposed = _post(client, f"{url}/transitions", approve, analyst)
    assert proposed.status_code == 200, proposed.text
    case = proposed.json()
    assert case["status"] == "under_review" and case["decision"] is None
    assert client.get(f"{url}/letter.pdf", headers=analyst).status_code == 409

    answer = {"version": case["version"], "note": "agreed"}
    assert _post(client, f"{url}/proposals/countersign", answer, analyst).status_code == 403
    signed = _post(client, f"{url}/proposals/countersign", answer, chair)
    assert signed.status_code == 200, signed.text
    case = signed.json()
    assert (case["status"], case["decision"]) == ("decided", "approved")
    assert (case["decided_by"], case["countersigned_by"]) == ("ana", "chris")
    assert client.get(f"{url}/letter.pdf", headers=analyst).status_code == 200

    audit = client.get(
        "/api/audit", params={"target": f"case:{case['reference']}"}, headers=admin
    ).json()
    actions = {e["action"]: e for e in audit}
    assert {"case.exception", "case.propose", "case.countersign"} <= set(actions)
    assert actions["case.countersign"]["actor"] == "chris"
    assert actions["case.exception"]["payload"]["legal_basis"] == BASIS


def test_the_proposer_is_refused_the_countersignature_and_a_proposal_goes_back(
    client: TestClient, bearer: Bearer
) -> None:
    chair, other = bearer(Role.CHAIR, "chris"), bearer(Role.CHAIR, "cora")
    case = _post(client, "/api/cases", case_json("API-SB"), chair).json()
    url = f"/api/cases/{case['id']}"
    for to in ("submitted", "under_review"):
        case = _post(client, f"{url}/transitions", {"to": to, "version": case["version"]}, chair)
        case = case.json()
    proposal = {"version": case["version"], "decision": "denied", "justification": "doubts"}
    case = _post(client, f"{url}/proposals", proposal, chair).json()
    own = _post(client, f"{url}/proposals/countersign", {"version": case["version"]}, chair)
    assert own.status_code == 403 and "cannot countersign" in own.json()["error"]["message"]
    bare = _post(client, f"{url}/proposals/send-back", {"version": case["version"]}, other)
    assert bare.status_code == 422 and bare.json()["error"]["field"] == "note"
    back = _post(
        client, f"{url}/proposals/send-back", {"version": case["version"], "note": "why?"}, other
    )
    assert back.status_code == 200 and back.json()["proposals"][0]["state"] == "rejected"
