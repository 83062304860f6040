"""Web sessions kept on the server: started at sign-in, checked every request, ended for good.

The signed cookie holds only a random key; the row says whether that key still opens anything.
A session ends when its user signs out, is disabled, changes or is given a new password, or
their agency is deactivated; it lapses when unused for the idle time or older than its lifetime.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from nonpro.accounts.errors import SessionEnded
from nonpro.accounts.models import User, WebSession
from nonpro.core import audit
from nonpro.core.clock import utcnow

# "Last seen" to the minute is all the idle check needs; writing it on every request would make
# each page read a write.
SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionLimits:
    """How long a web session lasts: unused (``idle``) and in all (``lifetime``)."""

    idle: timedelta
    lifetime: timedelta


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start_session(user: User, *, session: Session) -> str:
    """A new session for ``user``; returns the key for the signed cookie (never stored)."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    row = WebSession(user=user, key_hash=_digest(key), created_at=now, last_seen_at=now)
    session.add(row)
    _record(row, "session.start", session=session)
    return key


def _record(row: WebSession, action: str, *, session: Session) -> None:
    session.flush()
    username = row.user.username
    target = f"user:{username}"
    audit.record(
        session, actor=username, action=action, target=target, payload={"session": str(row.id)}
    )


def session_user(key: str, *, session: Session, limits: SessionLimits) -> User:
    """The user of the live session ``key``, or ``SessionEnded``; notes it as seen."""
    row = session.scalar(select(WebSession).where(WebSession.key_hash == _digest(key)))
    now = utcnow()
    if row is None or row.ended_at is not None:
        raise SessionEnded("your session has ended; please sign in")
    if now - row.created_at >= limits.lifetime or now - row.last_seen_at >= limits.idle:
        raise SessionEnded("your session has expired; please sign in again")
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        row.last_seen_at = now
    return row.user


def end_session(key: str, *, session: Session) -> None:
    """End the session ``key`` (signing out); an unknown or ended one is left as it is."""
    row = session.scalar(select(WebSession).where(WebSession.key_hash == _digest(key)))
    if row is None or row.ended_at is not None:
        return
    row.ended_at = utcnow()
    _record(row, "session.end", session=session)


def end_sessions_of(users: list[User], *, session: Session, keep: str | None = None) -> int:
    """End every live session of ``users`` but ``keep`` (the one making the change); how many.

    The caller's own audit record says why (a disable, a password change, a deactivation).
    """
    if not users:
        return 0
    ended = (
        update(WebSession)
        .where(
            WebSession.user_id.in_([user.id for user in users]),
            WebSession.ended_at.is_(None),
        )
        .values(ended_at=utcnow())
    )
    if keep is not None:
        ended = ended.where(WebSession.key_hash != _digest(keep))
    result = session.execute(ended.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)
