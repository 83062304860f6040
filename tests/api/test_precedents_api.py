"""Precedents over HTTP: the similar decided cases of a case, and the search of decided cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import precedent_history

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import access, services

Bearer = Callable[..., dict[str, str]]
ANALYST = Principal(username="ana", role=Role.ANALYST)
CHAIR = Principal(username="chris", role=Role.CHAIR)


@pytest.fixture
def history(db_session: Session) -> None:
    precedent_history(db_session, ANALYST, CHAIR)


def test_the_precedents_of_a_case_say_what_they_share_and_how_they_were_decided(
    client: TestClient, bearer: Bearer, history: None
) -> None:
    headers = bearer(Role.VIEWER)
    answer = client.get("/api/cases/SUBJ/precedents", headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [p["reference"] for p in body["precedents"]] == [
        "P-SAME",
        "P-ENTRY",
        "P-RELATED",
        "P-DEST",
    ]
    best = body["precedents"][0]
    assert best["shared"][0] == {
        "kind": "annex_entry",
        "text": "same Annex entry 2.A.1.c.1",
        "weight": 8,
    }
    assert (best["decision"], best["decided_by"], best["countersigned_by"]) == (
        "denied",
        "ana",
        "chris",
    )
    assert best["grounds"] == ["Followed the recommendation: deny."]
    assert body["total"] == 4 and "ranked by the weight of what they share" in body["basis"]
    assert "annex entry 8, end user 6, annex item 4, destination 3, case type 1" in body["basis"]
    limited = client.get("/api/cases/SUBJ/precedents?limit=1", headers=headers).json()
    assert len(limited["precedents"]) == 1 and limited["total"] == 4
    refused = client.get("/api/cases/SUBJ/precedents?limit=0", headers=headers)
    assert refused.status_code == 422 and "limit" in refused.text


def test_search_precedents_by_every_criterion_and_refuse_bad_input(
    client: TestClient, bearer: Bearer, history: None
) -> None:
    headers = bearer(Role.ANALYST)
    found = client.get(
        "/api/precedents",
        params={"annex_item": "2.A.1", "destination": "IRN", "outcome": "denied"},
        headers=headers,
    )
    assert found.status_code == 200, found.text
    body = found.json()
    assert sorted(p["reference"] for p in body["precedents"]) == ["P-RELATED", "P-SAME"]
    assert body["criteria"] == [
        "Annex entry 2.A.1 or under it",
        "destination Iran (IR)",
        "outcome denied",
    ]
    by_user = client.get("/api/precedents?end_user=HEMMAT", headers=headers).json()
    assert [p["reference"] for p in by_user["precedents"]] == ["P-SAME"]
    bad_entry = client.get("/api/precedents?annex_item=9A004", headers=headers)
    assert bad_entry.status_code == 422
    assert bad_entry.json()["error"]["field"] == "annex_item"
    bad_range = client.get(
        "/api/precedents?decided_from=2026-03-02&decided_to=2026-03-01", headers=headers
    )
    assert bad_range.status_code == 422 and bad_range.json()["error"]["field"] == "decided_to"
    bad_country = client.get("/api/precedents?destination=Atlantis", headers=headers)
    assert bad_country.status_code == 422 and bad_country.json()["error"]["field"] == "destination"


def test_a_representative_gets_precedents_only_among_cases_referred_to_them(
    client: TestClient, bearer: Bearer, history: None, db_session: Session
) -> None:
    headers = bearer(Role.AGENCY_REVIEWER, "dtsa-rep", "DEFENSE_DTSA")
    assert client.get("/api/cases/SUBJ/precedents", headers=headers).status_code == 404
    for reference in ("SUBJ", "P-ENTRY"):
        case = services.get_case(reference, session=db_session)
        access.grant_agencies(case, ["DEFENSE_DTSA"], session=db_session, actor=ANALYST)
    body = client.get("/api/cases/SUBJ/precedents", headers=headers).json()
    assert [p["reference"] for p in body["precedents"]] == ["P-ENTRY"]
    searched = client.get("/api/precedents", headers=headers).json()
    assert [p["reference"] for p in searched["precedents"]] == ["P-ENTRY"]
