"""Statutory steps and assurances over HTTP: a munitions licence for an Annex item refused
without its Defense referral (409), the referral and an assurance recorded, the NSPD-56 clock on
the case, bad input named by field (422), a viewer refused (403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json

from nonpro.accounts.rules import Role
from nonpro.core.clock import today as clock_today

Bearer = Callable[..., dict[str, str]]


def _post(client: TestClient, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json=body, headers=headers)


def test_defense_referral_and_assurances_over_http(client: TestClient, bearer: Bearer) -> None:
    analyst, viewer = bearer(Role.ANALYST, "ana"), bearer(Role.VIEWER, "vic")
    case = _post(client, "/api/cases", case_json("MUN-API", type="munitions_license"), analyst)
    case = case.json()
    url = f"/api/cases/{case['id']}"
    for to in ("submitted", "under_review"):
        case = _post(client, f"{url}/transitions", {"to": to, "version": case["version"]}, analyst)
        case = case.json()
    clock = client.get(url, headers=analyst).json()["nspd56_clock"]
    assert clock["days_used"] == 0 and clock["days_remaining"] == 60

    approve = {
        "to": "decided",
        "version": case["version"],
        "decision": "approved",
        "justification": "screened by hand (test)",
    }
    refused = _post(client, f"{url}/transitions", approve, analyst)
    assert refused.status_code == 409
    (reason,) = [r for r in refused.json()["error"]["reasons"] if r["kind"] == "defense_referral"]
    assert "2797(b)(1)" in reason["source"]

    today = clock_today().isoformat()
    step = {"kind": "defense_referral", "on": today}
    assert _post(client, f"{url}/statutory-steps", step, viewer).status_code == 403
    bad = _post(client, f"{url}/statutory-steps", {**step, "kind": "memo"}, analyst)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "kind"
    recorded = _post(client, f"{url}/statutory-steps", step, analyst)
    assert recorded.status_code == 200, recorded.text
    body = recorded.json()
    assert body["statutory_steps"][0]["kind"] == "defense_referral"
    assert body["nspd56_clock"]["exceptions"] == ["(4) Defense has not yet completed its review"]
    gates = client.get(f"{url}/gates", headers=analyst).json()
    assert "defense_referral" not in {r["kind"] for r in gates}

    required = client.put(f"{url}/assurances-required", json={"required": True}, headers=analyst)
    assert required.status_code == 200 and required.json()["assurances_required"] is True
    wrong = _post(
        client, f"{url}/assurances", {"kind": "end_use", "government": "JPN", "on": today}, analyst
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "government"
    asked = _post(
        client, f"{url}/assurances", {"kind": "end_use", "government": "JP", "on": today}, analyst
    )
    assurance = asked.json()["assurances"][0]
    assert assurance["received_on"] is None
    gates = client.get(f"{url}/gates", headers=analyst).json()
    assert "assurances" in {r["kind"] for r in gates}
    got = _post(
        client,
        f"{url}/assurances/{assurance['id']}/receipt",
        {"on": today, "reference": "note verbale 12/2026"},
        analyst,
    )
    assert got.status_code == 200 and got.json()["assurances"][0]["received_on"] == today
    gates = client.get(f"{url}/gates", headers=analyst).json()
    assert "assurances" not in {r["kind"] for r in gates}
