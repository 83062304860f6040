"""Storing imports and reading the stored events back for the rules.

An import replaces the stored events (and stated counts) of the (instrument, source) pairs it
covers: loading the UNTC pages again replaces what the UNTC brought for those instruments and
leaves the UNODA's and the project's own records alone. Everything happens in the caller's
transaction, so a failure anywhere leaves the previous records in place.

A CSV's refused rows narrow the replacement (``held``): the stored events of what each refused
row stood for (an instrument and a state, or every state of an instrument) stay, and the file's
good rows for the same are not stored beside them, so no state reads as "not a party" or as
half its history because one of its rows was bad.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from sqlalchemy import CursorResult, delete, insert, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.db import column_values
from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import REPORTED_ROWS, ImportReport, RejectedRows
from nonpro.treaties.errors import UnknownInstrument
from nonpro.treaties.models import ParticipationEventRecord, StatedCountRecord, TreatyImportRecord
from nonpro.treaties.reference import DATA_DIR, load_instruments
from nonpro.treaties.schemas import (
    EventKind,
    ImportOut,
    ImportOutcome,
    ParticipationEvent,
    StatedCount,
    TreatyImport,
)

REFERENCE_SOURCE = "nonpro"  # the project's own compiled data (``nonpro reference load``)


def hash_files(path: Path) -> str:
    """SHA-256 over the bytes of a file, or of every file in a folder in name order."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode("utf-8"))
        digest.update(file.read_bytes())
    return digest.hexdigest()


def source_key(import_: TreatyImport, origin: str) -> str:
    """Which source an import speaks for: the publisher of the pages, or the file it came from."""
    sources = import_.sources or [origin]
    if all("treaties.un.org" in s for s in sources):
        return "untc"
    if all("treaties.unoda.org" in s for s in sources):
        return "unoda"
    data_dir = str(DATA_DIR.resolve())
    if all(s.startswith(data_dir) for s in sources):
        return REFERENCE_SOURCE
    # Any other file: its name (a folder's, for several), so loading it again replaces it.
    name = Path(sources[0]).name if len(sources) == 1 else Path(origin.rstrip("/")).name
    return f"file:{name}"[:200]


def import_out(record: TreatyImportRecord) -> ImportOut:
    return ImportOut.model_validate(
        {**{c: getattr(record, c) for c in ImportOut.model_fields}, "id": str(record.id)}
    )


def last_import(source: str, *, session: Session) -> TreatyImportRecord | None:
    return session.scalar(
        select(TreatyImportRecord)
        .where(TreatyImportRecord.source == source)
        .order_by(TreatyImportRecord.loaded_at.desc())
        .limit(1)
    )


Held = list[tuple[str | None, str | None]]


def is_held(instrument: str, state: str, held: Held) -> bool:
    """Whether a refused row stood for this instrument and state (None: any)."""
    return any(i in (None, instrument) and s in (None, state) for i, s in held)


def _kept(held: Held) -> list[str]:
    named = {f"{i or 'every instrument'}: {s or 'every state'}" for i, s in held}
    return sorted(named)


def _remove_replaced(key: str, covered: list[str], held: Held, session: Session) -> int:
    """Delete the source's stored events of ``covered``, except those a refused row holds."""
    removed = 0
    for code in covered:
        if (None, None) in held or (code, None) in held:
            continue
        kept_states = {s for i, s in held if i in (None, code) and s is not None}
        query = delete(ParticipationEventRecord).where(
            ParticipationEventRecord.source_key == key,
            ParticipationEventRecord.instrument == code,
            ParticipationEventRecord.state.not_in(kept_states),
        )
        done = session.execute(query)
        removed += done.rowcount if isinstance(done, CursorResult) else 0
    return removed


def store(
    import_: TreatyImport,
    *,
    origin: str,
    file_hash: str,
    source: str | None,
    session: Session,
    actor: Principal,
    strict: bool = False,
) -> ImportOutcome:
    require(actor, Permission.MANAGE_TREATIES)
    held = import_.held
    events = [e for e in import_.events if not is_held(e.instrument, e.state, held)]
    if import_.refused and (strict or (None, None) in held or not events):
        # Strict, or a refused row that cannot be tied to any instrument or state, or no good
        # row left to store: nothing is stored.
        raise RejectedRows(origin, import_.refused)
    if not import_.events and not import_.stated_counts:
        raise InvalidInput("path", f"{origin}: no participation events or stated counts found")
    key = source or source_key(import_, origin)
    covered = sorted(set(import_.instruments) | {e.instrument for e in import_.events})
    counted = sorted(set(covered) | {c.instrument for c in import_.stated_counts})
    known = load_instruments()
    for code in counted:
        if code not in known:
            raise UnknownInstrument(code)
    previous = last_import(key, session=session)
    if previous is not None and previous.file_hash == file_hash and previous.instruments == covered:
        return ImportOutcome(source=key, unchanged=True, imported=import_out(previous))
    replaced = _remove_replaced(key, covered, held, session)
    session.execute(
        delete(StatedCountRecord).where(
            StatedCountRecord.source_key == key, StatedCountRecord.instrument.in_(counted)
        )
    )
    record = TreatyImportRecord(
        source=key,
        origin=origin,
        file_hash=file_hash,
        instruments=covered,
        event_count=len(events),
        stated_count_count=len(import_.stated_counts),
        counts=dict(sorted(Counter(e.instrument for e in events).items())),
        warnings=import_.warnings + _refusal_warnings(import_),
        loaded_by=actor.username,
    )
    session.add(record)
    session.flush()
    if events:
        session.execute(
            insert(ParticipationEventRecord),
            [
                {"import_id": record.id, "source_key": key, **e.model_dump(mode="python")}
                for e in events
            ],
        )
    if import_.stated_counts:
        session.execute(
            insert(StatedCountRecord),
            [
                {
                    "import_id": record.id,
                    "source_key": key,
                    **c.model_dump(mode="python", exclude={"states"}),
                    "states": list(c.states) if c.states is not None else None,
                }
                for c in import_.stated_counts
            ],
        )
    session.flush()
    audit.record_by(
        session,
        actor,
        "treaties.load",
        f"treaty_source:{key}",
        {
            "import": str(record.id),
            "origin": origin,
            "file_hash": file_hash,
            "instruments": covered,
            "events": len(events),
            "stated_counts": len(import_.stated_counts),
            "replaced_events": replaced,
            "rows_read": import_.rows_read,
            "rows_refused": len({r.where for r in import_.refused}),
            "refused": [r.describe() for r in import_.refused[:20]],
            "kept": _kept(held),
        },
    )
    return ImportOutcome(
        source=key,
        unchanged=False,
        imported=import_out(record),
        replaced_events=replaced,
        report=_report(import_, origin, len(events)) if import_.rows_read else None,
    )


def _report(import_: TreatyImport, origin: str, stored: int) -> ImportReport:
    refused = len({r.where for r in import_.refused})
    return ImportReport(
        origin=origin,
        rows_read=import_.rows_read,
        rows_stored=stored,
        rows_refused=refused,
        refused=import_.refused[:REPORTED_ROWS],
        kept=_kept(import_.held),
    )


def _refusal_warnings(import_: TreatyImport) -> list[str]:
    """Kept with the import's record, so ``treaties imports`` says the load was partial."""
    if not import_.refused:
        return []
    refused = len({r.where for r in import_.refused})
    kept = "; ".join(_kept(import_.held))
    return [f"{refused} row(s) refused; the earlier events kept for {kept}"]


def fingerprint(*, session: Session) -> tuple[str, ...]:
    """The ids of every import: any load adds one, so cached derivations key on this."""
    return tuple(sorted(str(i) for i in session.scalars(select(TreatyImportRecord.id))))


def read_events(*, session: Session) -> list[ParticipationEvent]:
    rows = session.execute(
        select(
            ParticipationEventRecord.state,
            ParticipationEventRecord.instrument,
            ParticipationEventRecord.kind,
            ParticipationEventRecord.date,
            ParticipationEventRecord.effective_date,
            ParticipationEventRecord.source,
            ParticipationEventRecord.note,
            ParticipationEventRecord.date_precision,
            ParticipationEventRecord.confidence,
            ParticipationEventRecord.disputed,
        )
    )
    # model_construct: the rows were validated when they were imported; re-validating
    # thousands of them on every page view would cost more than the rules themselves.
    return [
        ParticipationEvent.model_construct(**{**row._asdict(), "kind": EventKind(row.kind)})
        for row in rows
    ]


def read_stated_counts(*, session: Session) -> list[StatedCount]:
    rows = session.scalars(select(StatedCountRecord))
    return [StatedCount.model_validate(column_values(row)) for row in rows]


def imports(*, session: Session) -> list[ImportOut]:
    records = session.scalars(
        select(TreatyImportRecord).order_by(TreatyImportRecord.loaded_at.desc())
    )
    return [import_out(r) for r in records]
