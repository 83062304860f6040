"""The alerts of kept parties that still wait for a reviewer's decision.

A kept party's current hit is open until a reviewer decides it (a disposition for the party on
the entry as it reads now); a changed entry is open again, as on a screening. Two queries,
whatever the number of alerts: the open hits, then the listed names and list dates of the
entries they point at.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from pydantic import BaseModel
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from nonpro.screening.models import (
    Disposition,
    ListEntryRecord,
    ListSnapshot,
    PartyHit,
    ScreenedParty,
)


class OpenAlert(BaseModel):
    """One undecided alert of one kept party on one list entry."""

    party: str
    origin: str  # "case:REF", "manual:alice"
    entry_id: str  # "<list>:<publisher's id>"
    listed_name: str | None  # the entry's primary name; None if no active list holds it now
    list_source: str
    list_date: date | None  # the publication (or, without one, the load) of the list read
    score: float
    first_seen_at: datetime


def open_alerts(*, session: Session, origins: Collection[str] | None = None) -> list[OpenAlert]:
    """Current alerts of kept parties with no disposition on the entry as it reads now, oldest
    first; with ``origins``, only those of parties kept from there (``case:REF``)."""
    decided = exists().where(
        Disposition.party_key == ScreenedParty.party_key,
        Disposition.entry_id == PartyHit.entry_id,
        Disposition.entry_hash == PartyHit.entry_hash,
    )
    query = (
        select(
            ScreenedParty.name,
            ScreenedParty.origin,
            PartyHit.entry_id,
            PartyHit.score,
            PartyHit.first_seen_at,
        )
        .join(PartyHit, PartyHit.party_id == ScreenedParty.id)
        .where(PartyHit.current.is_(True), ~decided)
        .order_by(PartyHit.first_seen_at, ScreenedParty.name, PartyHit.entry_id)
    )
    if origins is not None:
        query = query.where(ScreenedParty.origin.in_(list(origins)))
    rows = session.execute(query).all()
    facts = _entry_facts({row.entry_id for row in rows}, session=session)
    alerts = []
    for row in rows:
        source = row.entry_id.split(":", 1)[0]
        name, listed_on = facts.get(row.entry_id, (None, None))
        alerts.append(
            OpenAlert(
                party=row.name,
                origin=row.origin,
                entry_id=row.entry_id,
                listed_name=name,
                list_source=source,
                list_date=listed_on,
                score=row.score,
                first_seen_at=row.first_seen_at,
            )
        )
    return alerts


def _entry_facts(
    entry_ids: Collection[str], *, session: Session
) -> dict[str, tuple[str, date | None]]:
    """Per entry id: its primary name and the date of the active list that holds it."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for entry_id in entry_ids:
        source, _, source_id = entry_id.partition(":")
        by_source[source].append(source_id)
    if not by_source:
        return {}
    query = (
        select(
            ListSnapshot.source,
            ListSnapshot.publication_date,
            ListSnapshot.loaded_at,
            ListEntryRecord.source_id,
            ListEntryRecord.primary_name,
        )
        .join(ListEntryRecord, ListEntryRecord.snapshot_id == ListSnapshot.id)
        .where(
            ListSnapshot.active.is_(True),
            or_(
                *(
                    and_(ListSnapshot.source == source, ListEntryRecord.source_id.in_(ids))
                    for source, ids in by_source.items()
                )
            ),
        )
    )
    return {
        f"{row.source}:{row.source_id}": (
            row.primary_name,
            row.publication_date or row.loaded_at.date(),
        )
        for row in session.execute(query)
    }
