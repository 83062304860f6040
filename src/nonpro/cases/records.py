"""A stored case: finding it by id or reference, reading it as someone allowed to, adding to
its history. The ground every case use case stands on (`services`, `documents`, `hits`, `letter`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from nonpro.accounts.schemas import Principal
from nonpro.cases.access import may_see
from nonpro.cases.errors import StaleVersion
from nonpro.cases.models import Case, CaseEvent
from nonpro.core import audit
from nonpro.core.errors import NotFound


def find_case(key: str | uuid.UUID, *, session: Session) -> Case | None:
    """A case by id or by reference, or None."""
    try:
        return session.get(Case, key if isinstance(key, uuid.UUID) else uuid.UUID(key))
    except ValueError:
        return session.scalar(select(Case).where(Case.reference == key))


def get_case(key: str | uuid.UUID, *, session: Session, reader: Principal | None = None) -> Case:
    """A case by id or by reference; with ``reader``, only if that person may see it.

    A case the reader may not see is "case KEY not found", the very words said of a case that
    does not exist: a refusal must not tell a representative that a case exists, which
    reference an id belongs to, or (further on) its status and version. Every use case acting
    for someone passes them as ``reader``; only the system's own look-ups leave it out."""
    case = find_case(key, session=session)
    if case is None or (reader is not None and not may_see(case, reader, session=session)):
        raise NotFound("case", key)
    return case


def save_new_version(session: Session, case: Case, expected: int, now: datetime) -> None:
    """Write the change as the case's next version; a concurrent writer's flush fails here."""
    case.updated_at = now
    case.version = expected + 1
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        current = session.scalar(select(Case.version).where(Case.reference == case.reference))
        raise StaleVersion(case.reference, expected, current or expected + 1) from None


def check_version(case: Case, expected: int) -> None:
    if case.version != expected:
        raise StaleVersion(case.reference, expected, case.version)


def disposition_note(party: str, entry_id: str, decision: str, note: str) -> str:
    """The history line of a decision on a party's hit, by which the assessment knows the
    dispositions written on this case from those written on another."""
    return f"{party} ~ {entry_id}: {decision} {note}".strip()


def record_event(
    session: Session,
    case: Case,
    actor: Principal,
    action: str,
    note: str = "",
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    payload: dict[str, object] | None = None,
) -> None:
    """A history line on the case and its audit row, in the caller's transaction."""
    case.events.append(
        CaseEvent(
            actor=actor.username,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    )
    audit.record(
        session,
        actor=actor.username,
        action=f"case.{action}",
        target=f"case:{case.reference}",
        payload={"from": from_status, "to": to_status, "note": note, **(payload or {})},
    )
