"""The append-only audit log, its hash chain, and the keyed signatures that anchor it.

Each row's hash covers its own canonical content (every column) and the previous row's hash, so
editing or deleting any row breaks the chain from that row on. Rows are written by ``record``
inside the caller's transaction, so an audited write and its audit row commit or roll back
together.

A chain alone cannot tell a forged log whose hashes were all recomputed, nor a log cut short at
its end. So each row also carries ``mac``, an HMAC of its hash under the audit key, which is kept
outside the database (``NONPRO_AUDIT_KEY_FILE``, by default var/audit_key, made on first use);
and every ``ANCHOR_EVERY`` rows, and on each verification, a signed anchor row records how long
the log was and its head hash. Rows written before the signatures (migration platform_0002) are
accepted unsigned, only as the log's first rows: the first verification anchors them.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import JSON, Integer, String, Text, func, select, text
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
    # HMAC of ``hash`` under the audit key; None only for rows older than the signatures.
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AuditAnchor(Base):
    """A signed statement "the log had ``count`` rows, the last hashing to ``head_hash``"."""

    __tablename__ = "audit_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    head_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    mac: Mapped[str] = mapped_column(String(64), nullable=False)


ANCHOR_EVERY = 100
AUDIT_KEY_FILE_VARIABLE = "NONPRO_AUDIT_KEY_FILE"
DEFAULT_AUDIT_KEY_FILE = Path("var/audit_key")


def audit_key_file() -> Path:
    return Path(os.environ.get(AUDIT_KEY_FILE_VARIABLE) or DEFAULT_AUDIT_KEY_FILE)


@functools.cache
def _key_in(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole to a private file first, then linked into place: two workers starting at
        # once share one key, and neither can read a key file that is still being written.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def _sign(text: str) -> str:
    return hmac.new(_key_in(audit_key_file().resolve()), text.encode("utf-8"), "sha256").hexdigest()


def entry_mac(entry_hash: str) -> str:
    return _sign(f"entry:{entry_hash}")


def anchor_mac(count: int, head_hash: str) -> str:
    return _sign(f"anchor:{count}:{head_hash}")


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, non-JSON types as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


# Every column but the hash itself and its signature.
HASHED_FIELDS = ("seq", "at", "actor", "action", "target", "payload", "prev_hash", "note")


def compute_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    target: str,
    payload: Any,
    prev_hash: str,
    note: str | None = None,
) -> str:
    content: dict[str, Any] = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "target": target,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    # Only a note that is there is hashed: rows hashed before notes were covered (all without
    # one) keep their hashes, and a note added to any row later breaks its hash.
    if note is not None:
        content["note"] = note
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


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
    entry_hash = compute_hash(**fields)
    entry = AuditEntry(**fields, hash=entry_hash, mac=entry_mac(entry_hash))
    session.add(entry)
    if seq % ANCHOR_EVERY == 0:
        session.add(_anchor(seq, entry_hash))
    session.flush()
    return entry


def _anchor(count: int, head_hash: str) -> AuditAnchor:
    return AuditAnchor(
        at=utcnow(), count=count, head_hash=head_hash, mac=anchor_mac(count, head_hash)
    )


class Actor(Protocol):
    """Whoever acts (a signed-in user, a token), as the log names them."""

    @property
    def username(self) -> str: ...


def record_by(
    session: Session, actor: Actor, action: str, target: str, payload: dict[str, Any] | None = None
) -> AuditEntry:
    """``record`` what ``actor`` (a principal) did: the form a service uses."""
    return record(session, actor=actor.username, action=action, target=target, payload=payload)


@dataclass(frozen=True)
class CapabilityLog:
    """One capability's rows of the log: actions ``<name>.<verb>``, targets ``<name>:<key>``."""

    name: str

    def record(
        self, session: Session, actor: Actor, action: str, target: str, payload: dict[str, Any]
    ) -> AuditEntry:
        return record_by(session, actor, f"{self.name}.{action}", f"{self.name}:{target}", payload)


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


@dataclass(frozen=True)
class Anchor:
    """What an anchor row says, as exported (``nonpro audit anchor --out``) and read back."""

    count: int
    head_hash: str
    mac: str


def verify_chain(session: Session, *, kept_anchor: Anchor | None = None) -> ChainVerdict:
    """Walk the log in order; the first row that does not follow from its predecessor, or whose
    signature does not match, is named; then every anchor (and ``kept_anchor``, one kept outside
    the database) must match the rows it covers, so rows deleted at the end below the newest
    anchor are found too."""
    anchors = [
        Anchor(row.count, row.head_hash, row.mac)
        for row in session.scalars(select(AuditAnchor).order_by(AuditAnchor.count))
    ]
    anchors += [kept_anchor] if kept_anchor is not None else []
    for anchor in anchors:
        if not hmac.compare_digest(anchor.mac, anchor_mac(anchor.count, anchor.head_hash)):
            return ChainVerdict(
                False,
                0,
                anchor.count,
                f"the anchor at row {anchor.count} is not signed "
                "with this audit key (forged, or the key changed)",
            )
    heads = {anchor.count: anchor.head_hash for anchor in anchors}
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    signed = False
    for entry in _rows(session):
        problem = _row_problem(entry, expected_seq, expected_prev, signed=signed)
        if problem is not None:
            return ChainVerdict(False, checked, entry.seq, problem)
        if entry.seq in heads and heads[entry.seq] != entry.hash:
            return ChainVerdict(
                False, checked, entry.seq, "does not match the signed anchor of this row"
            )
        signed = signed or entry.mac is not None
        expected_prev = entry.hash
        expected_seq += 1
        checked += 1
    beyond = [anchor.count for anchor in anchors if anchor.count > checked]
    if beyond:
        return ChainVerdict(
            False,
            checked,
            checked + 1,
            f"rows {checked + 1}-{max(beyond)} are missing: a signed anchor says the log had "
            f"{max(beyond)} rows",
        )
    return ChainVerdict(True, checked)


def _row_problem(
    entry: AuditEntry, expected_seq: int, expected_prev: str, *, signed: bool
) -> str | None:
    if entry.seq != expected_seq:
        return f"row {expected_seq} is missing (next found: {entry.seq})"
    if entry.prev_hash != expected_prev:
        return "previous-hash link does not match the row before"
    actual = compute_hash(**{name: getattr(entry, name) for name in HASHED_FIELDS})
    if actual != entry.hash:
        return "content does not match its hash"
    if entry.mac is None:
        return "unsigned row after signed ones" if signed else None
    if not hmac.compare_digest(entry.mac, entry_mac(entry.hash)):
        return "signature does not match: forged, or written with another audit key"
    return None


def anchor_head(session: Session) -> Anchor | None:
    """Sign the log's current length and head hash (after a verification found it intact), so a
    later cut below this point is found; the anchor, to keep outside the database as well."""
    _lock_chain(session)
    head = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if head is None:
        return None
    latest = session.scalar(select(func.max(AuditAnchor.count)))
    if latest != head.seq:
        session.add(_anchor(head.seq, head.hash))
        session.flush()
    return Anchor(head.seq, head.hash, anchor_mac(head.seq, head.hash))


def entries(
    session: Session,
    *,
    target: str | None = None,
    action: str | None = None,
    limit: int = 100,
    before: int | None = None,
) -> list[AuditEntry]:
    """The newest rows first, optionally for one target or action; ``before`` a row number, the
    rows older than it (the log is append-only, so a page is a range of row numbers)."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    if target is not None:
        query = query.where(AuditEntry.target == target)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query))
