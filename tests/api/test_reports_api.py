"""/api/programs and /api/reports: the same figures as the CLI; generation needs write_reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.programs.data import cns_year, load_all

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

Bearer = Callable[..., dict[str, str]]


@pytest.fixture
def loaded(db_session: Session, operator: Principal, shared_data: Path) -> None:
    load_all(shared_data, session=db_session, actor=operator)


def test_programs(client: TestClient, bearer: Bearer, loaded: None, shared_data: Path) -> None:
    headers = bearer(Role.VIEWER)
    tests = client.get(
        "/api/programs/tests", params={"country": "PRK", "year": 2023}, headers=headers
    ).json()
    assert len(tests) == cns_year(shared_data, 2023)[0]
    icbm = client.get("/api/programs/systems?country=PRK&class=ICBM", headers=headers).json()
    assert {"Hwasong-17", "Hwasong-18"} <= {s["name"] for s in icbm}
    summary = client.get(
        "/api/programs/countries/North Korea?as_of=2024-01-01", headers=headers
    ).json()
    assert summary["country"] == "PRK" and summary["tests_by_year"]["2023"] == 33
    out = client.get("/api/programs/transfers?country=PRK&direction=out", headers=headers)
    assert out.status_code == 200 and out.json()
    assert client.get("/api/programs/systems?class=ABM", headers=headers).status_code == 422
    imports = client.get("/api/programs/imports", headers=headers).json()
    assert len(imports) == 3


def test_reports(client: TestClient, bearer: Bearer, loaded: None, shared_data: Path) -> None:
    viewer = bearer(Role.VIEWER)
    figures = client.get("/api/reports/annual/2022", headers=viewer).json()
    assert figures["countries"][0]["flight_tests"] == cns_year(shared_data, 2022)[0]
    request = {"kind": "annual", "year": 2022, "format": "docx"}
    assert client.post("/api/reports", json=request, headers=viewer).status_code == 403
    analyst = bearer(Role.ANALYST)
    unmarked = client.post("/api/reports", json=request, headers=analyst)
    assert unmarked.status_code == 422 and "marking" in unmarked.text
    request["marking"] = "unclassified"
    made = client.post("/api/reports", json=request, headers=analyst)
    assert made.status_code == 201, made.text
    archived = made.json()
    assert archived["input_hash"] == figures["input_hash"]
    assert archived["filename"] == "annual-report-2022.docx"
    file = client.get(f"/api/reports/{archived['id']}/file", headers=viewer)
    assert file.status_code == 200 and file.content[:2] == b"PK"
    assert [r["id"] for r in client.get("/api/reports", headers=viewer).json()] == [archived["id"]]
    bad = client.post("/api/reports", json={"kind": "emergency"}, headers=analyst)
    assert bad.status_code == 422
    emergency = client.get(
        "/api/reports/emergency?from=2025-01-01&to=2025-06-30", headers=viewer
    ).json()
    assert emergency["referrals"] == {} and emergency["determinations"] == []
    profile = client.get("/api/reports/countries/IRN?as_of=2025-01-01", headers=viewer).json()
    assert profile["name"] == "Iran" and profile["transfers_in"]
    assert client.get("/api/reports/nope/file", headers=viewer).status_code == 422
