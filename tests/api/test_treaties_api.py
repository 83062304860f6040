"""The treaties API: the same questions and JSON shapes as the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.treaties.pages import store_everything

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

Bearer = Callable[..., dict[str, str]]
NINE = ["CHN", "EGY", "IND", "IRN", "ISR", "PAK", "PRK", "RUS", "USA"]


@pytest.fixture
def stored(db_session: Session, operator: Principal, shared_data: Path) -> None:
    store_everything(shared_data, session=db_session, actor=operator)


def _statuses(body: dict[str, object]) -> dict[str, str]:
    instruments = body["instruments"]
    assert isinstance(instruments, list)
    return {i["instrument"]: i["status"] for i in instruments}


def test_the_must_shows(client: TestClient, bearer: Bearer, stored: None) -> None:
    headers = bearer(Role.VIEWER)
    body = client.get(
        "/api/treaties/status/Russia", params={"as_of": "2023-01-01"}, headers=headers
    ).json()
    assert body["state"] == "RUS" and body["as_of"] == "2023-01-01"
    assert _statuses(body)["CTBT"] == "consented"  # ratified; the CTBT is not in force
    body = client.get("/api/treaties/status/RUS?as_of=2024-01-01", headers=headers).json()
    assert _statuses(body)["CTBT"] == "signatory"
    eif = client.get("/api/treaties/eif/CTBT", headers=headers).json()
    assert eif["required_outstanding"] == NINE and not eif["in_force"]
    parties = client.get("/api/treaties/parties/NPT?as_of=1980-01-01", headers=headers).json()
    assert "SUN" in parties["states"] and parties["instrument"] == "NPT"
    body = client.get("/api/treaties/status/SVK?as_of=1993-01-01", headers=headers).json()
    assert _statuses(body)["NPT"] == "party"
    check = client.get("/api/treaties/check", headers=headers).json()
    assert check["checked"] == 40 and all(d["explanation"] for d in check["discrepancies"])


def test_questions_changes_timeline(client: TestClient, bearer: Bearer, stored: None) -> None:
    headers = bearer(Role.VIEWER)
    answer = client.get("/api/treaties/questions/mtcr-not-hcoc", headers=headers).json()
    assert answer["states"] == ["BRA"]
    answer = client.get(
        "/api/treaties/filter",
        params={"having": ["NPT", "IAEA_CSA"], "lacking": "IAEA_AP"},
        headers=headers,
    ).json()
    assert "IRN" in answer["states"]
    assert len(client.get("/api/treaties/questions", headers=headers).json()) >= 2
    changes = client.get(
        "/api/treaties/changes/CTBT",
        params={"from": "2023-01-01", "to": "2024-12-31"},
        headers=headers,
    ).json()
    assert ("RUS", "signatory") in {(c["state"], c["after"]) for c in changes["changes"]}
    timeline = client.get("/api/treaties/timeline/CTBT", headers=headers).json()
    assert (timeline[-1]["parties"], timeline[-1]["consented"]) == (0, 179)
    assert client.get("/api/treaties/instruments/ctbt", headers=headers).json()["code"] == "CTBT"
    assert {i["source"] for i in client.get("/api/treaties/imports", headers=headers).json()} == {
        "nonpro",
        "untc",
        "unoda",
    }


def test_errors(client: TestClient, bearer: Bearer, stored: None) -> None:
    assert client.get("/api/treaties/parties/NPT").status_code == 401
    headers = bearer(Role.VIEWER)
    response = client.get("/api/treaties/parties/NPT?as_of=2024-13-01", headers=headers)
    assert response.status_code == 422 and response.json()["error"]["field"] == "as_of"
    response = client.get("/api/treaties/status/Narnia", headers=headers)
    assert response.status_code == 422 and response.json()["error"]["field"] == "state"
    assert client.get("/api/treaties/eif/XYZ", headers=headers).status_code == 404


def test_upload_needs_manage_treaties(client: TestClient, bearer: Bearer, tmp_path: Path) -> None:
    csv = b"state,instrument,event,date,source\nFRA,MTCR,admission,1987-04-16,https://mtcr.info\n"
    files = {"file": ("mtcr.csv", csv, "text/csv")}
    viewer = bearer(Role.VIEWER)
    assert client.post("/api/treaties/imports", files=files, headers=viewer).status_code == 403
    officer = bearer(Role.MULTILATERAL_OFFICER)
    response = client.post("/api/treaties/imports", files=files, headers=officer)
    assert response.status_code == 200, response.text
    assert response.json()["imported"]["event_count"] == 1
    assert response.json()["source"] == "file:mtcr.csv"
    assert response.json()["imported"]["origin"] == "upload:mtcr.csv"
    parties = client.get("/api/treaties/parties/MTCR", headers=viewer).json()
    assert parties["states"] == ["FRA"]
    bad = {"file": ("notes.txt", b"hello", "text/plain")}
    assert client.post("/api/treaties/imports", files=bad, headers=officer).status_code == 422
