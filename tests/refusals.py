"""For the tests that call a write service directly with an actor who lacks its permission: the
actors, and the row counts that must not move."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import PermissionDenied

OFFICER = Principal(username="mo", role=Role.MULTILATERAL_OFFICER)
# A viewer reads everything; an analyst works cases and lists; neither keeps the multilateral
# office's calendar, registers and files.
REFUSED = [
    Principal(username="vic", role=Role.VIEWER),
    Principal(username="ann", role=Role.ANALYST),
]


def row_counts(session: Session, tables: tuple[type[Any], ...]) -> dict[str, int]:
    return {t.__name__: session.scalar(select(func.count()).select_from(t)) or 0 for t in tables}


def assert_refused_unchanged(
    session: Session, tables: tuple[type[Any], ...], write: Callable[[], object]
) -> None:
    """``write`` is refused for want of manage_multilateral, and no table gained or lost a row."""
    before = row_counts(session, tables)
    with pytest.raises(PermissionDenied, match="manage multilateral"):
        write()
    session.flush()
    assert row_counts(session, tables) == before
