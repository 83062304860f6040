"""The sanctions API: evaluate, the register, and a new determination screened at once."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from docx import Document
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from nonpro.core.clock import today
from nonpro.sanctions.terms import add_term

MADE = today() - timedelta(days=1)
FACTS: dict[str, Any] = {
    "person": {"name": "Beta Aerospace Trading", "nationality": "Malaysia", "us_person": False},
    "activity": {"kind": "transfer", "knowing": True, "date": "2026-03-01"},
    "item": {"annex_item": "2.A.1.d"},
    "destination": {"country": "Iran"},
    "substantial_contribution": True,
}
DETERMINATION: dict[str, Any] = {
    "entities": [{"name": "Zenith Orbital Guidance Works", "aliases": ["ZOGW"], "country": "MY"}],
    "authorities": [{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(B)", "§73(a)(2)(C)"]}],
    "measures": ["contracts_all", "licenses_usml_all", "import_ban"],
    "activity": "missile technology proliferation activities",
    "determination_date": MADE.isoformat(),
    "term": {"years": 2, "minimum": True},
    "substantial_contribution": True,
}

Bearer = Callable[..., dict[str, str]]


def test_evaluate_returns_every_authority_with_reasons(client: TestClient, bearer: Bearer) -> None:
    response = client.post("/api/sanctions/evaluate", json=FACTS, headers=bearer(Role.VIEWER))
    assert response.status_code == 200, response.text
    body = response.json()
    found = {a["authority"]: a for a in body["authorities"]}
    assert found["AECA 73"]["applies"] and found["AECA 73"]["mandatory"]
    assert {m["code"]: m["term"] for m in found["AECA 73"]["measures"]} == {
        "contracts_all": {"years": 2, "minimum": True},
        "licenses_usml_all": {"years": 2, "minimum": True},
        "import_ban": {"years": 2, "minimum": True},
    }
    assert not found["AECA 72"]["applies"] and found["AECA 72"]["reasons"]
    assert body["unverified"]


def test_evaluate_names_the_bad_field(client: TestClient, bearer: Bearer) -> None:
    bad = {**FACTS, "activity": {"kind": "gift", "knowing": True, "date": "2026-03-01"}}
    response = client.post("/api/sanctions/evaluate", json=bad, headers=bearer(Role.VIEWER))
    assert response.status_code == 422


def test_a_new_determination_is_a_hit_on_the_next_screening(
    client: TestClient, bearer: Bearer
) -> None:
    officer = bearer(Role.SANCTIONS_OFFICER)
    query = {"name": "Zenith Orbital Guidance Works"}
    before = client.post("/api/screen", json=query, headers=officer)
    assert before.status_code == 200
    assert not [h for h in before.json()["hits"] if h["list"] == "nonpro-determinations"]

    added = client.post("/api/sanctions/determinations", json=DETERMINATION, headers=officer)
    assert added.status_code == 201, added.text
    assert added.json()["list_entries"] == 1

    after = client.post("/api/screen", json=query, headers=officer)
    hits = [h for h in after.json()["hits"] if h["list"] == "nonpro-determinations"]
    assert hits and hits[0]["alert"]
    alias = client.post("/api/screen", json={"name": "ZOGW"}, headers=officer)
    assert any(h["list"] == "nonpro-determinations" for h in alias.json()["hits"])


def test_register_crud_waiver_expiring_and_notice(client: TestClient, bearer: Bearer) -> None:
    officer = bearer(Role.SANCTIONS_OFFICER)
    created = client.post("/api/sanctions/determinations", json=DETERMINATION, headers=officer)
    determination = created.json()["determination"]
    ident = determination["id"]
    assert determination["expires_on"] == add_term(MADE, years=2).isoformat()

    listed = client.get("/api/sanctions/determinations?active=true", headers=officer).json()
    assert [d["id"] for d in listed] == [ident]
    shown = client.get(f"/api/sanctions/determinations/{ident}", headers=officer).json()
    assert shown["status"] == "active"
    soon = client.get("/api/sanctions/expiring?within_days=800", headers=officer).json()
    assert [d["id"] for d in soon] == [ident]
    assert client.get("/api/sanctions/expiring?within_days=30", headers=officer).json() == []

    markdown = client.get(f"/api/sanctions/determinations/{ident}/notice", headers=officer)
    assert markdown.status_code == 200
    assert "Zenith Orbital Guidance Works" in markdown.text
    assert markdown.headers["content-disposition"] == f'attachment; filename="notice-{ident}.md"'
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "not less than two years" in markdown.text
    docx = client.get(f"/api/sanctions/determinations/{ident}/notice?format=docx", headers=officer)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "SUPPLEMENTARY INFORMATION" in text

    waived = client.post(
        f"/api/sanctions/determinations/{ident}/waivers",
        json={"effective_date": today().isoformat(), "note": "national security"},
        headers=officer,
    )
    assert waived.status_code == 201, waived.text
    assert waived.json()["determination"]["status"] == "waived"
    assert waived.json()["list_entries"] == 0
    again = client.post(
        f"/api/sanctions/determinations/{ident}/terminations",
        json={"effective_date": today().isoformat()},
        headers=officer,
    )
    assert again.status_code == 409


def test_only_sanctions_officers_record(client: TestClient, bearer: Bearer) -> None:
    response = client.post(
        "/api/sanctions/determinations", json=DETERMINATION, headers=bearer(Role.ANALYST)
    )
    assert response.status_code == 403
    missing = client.get("/api/sanctions/determinations/nope", headers=bearer(Role.VIEWER, "v2"))
    assert missing.status_code == 404


def test_authorities_data_is_served(client: TestClient, bearer: Bearer) -> None:
    body = client.get("/api/sanctions/authorities", headers=bearer(Role.VIEWER)).json()
    assert [a["code"] for a in body["authorities"]][:2] == ["AECA 72", "AECA 73"]


def test_evaluate_decides_on_the_activity_date_and_asks_what_the_data_cannot_say(
    client: TestClient, bearer: Bearer
) -> None:
    viewer = bearer(Role.VIEWER)
    india = {
        **FACTS,
        "item": {"annex_item": "3.A.2"},
        "activity": {"kind": "transfer", "knowing": True, "date": "2015-03-01"},
        "destination": {"country": "India"},
    }
    body = client.post("/api/sanctions/evaluate", json=india, headers=viewer).json()
    assert body["facts_date"] == "2015-03-01"
    assert body["destination"]["mtcr_adherent"] is False
    assert any("it joined 2016-06-27" in e for e in body["destination"]["evidence"])
    czech = {**india, "activity": {**india["activity"], "date": "1998-06-01"}}
    czech["destination"] = {"country": "Czech Republic"}
    response = client.post("/api/sanctions/evaluate", json=czech, headers=viewer)
    assert response.status_code == 200, response.text
    body = response.json()
    found = {a["authority"]: a for a in body["authorities"]}
    assert found["AECA 73"]["applies"] is None and found["AECA 73"]["information_needed"]
    (needed,) = body["information_needed"]
    assert needed["field"] == "destination.mtcr_adherent" and needed["date"] == "1998-06-01"
    bad = {**czech, "destination": {"country": "Czech Republic", "mtcr_adherent": "perhaps"}}
    response = client.post("/api/sanctions/evaluate", json=bad, headers=viewer)
    assert response.status_code == 422
    assert response.json()["error"]["field"].endswith("mtcr_adherent")


def test_register_refuses_terms_the_statute_does_not_allow_and_flags_duplicates(
    client: TestClient, bearer: Bearer
) -> None:
    officer = bearer(Role.SANCTIONS_OFFICER)
    cat_ii = {
        **DETERMINATION,
        "authorities": [{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(A)"]}],
        "measures": ["contracts_missile", "licenses_missile"],
        "term": {"years": 3},
    }
    response = client.post("/api/sanctions/determinations", json=cat_ii, headers=officer)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "term" and "for a period of 2 years" in error["message"]
    ban = {**cat_ii, "term": {"years": 2}, "measures": ["contracts_missile", "import_ban"]}
    ban["authorities"] = [{"authority": "AECA 73"}]
    ban["substantial_contribution"] = False
    response = client.post("/api/sanctions/determinations", json=ban, headers=officer)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "substantial_contribution"
    assert (
        client.post(
            "/api/sanctions/determinations", json=DETERMINATION, headers=officer
        ).status_code
        == 201
    )
    again = client.post("/api/sanctions/determinations", json=DETERMINATION, headers=officer)
    assert again.status_code == 422
    assert again.json()["error"]["field"] == "acknowledge_duplicate"
    acknowledged = {**DETERMINATION, "acknowledge_duplicate": True}
    assert (
        client.post("/api/sanctions/determinations", json=acknowledged, headers=officer).status_code
        == 201
    )
