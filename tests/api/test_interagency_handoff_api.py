"""The handoff over HTTP: the analyst requests a referral, a chair accepts or declines it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json

from nonpro.accounts.rules import Role


def _under_review(client: TestClient, headers: dict[str, str], reference: str) -> str:
    case = client.post("/api/cases", json=case_json(reference), headers=headers).json()
    for target in ("submitted", "under_review"):
        case = client.post(
            f"/api/cases/{case['id']}/transitions",
            json={"to": target, "version": case["version"]},
            headers=headers,
        ).json()
    assert case["status"] == "under_review"
    assert "referred" not in case["allowed_transitions"]  # only through a referral
    return str(case["id"])


def test_request_accept_and_decline_over_http(
    client: TestClient, bearer: Callable[..., dict[str, str]]
) -> None:
    analyst = bearer(Role.ANALYST, "ana")
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    case_id = _under_review(client, analyst, "HO-API-1")
    moved = client.post(
        f"/api/cases/{case_id}/transitions",
        json={"to": "referred", "version": 3},
        headers=analyst,
    )
    assert moved.status_code == 409 and "no interagency referral" in moved.text

    asked = client.post(
        "/api/interagency/requests",
        json={"case": "HO-API-1", "group": "MTEC", "note": "programme ties"},
        headers=analyst,
    )
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]
    assert asked.json()["state"] == "open" and asked.json()["group"] == "MTEC"
    refused = client.post(
        f"/api/interagency/requests/{request_id}/accept", json={}, headers=analyst
    )
    assert refused.status_code == 403

    queue = client.get("/api/interagency/requests", headers=chair).json()
    assert [r["case_reference"] for r in queue] == ["HO-API-1"]
    accepted = client.post(f"/api/interagency/requests/{request_id}/accept", json={}, headers=chair)
    assert accepted.status_code == 200, accepted.text
    case = client.get(f"/api/cases/{case_id}", headers=chair).json()
    assert case["status"] == "referred"
    assert client.get("/api/interagency/requests", headers=chair).json() == []

    other = _under_review(client, analyst, "HO-API-2")
    asked = client.post(
        "/api/interagency/requests", json={"case": other, "group": "MTAG"}, headers=analyst
    ).json()
    no_note = client.post(
        f"/api/interagency/requests/{asked['id']}/decline", json={}, headers=chair
    )
    assert no_note.status_code == 422 and "note" in no_note.text
    declined = client.post(
        f"/api/interagency/requests/{asked['id']}/decline",
        json={"note": "not a missile matter"},
        headers=chair,
    )
    assert declined.status_code == 200 and declined.json()["state"] == "declined"
