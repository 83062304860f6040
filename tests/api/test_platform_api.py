"""The platform API: health, authentication, role checks, audit."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from nonpro.accounts.models import Agency, User
from nonpro.accounts.rules import Role
from nonpro.core.audit import AuditEntry

Bearer = Callable[..., dict[str, str]]
NEW_USER = {"username": "newbie", "role": "analyst", "password": "a long enough password"}


def test_health_names_the_backend(client: TestClient, engine: Engine) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == engine.dialect.name
    assert body["status"] == "ok" and body["migrated"] is True and body["version"]


def test_missing_or_bad_token_is_401(client: TestClient) -> None:
    assert client.get("/api/me").status_code == 401
    response = client.get("/api/me", headers={"Authorization": "Bearer np_forged"})
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "InvalidToken"


def test_me(client: TestClient, bearer: Bearer) -> None:
    response = client.get("/api/me", headers=bearer(Role.AGENCY_REVIEWER, "rep", "DEFENSE_DTSA"))
    assert response.json() == {
        "username": "rep",
        "role": "agency_reviewer",
        "agency_code": "DEFENSE_DTSA",
    }


def test_viewer_write_is_403_and_changes_nothing(
    client: TestClient, bearer: Bearer, db_session: Session
) -> None:
    headers = bearer(Role.VIEWER)
    users_before = db_session.scalar(select(func.count()).select_from(User))
    audit_before = db_session.scalar(select(func.count()).select_from(AuditEntry))
    for method, path, body in [
        ("post", "/api/users", NEW_USER),
        ("post", "/api/agencies", {"code": "ROGUE", "name": "Rogue agency"}),
        ("patch", "/api/agencies/IC", {"name": "Renamed"}),
        ("post", "/api/users/viewer-user/disable", None),
        ("post", "/api/users/viewer-user/enable", None),
    ]:
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code == 403, (path, response.text)
        assert response.json()["error"]["type"] == "PermissionDenied"
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(User)) == users_before
    assert db_session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
    assert db_session.scalar(select(Agency).where(Agency.code == "ROGUE")) is None
    assert db_session.scalar(select(Agency.name).where(Agency.code == "IC")) != "Renamed"


def test_admin_creates_a_user_who_can_then_use_the_api(client: TestClient, bearer: Bearer) -> None:
    admin = bearer(Role.ADMIN)
    response = client.post("/api/users", json=NEW_USER, headers=admin)
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "analyst"
    token = client.post("/api/tokens", json={"username": "newbie", "name": "x"}, headers=admin)
    assert token.status_code == 201
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token.json()['token']}"})
    assert me.json()["username"] == "newbie"


def test_bad_input_names_the_field(client: TestClient, bearer: Bearer) -> None:
    admin = bearer(Role.ADMIN)
    response = client.post("/api/users", json={**NEW_USER, "password": "short"}, headers=admin)
    assert response.status_code == 422
    assert "password" in str(response.json()["detail"][0]["loc"])
    response = client.post("/api/users", json={**NEW_USER, "agency": "NOPE"}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "agency"
    duplicate = client.post(
        "/api/users", json={**NEW_USER, "username": "admin-user"}, headers=admin
    )
    assert duplicate.status_code == 409


def test_audit_api_reads_and_verifies(client: TestClient, bearer: Bearer) -> None:
    admin = bearer(Role.ADMIN)
    client.post("/api/users", json=NEW_USER, headers=admin)
    rows = client.get("/api/audit", params={"target": "user:newbie"}, headers=admin).json()
    assert rows[0]["action"] == "user.create" and rows[0]["actor"] == "admin-user"
    verdict = client.get("/api/audit/verify", headers=admin).json()
    assert verdict["intact"] is True and verdict["rows_checked"] >= 1
    assert client.get("/api/audit", headers=bearer(Role.ANALYST)).status_code == 403


def test_country_resolution(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.VIEWER)
    assert (
        client.get("/api/countries/resolve", params={"name": "Persia"}, headers=headers).json()[
            "alpha_3"
        ]
        == "IRN"
    )
    response = client.get("/api/countries/resolve", params={"name": "Atlantis"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "country"


def test_openapi_is_served(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/health" in spec["paths"] and "/api/users" in spec["paths"]
    assert client.get("/docs").status_code == 200
