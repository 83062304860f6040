"""List snapshots: load a publication, activate it only when fully stored, diff, status.

A load is one transaction per call: the new snapshot's entries are written and the previous
snapshot of the same source is deactivated together, so a failure at any point leaves the
previous snapshot active and nothing half-written.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.audit import canonical_json
from nonpro.core.errors import NotFound
from nonpro.core.logging import milliseconds_since, without_query_strings
from nonpro.screening.formats.detect import load_path
from nonpro.screening.models import ListEntryRecord, ListLoadFailure, ListSnapshot
from nonpro.screening.schemas import (
    EntryChange,
    ListEntry,
    LoadFailureOut,
    LoadOutcome,
    ParsedList,
    SnapshotDiff,
    SnapshotOut,
    SourceStatus,
)

logger = logging.getLogger(__name__)


def entry_id(entry: ListEntry) -> str:
    return f"{entry.source}:{entry.source_id}"


def content_hash(content: dict[str, object]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def hash_files(path: Path | list[Path]) -> str:
    """SHA-256 over the bytes of a file, of the files given, or of every file in a folder."""
    digest = hashlib.sha256()
    if isinstance(path, list):
        files = sorted(path)
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
    else:
        files = [path]
    for file in files:
        digest.update(file.name.encode("utf-8"))
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def snapshot_out(snapshot: ListSnapshot) -> SnapshotOut:
    return SnapshotOut.model_validate(
        {**{c: getattr(snapshot, c) for c in SnapshotOut.model_fields}, "id": str(snapshot.id)}
    )


def _counts(parsed: ParsedList) -> dict[str, dict[str, int]]:
    by_type = Counter(entry.entity_type.value for entry in parsed.entries)
    by_tag = Counter(tag for entry in parsed.entries for tag in entry.tags)
    return {"entity_type": dict(by_type), "tag": dict(by_tag)}


def active_snapshot(source: str, *, session: Session) -> ListSnapshot | None:
    return session.scalar(
        select(ListSnapshot).where(ListSnapshot.source == source, ListSnapshot.active.is_(True))
    )


def store_snapshot(
    parsed: ParsedList,
    *,
    origin: str,
    file_hash: str,
    session: Session,
    actor: Principal,
    permission: Permission = Permission.MANAGE_LISTS,
    started: float | None = None,
) -> LoadOutcome:
    """Store a parsed publication as the active snapshot of its source (unless unchanged).

    A capability that publishes a list derived from its own register (the sanctions
    determinations) passes the permission that guards that register instead. ``started``, a
    ``time.perf_counter()`` reading from before the publication was read, times the load in
    the log; without it the time is the storing alone.
    """
    started = time.perf_counter() if started is None else started
    require(actor, permission)
    previous = active_snapshot(parsed.source, session=session)
    if previous is not None and previous.file_hash == file_hash:
        outcome = LoadOutcome(source=parsed.source, snapshot=snapshot_out(previous), unchanged=True)
        _log_load(outcome, origin=origin, started=started)
        return outcome
    snapshot = ListSnapshot(
        source=parsed.source,
        publication_date=parsed.publication_date,
        origin=origin,
        file_hash=file_hash,
        entry_count=len(parsed.entries),
        counts=_counts(parsed),
        warnings=parsed.warnings,
        loaded_by=actor.username,
        active=False,
    )
    session.add(snapshot)
    session.flush()
    rows = []
    for entry in parsed.entries:
        content = entry.model_dump(mode="json", exclude_defaults=True)
        rows.append(
            {
                "snapshot_id": snapshot.id,
                "source_id": entry.source_id,
                "entity_type": entry.entity_type.value,
                "primary_name": entry.primary_name,
                "content_hash": content_hash(content),
                "content": content,
            }
        )
    if rows:
        session.execute(insert(ListEntryRecord), rows)
    if previous is not None:
        previous.active = False
        session.flush()
    snapshot.active = True
    session.flush()
    audit.record_by(
        session,
        actor,
        "lists.load",
        f"list:{parsed.source}",
        {
            "snapshot": str(snapshot.id),
            "replaces": str(previous.id) if previous else None,
            "origin": origin,
            "file_hash": file_hash,
            "entries": len(parsed.entries),
            "publication_date": parsed.publication_date,
        },
    )
    outcome = LoadOutcome(source=parsed.source, snapshot=snapshot_out(snapshot), unchanged=False)
    _log_load(outcome, origin=origin, started=started)
    return outcome


def _log_load(outcome: LoadOutcome, *, origin: str, started: float) -> None:
    snapshot = outcome.snapshot
    duration_ms = milliseconds_since(started)
    logger.info(
        "list %s loaded: %d entries, published %s, %s, in %.1f ms",
        outcome.source,
        snapshot.entry_count,
        snapshot.publication_date or "(no date)",
        "unchanged" if outcome.unchanged else "now active",
        duration_ms,
        extra={
            "source": outcome.source,
            "entries": snapshot.entry_count,
            "publication_date": snapshot.publication_date,
            "snapshot": snapshot.id,
            "unchanged": outcome.unchanged,
            "origin": without_query_strings(origin),
            "duration_ms": duration_ms,
        },
    )


def load_from_path(
    path: Path, *, source: str | None, origin: str, session: Session, actor: Principal
) -> list[LoadOutcome]:
    """Parse a file or folder (format detected) and store each publication found in it.

    Each publication's hash covers the files it was read from, so a folder where one list
    changed stores a new snapshot for that list only.
    """
    require(actor, Permission.MANAGE_LISTS)
    outcomes = []
    started = time.perf_counter()  # each publication's time includes reading it
    for parsed in load_path(path, source):
        read = [Path(name) for name in parsed.files] or [path]
        outcomes.append(
            store_snapshot(
                parsed,
                origin=origin,
                file_hash=hash_files(read),
                session=session,
                actor=actor,
                started=started,
            )
        )
        started = time.perf_counter()
    return outcomes


def record_failure(
    *, source: str | None, origin: str, problem: str, session: Session, actor: Principal
) -> None:
    """Note a failed load (in its own transaction, after the failed one rolled back)."""
    logger.error(
        "list %s failed to load from %s: %s",
        source or "(unknown)",
        without_query_strings(origin),
        without_query_strings(problem),
        extra={
            "source": source,
            "origin": without_query_strings(origin),
            "problem": without_query_strings(problem),
        },
    )
    session.add(
        ListLoadFailure(source=source, origin=origin, problem=problem, actor=actor.username)
    )
    session.flush()
    audit.record_by(
        session,
        actor,
        "lists.load_failed",
        f"list:{source or 'unknown'}",
        {"origin": origin, "problem": problem},
    )


def status(*, session: Session) -> list[SourceStatus]:
    """Every source with its active snapshot and any failure since it was loaded."""
    snapshots = list(session.scalars(select(ListSnapshot).order_by(ListSnapshot.loaded_at)))
    failures = list(session.scalars(select(ListLoadFailure).order_by(ListLoadFailure.failed_at)))
    sources = sorted({s.source for s in snapshots} | {f.source for f in failures if f.source})
    result = []
    for source in sources:
        own = [s for s in snapshots if s.source == source]
        active = next((s for s in own if s.active), None)
        since = active.loaded_at if active else None
        failed = [
            f for f in failures if f.source == source and (since is None or f.failed_at >= since)
        ]
        result.append(
            SourceStatus(
                source=source,
                active=snapshot_out(active) if active else None,
                snapshots=len(own),
                last_failure=LoadFailureOut.model_validate(failed[-1]) if failed else None,
            )
        )
    return result


def _entries_of(snapshot_id: object, *, session: Session) -> dict[str, tuple[str, str, str]]:
    rows = session.execute(
        select(
            ListEntryRecord.source_id,
            ListEntryRecord.content_hash,
            ListEntryRecord.primary_name,
            ListEntryRecord.entity_type,
        ).where(ListEntryRecord.snapshot_id == snapshot_id)
    )
    return {row.source_id: (row.content_hash, row.primary_name, row.entity_type) for row in rows}


def diff(source: str, *, session: Session) -> SnapshotDiff:
    """What the active snapshot of ``source`` added, removed and changed against the one before."""
    snapshots = list(
        session.scalars(
            select(ListSnapshot)
            .where(ListSnapshot.source == source)
            .order_by(ListSnapshot.loaded_at.desc())
        )
    )
    current = next((s for s in snapshots if s.active), None)
    if current is None:
        raise NotFound("active snapshot of list", source)
    older = [s for s in snapshots if s.loaded_at < current.loaded_at]
    previous = older[0] if older else None
    new = _entries_of(current.id, session=session)
    old = _entries_of(previous.id, session=session) if previous else {}

    def change(key: str, facts: tuple[str, str, str]) -> EntryChange:
        return EntryChange(entry_id=f"{source}:{key}", name=facts[1], entity_type=facts[2])

    return SnapshotDiff(
        source=source,
        old_snapshot=str(previous.id) if previous else None,
        new_snapshot=str(current.id),
        added=[change(k, v) for k, v in sorted(new.items()) if k not in old],
        removed=[change(k, v) for k, v in sorted(old.items()) if k not in new],
        changed=[change(k, v) for k, v in sorted(new.items()) if k in old and old[k][0] != v[0]],
    )


def active_entries(*, session: Session) -> tuple[list[ListEntry], dict[str, str]]:
    """Every entry of every active snapshot, and the snapshot id of each list, for the index."""
    active = {s.id: s for s in session.scalars(select(ListSnapshot).where(ListSnapshot.active))}
    if not active:
        return [], {}
    contents = session.scalars(
        select(ListEntryRecord.content).where(ListEntryRecord.snapshot_id.in_(list(active)))
    )
    entries = [ListEntry.model_validate(content) for content in contents]
    return entries, {s.source: str(s.id) for s in active.values()}


def active_entries_of(source: str, *, session: Session) -> list[ListEntry]:
    """The entries of one list's active snapshot, as the publisher gave them."""
    snapshot = active_snapshot(source, session=session)
    if snapshot is None:
        raise NotFound("active snapshot of list", source)
    contents = session.scalars(
        select(ListEntryRecord.content)
        .where(ListEntryRecord.snapshot_id == snapshot.id)
        .order_by(ListEntryRecord.source_id)
    )
    return [ListEntry.model_validate(content) for content in contents]


def active_fingerprint(*, session: Session) -> tuple[str, ...]:
    """The ids of the active snapshots: the index is stale when this changes."""
    return tuple(
        sorted(str(i) for i in session.scalars(select(ListSnapshot.id).where(ListSnapshot.active)))
    )
