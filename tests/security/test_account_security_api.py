"""Tokens, agencies and passwords over the API (issue 19, items 5, 6 and 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts import services
from nonpro.accounts.models import ApiToken
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import utcnow

Bearer = Callable[..., dict[str, str]]
TEST_PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "plum tractor velvet oxide"


def test_a_token_made_with_an_expiry_is_refused_once_expired(
    client: TestClient, bearer: Bearer, db_session: Session
) -> None:
    headers = bearer(Role.ANALYST, "ana")
    response = client.post(
        "/api/tokens", json={"name": "week", "expires_in_days": 7}, headers=headers
    )
    assert response.status_code == 201 and response.json()["expires_at"]
    weekly = {"Authorization": f"Bearer {response.json()['token']}"}
    assert client.get("/api/me", headers=weekly).status_code == 200
    token = db_session.scalar(select(ApiToken).where(ApiToken.name == "week"))
    assert token is not None
    token.expires_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    refused = client.get("/api/me", headers=weekly)
    assert refused.status_code == 401
    assert refused.json()["error"]["type"] == "TokenExpired"
    assert "expired on" in refused.json()["error"]["message"]


def test_a_token_expiry_out_of_range_is_422_naming_the_field(
    client: TestClient, bearer: Bearer
) -> None:
    response = client.post("/api/tokens", json={"expires_in_days": 0}, headers=bearer(Role.ANALYST))
    assert response.status_code == 422
    assert "expires_in_days" in str(response.json()["detail"][0]["loc"])


def test_deactivating_an_agency_refuses_its_representatives_tokens_at_once(
    client: TestClient, bearer: Bearer
) -> None:
    admin = bearer(Role.ADMIN, "root")
    rep = bearer(Role.AGENCY_REVIEWER, "rep", "DEFENSE_DTSA")
    assert client.get("/api/me", headers=rep).status_code == 200
    response = client.patch("/api/agencies/DEFENSE_DTSA", json={"active": False}, headers=admin)
    assert response.status_code == 200
    assert client.get("/api/me", headers=rep).status_code == 401
    assert client.get("/api/me", headers=admin).status_code == 200


def test_a_user_who_must_change_their_password_may_only_change_it(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    headers = bearer(Role.ANALYST, "ana")
    services.reset_password("ana", session=db_session, actor=operator)
    db_session.commit()
    refused = client.get("/api/cases", headers=headers)
    assert refused.status_code == 403
    assert "must change your password" in refused.json()["error"]["message"]
    assert client.get("/api/me", headers=headers).status_code == 403


def test_changing_ones_password_over_the_api(
    client: TestClient, bearer: Bearer, db_session: Session
) -> None:
    headers = bearer(Role.ANALYST, "ana")
    wrong = client.post(
        "/api/me/password",
        json={"current_password": "not it at all", "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert wrong.status_code == 422 and "current_password" in wrong.text
    weak = client.post(
        "/api/me/password",
        json={"current_password": TEST_PASSWORD, "new_password": "password12345"},
        headers=headers,
    )
    assert weak.status_code == 422 and "new_password" in weak.text
    assert "password12345" not in weak.text
    done = client.post(
        "/api/me/password",
        json={"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert done.status_code == 204
    assert services.authenticate("ana", NEW_PASSWORD, session=db_session)


def test_a_reset_user_changes_the_one_time_password_and_goes_on(
    client: TestClient, bearer: Bearer
) -> None:
    admin = bearer(Role.ADMIN, "root")
    headers = bearer(Role.ANALYST, "ana")
    reset = client.post("/api/users/ana/reset-password", headers=admin)
    assert reset.status_code == 200
    one_time = reset.json()["password"]
    assert client.get("/api/me", headers=headers).status_code == 403
    done = client.post(
        "/api/me/password",
        json={"current_password": one_time, "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert done.status_code == 204
    assert client.get("/api/me", headers=headers).status_code == 200


def test_only_a_user_manager_resets_a_password(client: TestClient, bearer: Bearer) -> None:
    bearer(Role.ANALYST, "ana")
    response = client.post("/api/users/ana/reset-password", headers=bearer(Role.CHAIR))
    assert response.status_code == 403
