"""Bearer tokens per role for API tests (``client`` is shared, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal


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
