"""The listed record: one entry of one list, read from the snapshot a hit came from.

A hit names its entry (``ofac_sdn:12345``) and the snapshot it was scored against; the reviewer
reads the entry as that publication gave it (every name, identifier, address, programme, date,
remark and the publisher's link), even after a newer publication has replaced it.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.core.errors import InvalidInput, NotFound
from nonpro.screening.models import ListEntryRecord, ListSnapshot
from nonpro.screening.schemas import ListedRecord, ListEntry
from nonpro.screening.snapshots import active_snapshot, snapshot_out

# "<list code>:<publisher's id>": list codes are lower-case words; ids are the publisher's own
# (digits for OFAC, "QDi.123" for the UN, "EU.123.45" for the EU), never a slash or a space.
_ENTRY_ID = re.compile(r"^(?P<source>[a-z][a-z0-9_]{0,39}):(?P<source_id>[^\s/]{1,100})$")


def parse_entry_id(text: str) -> tuple[str, str]:
    """``ofac_sdn:12345`` → (``ofac_sdn``, ``12345``); anything else names ``entry_id``."""
    found = _ENTRY_ID.match(text)
    if found is None:
        raise InvalidInput(
            "entry_id", f"{text[:60]!r} is not an entry id (<list>:<id>, e.g. ofac_sdn:12345)"
        )
    return found["source"], found["source_id"]


def _snapshot(source: str, snapshot: str | None, session: Session) -> ListSnapshot:
    if not snapshot:
        found = active_snapshot(source, session=session)
        if found is None:
            raise NotFound("active snapshot of list", source)
        return found
    try:
        key = uuid.UUID(snapshot)
    except ValueError:
        raise InvalidInput("snapshot", f"{snapshot[:60]!r} is not a snapshot id") from None
    chosen = session.get(ListSnapshot, key)
    if chosen is None or chosen.source != source:
        raise NotFound(f"snapshot of list {source}", snapshot)
    return chosen


def listed_record(entry_id: str, *, snapshot: str | None, session: Session) -> ListedRecord:
    """The entry ``entry_id`` as ``snapshot`` holds it (default: its list's active snapshot)."""
    source, source_id = parse_entry_id(entry_id)
    chosen = _snapshot(source, snapshot, session)
    record = session.scalars(
        select(ListEntryRecord).where(
            ListEntryRecord.snapshot_id == chosen.id, ListEntryRecord.source_id == source_id
        )
    ).first()
    if record is None:
        raise NotFound(f"entry in snapshot {chosen.id} of list", entry_id)
    return ListedRecord(
        entry_id=entry_id,
        snapshot=snapshot_out(chosen),
        content_hash=record.content_hash,
        entry=ListEntry.model_validate(record.content),
    )
