"""MARC's Annex proposals over HTTP: the chair proposes and steers, a representative records
their own agency's view, steps out of order are 409, bad input 422 naming the field; a munitions
case referred to MARC is 422."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json

from nonpro.accounts.rules import Role

Bearer = Callable[..., dict[str, str]]
BASE = "/api/interagency/annex-proposals"
PROPOSAL = {
    "entry": "2.A.1.c",
    "proposed_text": "Rocket motor cases, total impulse capacity 1.0 x 10^6 N-s or more",
    "rationale": "Partners' practice",
    "proposer": "United States",
}


def test_a_proposal_from_draft_to_the_annex_version_it_produced(
    client: TestClient, bearer: Bearer
) -> None:
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    dtsa = bearer(Role.AGENCY_REVIEWER, "dana", "DEFENSE_DTSA")
    viewer = bearer(Role.VIEWER, "vera")
    refused = client.post(BASE, json=PROPOSAL, headers=dtsa)
    assert refused.status_code == 403
    unknown = client.post(BASE, json={**PROPOSAL, "entry": "2.A.9"}, headers=chair)
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "entry"
    made = client.post(BASE, json=PROPOSAL, headers=chair)
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert made.json()["status"] == "draft" and "2.A.1.c.1: " in made.json()["current_text"]

    early = client.put(
        f"{BASE}/{pid}/position", json={"position": "support", "note": "x"}, headers=chair
    )
    assert early.status_code == 409 and "views are requested" in early.json()["error"]["message"]
    assert client.post(f"{BASE}/{pid}/request-views", headers=chair).status_code == 200
    other = client.put(
        f"{BASE}/{pid}/views", json={"agency": "ENERGY_NNSA", "position": "oppose"}, headers=dtsa
    )
    assert other.status_code == 403
    viewed = client.put(
        f"{BASE}/{pid}/views", json={"position": "oppose", "note": "too broad"}, headers=dtsa
    )
    assert viewed.status_code == 200, viewed.text
    assert viewed.json()["views"][0]["agency_code"] == "DEFENSE_DTSA"
    assert "DEFENSE_DTSA" not in viewed.json()["awaiting"]
    assert (
        client.put(
            f"{BASE}/{pid}/position",
            json={"position": "support", "note": "on balance"},
            headers=chair,
        ).json()["status"]
        == "position_set"
    )
    plenary = {"held_on": "2026-10-05", "outcome": "adopted", "produced_version": "MTCR/2026"}
    too_soon = client.put(f"{BASE}/{pid}/outcomes/plenary", json=plenary, headers=chair)
    assert too_soon.status_code == 409
    tem = {"held_on": "2026-04-20", "outcome": "adopted"}
    assert client.put(f"{BASE}/{pid}/outcomes/tem", json=tem, headers=chair).status_code == 200
    done = client.put(f"{BASE}/{pid}/outcomes/plenary", json=plenary, headers=chair)
    assert done.status_code == 200, done.text
    shown = client.get(f"{BASE}/{pid}", headers=viewer).json()
    assert shown["status"] == "plenary_decided" and shown["produced_version"] == "MTCR/2026"
    assert shown["tem"]["outcome"] == "adopted" and shown["plenary"]["held_on"] == "2026-10-05"
    listed = client.get(BASE, params={"status": "plenary_decided"}, headers=viewer).json()
    assert [p["id"] for p in listed] == [pid]


def test_a_munitions_case_is_not_referred_to_marc(client: TestClient, bearer: Bearer) -> None:
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    made = client.post(
        "/api/cases", json=case_json("MUN-API", type="munitions_license"), headers=chair
    )
    assert made.status_code == 201, made.text
    refused = client.post(
        "/api/interagency/referrals", json={"case": "MUN-API", "group": "MARC"}, headers=chair
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["field"] == "group"
    assert "munitions cases are not a MARC matter" in error["message"]
