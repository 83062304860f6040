"""An app wired to the test's rolled-back session, and bearer tokens per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
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


@pytest.fixture
def bearer(
    db_session: Session, make_user: Callable[..., User], operator: Principal
) -> Callable[..., dict[str, str]]:
    """Headers carrying a fresh token of a new user with ``role``."""

    def headers(
        role: Role, username: str | None = None, agency: str | None = None
    ) -> dict[str, str]:
        name = username or f"{role.value.replace('_', '-')}-user"
        make_user(name, role, agency)
        _, plain = accounts.create_token(name, "test", session=db_session, actor=operator)
        return {"Authorization": f"Bearer {plain}"}

    return headers
