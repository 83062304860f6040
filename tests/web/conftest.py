"""The app wired to the rolled-back test session, for page tests through TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from nonpro.api.deps import get_session
from nonpro.app import create_app
from nonpro.core.settings import Settings


@pytest.fixture
def client(engine: Engine, db_session: Session) -> Iterator[TestClient]:
    settings = Settings(
        database_url=str(engine.url.render_as_string(hide_password=False)),
        secret_key="test-secret-key-" + "x" * 32,
        sign_in_attempts=3,
    )
    app = create_app(settings, engine)

    def session_override() -> Iterator[Session]:
        yield db_session
        db_session.commit()

    app.dependency_overrides[get_session] = session_override
    with TestClient(app) as test_client:
        yield test_client


PASSWORD = "correct horse battery staple"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    return response.status_code
