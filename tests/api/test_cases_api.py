"""Export review cases over HTTP, end to end, with the real UN list loaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json

from nonpro.accounts.rules import Role
from nonpro.screening.schemas import ParsedList

Bearer = Callable[..., dict[str, str]]
MOTOR = {
    "description": "Solid propellant rocket motor, total impulse capacity 1.4 x 10^6 N-s, "
    "with igniter",
    "quantity": 2,
    "value_usd": 3800000,
}
LISTED_CASE = case_json(
    "E2E-DENY",
    destination="IR",
    end_use="Propulsion research for a university sounding-rocket programme",
    parties=[
        {"role": "applicant", "name": "Westfield Propulsion Inc.", "country": "US"},
        {"role": "end_user", "name": "Shahid Hemmat Industrial Group", "country": "IR"},
    ],
    items=[MOTOR],
)
FACTORS = ["3(A)", "3(B)", "3(C)", "3(D)", "3(E)", "3(F)"]


def _transition(
    client: TestClient, headers: dict[str, str], case: dict[str, Any], to: str, **extra: Any
) -> Any:
    return client.post(
        f"/api/cases/{case['id']}/transitions",
        json={"to": to, "version": case["version"], **extra},
        headers=headers,
    )


def test_category_i_to_a_non_adherent_with_a_listed_end_user_is_denied(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.ANALYST)
    made = client.post("/api/cases", json=LISTED_CASE, headers=headers)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "draft" and made.json()["recommendation"] == "deny"
    assessed = client.post(f"/api/cases/{made.json()['id']}/assess", headers=headers)
    assert assessed.status_code == 200
    body = assessed.json()
    assert set(body) >= {"recommendation", "findings", "reasons"}
    assert body["recommendation"] == "deny"
    kinds = {f["kind"] for f in body["findings"]}
    assert kinds >= {"classification", "screening", "destination", "catch_all"}
    assert all({"kind", "summary", "evidence", "source"} <= set(f) for f in body["findings"])
    reasons = " ".join(body["reasons"])
    assert "R-CAT-I → deny" in body["reasons"][0]
    assert "2.A.1.c.1" in reasons  # the Annex item
    assert "un:110337" in reasons and "SHAHID HEMMAT INDUSTRIAL GROUP" in reasons  # the entry
    screening = [f for f in body["findings"] if f["kind"] == "screening" and "un:" in f["summary"]]
    assert screening and screening[0]["source"].startswith("un snapshot")
    destination = [f for f in body["findings"] if f["kind"] == "destination"]
    assert any("not an MTCR partner" in f["summary"] for f in destination)


def test_category_ii_clean_parties_mtcr_partner_lists_the_guidelines_factors(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.ANALYST)
    made = client.post("/api/cases", json=case_json("E2E-CAT2"), headers=headers).json()
    body = client.post(f"/api/cases/{made['id']}/assess", headers=headers).json()
    assert body["recommendation"] == "approve_with_provisos"
    for letter in FACTORS:
        assert any(r.startswith(letter) for r in body["reasons"]), letter
    assert [f["weighs"] for f in body["factors"]].count("adverse") == 0
    assert body["provisos"][:2] == ["END-USE-ONLY", "NO-RETRANSFER"]
    screening = [f for f in body["findings"] if f["kind"] == "screening"]
    assert len(screening) == 2 and all("no alert" in f["summary"] for f in screening)
    assert any("9.A.4" in r for r in body["reasons"])


def test_transitions_conflicts_and_the_letter(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.ANALYST)
    case = client.post("/api/cases", json=case_json("E2E-FLOW"), headers=headers).json()
    assert case["allowed_transitions"] == ["submitted"]
    early = client.get(f"/api/cases/{case['id']}/letter.pdf", headers=headers)
    assert early.status_code == 409
    submitted = _transition(client, headers, case, "submitted")
    assert submitted.status_code == 200 and submitted.json()["due_date"]
    stale = _transition(client, headers, case, "submitted")  # the version read before
    assert (
        stale.status_code == 409 and "changed by someone else" in stale.json()["error"]["message"]
    )
    case = submitted.json()
    wrong = _transition(client, headers, case, "closed")
    assert wrong.status_code == 409 and "allowed from here" in wrong.json()["error"]["message"]
    case = _transition(client, headers, case, "under_review").json()
    case = _transition(
        client,
        headers,
        case,
        "decided",
        decision="approved_with_provisos",
        provisos=["END-USE-ONLY"],
        note="standard assurances",
    ).json()
    # Two-person approval: the approval is a proposal until a second person countersigns it.
    assert case["status"] == "under_review" and case["proposals"][0]["state"] == "pending"
    signed = client.post(
        f"/api/cases/{case['id']}/proposals/countersign",
        json={"version": case["version"]},
        headers=bearer(Role.CHAIR),
    )
    assert signed.status_code == 200, signed.text
    case = signed.json()
    assert case["status"] == "decided" and case["provisos"] == ["END-USE-ONLY"]
    assert case["countersigned_by"] == "chair-user"
    pdf = client.get(f"/api/cases/{case['reference']}/letter.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    shown = client.get(f"/api/cases/{case['id']}", headers=headers).json()
    assert [e["to_status"] for e in shown["events"] if e["to_status"]] == [
        "submitted",
        "under_review",
        "decided",
    ]
    assert [e["action"] for e in shown["events"] if e["to_status"]][-1] == "countersign"


def test_permissions_and_bad_input(client: TestClient, bearer: Bearer) -> None:
    viewer = bearer(Role.VIEWER)
    assert client.post("/api/cases", json=case_json(), headers=viewer).status_code == 403
    assert client.get("/api/cases", headers=viewer).status_code == 200
    assert client.get("/api/cases/NOPE-1", headers=viewer).status_code == 404
    analyst = bearer(Role.ANALYST, "ana")
    bad = case_json(parties=[{"role": "smuggler", "name": "X", "country": "US"}])
    assert client.post("/api/cases", json=bad, headers=analyst).status_code == 422
    nowhere = client.post("/api/cases", json=case_json(destination="Atlantis"), headers=analyst)
    assert nowhere.status_code == 422 and nowhere.json()["error"]["field"] == "destination"


def test_search_facets_assignment_and_documents(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.ANALYST, "ana")
    first = client.post("/api/cases", json=case_json("S-1"), headers=headers).json()
    client.post("/api/cases", json=case_json("S-2", destination="PK"), headers=headers)
    assigned = client.post(
        f"/api/cases/{first['id']}/assignment",
        json={"assignee": "ana", "version": first["version"]},
        headers=headers,
    )
    assert assigned.status_code == 200 and assigned.json()["assignee"] == "ana"
    mine = client.get("/api/cases", params={"queue": "mine"}, headers=headers).json()
    assert [c["reference"] for c in mine] == ["S-1"]
    pakistan = client.get("/api/cases", params={"destination": "Pakistan"}, headers=headers)
    assert [c["reference"] for c in pakistan.json()] == ["S-2"]
    facets = client.get("/api/cases/facets", headers=headers).json()
    assert facets["annex_item"] == {"9.A.4": 2} and facets["destination"]["PK"] == 1
    pdf = b"%PDF-1.4\n% end-user statement\n"
    added = client.post(
        f"/api/cases/{first['id']}/documents",
        headers=headers,
        files={"file": ("eus.pdf", pdf, "application/pdf")},
    )
    assert added.status_code == 201, added.text
    assert added.json()["size"] == len(pdf) and len(added.json()["sha256"]) == 64
    fetched = client.get(f"/api/cases/S-1/documents/{added.json()['id']}", headers=headers)
    assert fetched.content == pdf
    fake = client.post(
        f"/api/cases/{first['id']}/documents",
        headers=headers,
        files={"file": ("eus.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert fake.status_code == 422 and "does not look like" in fake.json()["error"]["message"]
    provisos = client.get("/api/provisos", headers=headers).json()
    assert "NO-RETRANSFER" in {p["id"] for p in provisos}


def test_a_stale_edit_gets_409_and_the_first_edit_stays(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.ANALYST)
    case = client.post("/api/cases", json=case_json("PUT-1"), headers=headers).json()
    first = client.put(
        f"/api/cases/{case['id']}",
        headers=headers,
        json={**case_json("PUT-1", end_use="first writer"), "version": 1},
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = client.put(
        f"/api/cases/{case['id']}",
        headers=headers,
        json={**case_json("PUT-1", end_use="second writer"), "version": 1},
    )
    assert second.status_code == 409
    assert second.json()["error"]["type"] == "StaleVersion"
    stored = client.get(f"/api/cases/{case['id']}", headers=headers).json()
    assert stored["end_use"] == "first writer" and stored["version"] == 2
    assert stored["assessment_stale"] is False
