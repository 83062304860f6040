"""/api/denials: the register and the no-undercut check over HTTP, and the flag on the case."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from tests.cases.conftest import case_json
from tests.denials.conftest import denial_json

from nonpro.accounts.rules import Role

Bearer = Callable[..., dict[str, str]]


def test_record_list_show_withdraw(client: TestClient, bearer: Bearer) -> None:
    analyst = bearer(Role.ANALYST)
    viewer = bearer(Role.VIEWER)
    made = client.post("/api/denials", json=denial_json(), headers=analyst)
    assert made.status_code == 201, made.text
    assert made.json()["notifying_partner"] == "DEU" and made.json()["status"] == "in_force"
    again = client.post("/api/denials", json=denial_json(), headers=analyst)
    assert again.status_code == 409
    refused = client.post("/api/denials", json=denial_json("X-2"), headers=viewer)
    assert refused.status_code == 403
    listed = client.get("/api/denials", params={"country": "Japan"}, headers=viewer)
    assert [d["reference"] for d in listed.json()] == ["DEU-2025-014"]
    shown = client.get("/api/denials/DEU-2025-014", headers=viewer)
    assert shown.json()["end_user"] == "Tsukuba Space Instruments K.K."
    withdrawn = client.post(
        "/api/denials/DEU-2025-014/withdraw", json={"withdrawn_on": "2026-03-01"}, headers=analyst
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_on"] == "2026-03-01"
    twice = client.post(
        "/api/denials/DEU-2025-014/withdraw", json={"withdrawn_on": "2026-03-02"}, headers=analyst
    )
    assert twice.status_code == 409
    assert client.get("/api/denials/NOPE", headers=viewer).status_code == 404


def test_bad_input_names_the_field(client: TestClient, bearer: Bearer) -> None:
    analyst = bearer(Role.ANALYST)
    for changes, field in (
        ({"notified_on": "2025-02-30"}, "notified_on"),
        ({"annex_entry": "2.A.9"}, "annex_entry"),
        ({"end_user_country": "Narnia"}, "end_user_country"),
    ):
        answer = client.post("/api/denials", json=denial_json(**changes), headers=analyst)
        assert answer.status_code == 422, answer.text
        assert field in answer.text
    assert client.get("/api/denials", headers=analyst).json() == []


def test_a_matching_case_is_flagged_in_the_check_and_on_the_case(
    client: TestClient, bearer: Bearer
) -> None:
    analyst = bearer(Role.ANALYST)
    case = client.post("/api/cases", json=case_json("API-1"), headers=analyst).json()
    clean = client.get(f"/api/cases/{case['id']}", headers=analyst).json()
    assert clean["consult_before_approval"] is False and clean["denial_matches"] == []
    client.post("/api/denials", json=denial_json(), headers=analyst)
    check = client.get("/api/denials/check/API-1", headers=analyst).json()
    assert check["consult_before_approval"] is True and check["case"] == "API-1"
    (match,) = check["matches"]
    assert match["denial"]["reference"] == "DEU-2025-014"
    assert [r["kind"] for r in match["reasons"]] == ["annex_entry", "end_user", "country"]
    flagged = client.get(f"/api/cases/{case['id']}", headers=analyst).json()
    assert flagged["consult_before_approval"] is True
    assert flagged["denial_matches"][0]["consult"].startswith("Consult Germany (DEU)")
    # A representative of an agency the case was not referred to learns nothing of it.
    reviewer = bearer(Role.AGENCY_REVIEWER, agency="DEFENSE_DTSA")
    assert client.get("/api/denials/check/API-1", headers=reviewer).status_code == 404


def test_import_stores_good_rows_and_returns_the_bad(client: TestClient, bearer: Bearer) -> None:
    analyst = bearer(Role.ANALYST)
    text = (
        "reference,notifying_partner,notified_on,item_description,end_user,end_user_country\n"
        "GBR-1,GBR,2025-03-01,Rate table,Acme Aero,Pakistan\n"
        "GBR-2,GBR,2025-13-01,Rate table,Acme Aero,Pakistan\n"
    )
    answer = client.post(
        "/api/denials/import", files={"file": ("gbr.csv", text, "text/csv")}, headers=analyst
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["added"] == ["GBR-1"]
    (bad,) = answer.json()["rejected"]
    assert (bad["where"], bad["column"]) == ("line 3", "notified_on")
