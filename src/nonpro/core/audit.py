"""The append-only audit log and its hash chain.

Each row's hash covers its own canonical content and the previous row's hash, so editing or
deleting any row breaks the chain from that row on. Rows are written by ``record`` inside the
caller's transaction, so an audited write and its audit row commit or roll back together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Integer, String, Text, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from nonpro.core.clock import utcnow
from nonpro.core.db import Base, UTCDateTime

GENESIS_HASH = "0" * 64
# One constant key for PostgreSQL's transaction-level advisory lock: two concurrent writers
# must not both read the same "previous hash" and fork the chain.
_CHAIN_LOCK_KEY = 7_310_041


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    target: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, non-JSON types as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


HASHED_FIELDS = ("seq", "at", "actor", "action", "target", "payload", "prev_hash")


def compute_hash(
    *, seq: int, at: datetime, actor: str, action: str, target: str, payload: Any, prev_hash: str
) -> str:
    content = canonical_json(
        {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "target": target,
            "payload": payload,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})


def record(
    session: Session, *, actor: str, action: str, target: str, payload: dict[str, Any] | None = None
) -> AuditEntry:
    """Append one row to the log in the caller's transaction; flushes, never commits."""
    _lock_chain(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS_HASH if last is None else last.hash
    # Round-trip through canonical JSON so what is stored hashes exactly as what was hashed.
    stored_payload = json.loads(canonical_json(payload or {}))
    fields: dict[str, Any] = {
        "seq": seq,
        "at": utcnow(),
        "actor": actor,
        "action": action,
        "target": target,
        "payload": stored_payload,
        "prev_hash": prev_hash,
    }
    entry = AuditEntry(**fields, hash=compute_hash(**fields))
    session.add(entry)
    session.flush()
    return entry


class Actor(Protocol):
    """Whoever acts (a signed-in user, a token), as the log names them."""

    @property
    def username(self) -> str: ...


@dataclass(frozen=True)
class CapabilityLog:
    """One capability's rows of the log: actions ``<name>.<verb>``, targets ``<name>:<key>``."""

    name: str

    def record(
        self, session: Session, actor: Actor, action: str, target: str, payload: dict[str, Any]
    ) -> AuditEntry:
        return record(
            session,
            actor=actor.username,
            action=f"{self.name}.{action}",
            target=f"{self.name}:{target}",
            payload=payload,
        )


@dataclass(frozen=True)
class ChainVerdict:
    intact: bool
    rows_checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def _rows(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000)
    )


def verify_chain(session: Session) -> ChainVerdict:
    """Walk the log in order; the first row that does not follow from its predecessor is named."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in _rows(session):
        if entry.seq != expected_seq:
            return ChainVerdict(
                False,
                checked,
                entry.seq,
                f"row {expected_seq} is missing (next found: {entry.seq})",
            )
        if entry.prev_hash != expected_prev:
            return ChainVerdict(
                False, checked, entry.seq, "previous-hash link does not match the row before"
            )
        actual = compute_hash(**{name: getattr(entry, name) for name in HASHED_FIELDS})
        if actual != entry.hash:
            return ChainVerdict(False, checked, entry.seq, "content does not match its hash")
        expected_prev = entry.hash
        expected_seq += 1
        checked += 1
    return ChainVerdict(True, checked)


def entries(
    session: Session, *, target: str | None = None, action: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    """The newest rows first, optionally for one target or action."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if target is not None:
        query = query.where(AuditEntry.target == target)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query))
