"""A seeded calendar and the agencies, in the test's rolled-back session (both databases)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import services

TODAY = date(2026, 11, 22)


@pytest.fixture
def seeded(db_session: Session, operator: Principal) -> tuple[int, int, int]:
    accounts.seed_agencies(session=db_session, actor=operator)
    return services.load_reference(session=db_session, actor=operator, today=TODAY)
