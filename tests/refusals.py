"""For the tests that call a write service directly with an actor who lacks its permission: the
actors, and the row counts that must not move."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

OFFICER = Principal(username="mo", role=Role.MULTILATERAL_OFFICER)
# A viewer reads everything; an analyst works cases and lists; neither keeps the multilateral
# office's calendar, registers and files.
REFUSED = [
    Principal(username="vic", role=Role.VIEWER),
    Principal(username="ann", role=Role.ANALYST),
]


def row_counts(session: Session, tables: tuple[type[Any], ...]) -> dict[str, int]:
    return {t.__name__: session.scalar(select(func.count()).select_from(t)) or 0 for t in tables}
