"""How a change to any register is written to the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit


def record_change(
    session: Session, actor: Principal, action: str, target: str, payload: dict[str, Any]
) -> None:
    """Log ``registers.<action>`` on ``registers:<target>`` in the caller's transaction."""
    audit.record(
        session,
        actor=actor.username,
        action=f"registers.{action}",
        target=f"registers:{target}",
        payload=payload,
    )
