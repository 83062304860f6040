"""The missile data sets and the treaties' compiled reference data, in the test's session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.treaties import services as treaties
from tests.programs.data import load_all


@pytest.fixture
def loaded(db_session: Session, operator: Principal, shared_data: Path) -> Session:
    load_all(shared_data, session=db_session, actor=operator)
    treaties.load_reference(session=db_session, actor=operator)
    return db_session
