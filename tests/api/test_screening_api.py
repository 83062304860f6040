"""Screening over HTTP: one party, a batch, dispositions, lists."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from nonpro.screening.schemas import ParsedList

Bearer = Callable[..., dict[str, str]]


def test_screen_returns_explained_hits(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    response = client.post(
        "/api/screen", json={"name": "Mohammad Reza Naqdi"}, headers=bearer(Role.ANALYST)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"]["name"] == "Mohammad Reza Naqdi"
    top = body["hits"][0]
    assert {
        "entry_id",
        "list",
        "snapshot",
        "name",
        "matched_name",
        "score",
        "alert",
        "features",
        "explanation",
    } <= set(top)
    assert top["alert"] is True and top["list"] == "un" and top["snapshot"]


def test_batch_keeps_the_order_and_caps_the_size(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.ANALYST)
    queries = [{"name": "Jane Q. Ordinary"}, {"name": "Mohammad Reza Naqdi"}]
    response = client.post("/api/screen/batch", json={"queries": queries}, headers=headers)
    results = response.json()["results"]
    assert [r["query"]["name"] for r in results] == ["Jane Q. Ordinary", "Mohammad Reza Naqdi"]
    assert not any(h["alert"] for h in results[0]["hits"]) and results[1]["hits"][0]["alert"]
    too_many = client.post(
        "/api/screen/batch", json={"queries": [{"name": "x"}] * 1001}, headers=headers
    )
    assert too_many.status_code == 422


def test_bad_dob_names_the_field(client: TestClient, bearer: Bearer) -> None:
    response = client.post(
        "/api/screen", json={"name": "A", "dob": "12/05/1960"}, headers=bearer(Role.ANALYST)
    )
    assert response.status_code == 422
    assert "dob" in str(response.json()["detail"][0]["loc"])


def test_viewer_may_not_screen_or_dispose(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.VIEWER)
    assert client.post("/api/screen", json={"name": "x"}, headers=headers).status_code == 403
    disposition = {"query": {"name": "x"}, "entry_id": "un:1", "decision": "false_positive"}
    assert client.post("/api/dispositions", json=disposition, headers=headers).status_code == 403
    assert client.get("/api/lists", headers=headers).status_code == 200


def test_disposition_round_trip(client: TestClient, bearer: Bearer, un_list: ParsedList) -> None:
    headers = bearer(Role.ANALYST)
    query = {"name": "Mohammad Reza Naqdi"}
    top = client.post("/api/screen", json=query, headers=headers).json()["hits"][0]
    made = client.post(
        "/api/dispositions",
        headers=headers,
        json={
            "query": query,
            "entry_id": top["entry_id"],
            "decision": "escalate",
            "note": "check DOB",
        },
    )
    assert made.status_code == 201 and made.json()["decided_by"] == "analyst-user"
    again = client.post("/api/screen", json=query, headers=headers).json()["hits"][0]
    assert again["dispositions"][0]["decision"] == "escalate"
    assert again["dispositions"][0]["note"] == "check DOB"
    # A representative of an agency learns the decision; the note and its author stay behind.
    representative = bearer(Role.AGENCY_REVIEWER, "dora", "DEFENSE_DTSA")
    for url, body in (("/api/screen", query), ("/api/screen/batch", {"queries": [query]})):
        answer = client.post(url, json=body, headers=representative).json()
        hit = answer["results"][0]["hits"][0] if "results" in answer else answer["hits"][0]
        shown = hit["dispositions"][0]
        assert (shown["decision"], shown["note"], shown["decided_by"]) == ("escalate", "", "")
        assert shown["withheld"] is True


def test_lists_status_and_diff(client: TestClient, bearer: Bearer, un_list: ParsedList) -> None:
    headers = bearer(Role.VIEWER)
    (status,) = client.get("/api/lists", headers=headers).json()
    assert status["source"] == "un" and status["active"]["entry_count"] == 1003
    assert status["active"]["publication_date"] == "2026-02-27"
    diff = client.get("/api/lists/un/diff", headers=headers).json()
    assert diff["old_snapshot"] is None and len(diff["added"]) == 1003
    assert client.get("/api/lists/eu/diff", headers=headers).status_code == 404
