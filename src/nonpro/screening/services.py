"""Screening use cases: screen a party, dispose of a hit, keep parties and re-screen them.

The same functions serve the CLI, the API, the web page and the batch runner.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values
from nonpro.core.errors import InvalidInput
from nonpro.screening import rules, snapshots
from nonpro.screening.download import download as download
from nonpro.screening.formats.ftm_export import write_ftm as write_ftm
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.listed import listed_record as listed_record
from nonpro.screening.matching import match
from nonpro.screening.models import Disposition, PartyHit, ScreenedParty
from nonpro.screening.schemas import (
    DispositionIn,
    DispositionOut,
    ListEntry,
    PartyNewHit,
    RecentAlert,
    RescreenReport,
    ScreenedHit,
    ScreeningQuery,
    ScreeningResult,
)
from nonpro.screening.snapshots import active_entries_of as active_entries_of
from nonpro.screening.snapshots import diff as diff
from nonpro.screening.snapshots import load_from_path as load_from_path
from nonpro.screening.snapshots import record_failure as record_failure
from nonpro.screening.snapshots import status as status
from nonpro.screening.sources import DOWNLOAD_NAMES as DOWNLOAD_NAMES
from nonpro.screening.sources import list_urls as list_urls
from nonpro.screening.sources import select_sources as select_sources


@dataclass
class LoadedIndex:
    index: ScreeningIndex
    fingerprint: tuple[str, ...]
    by_entry_id: dict[str, ListEntry]
    hashes: dict[str, str] = field(default_factory=dict)

    def entry_hash(self, entry_id: str) -> str:
        known = self.hashes.get(entry_id)
        if known is None:
            content = self.by_entry_id[entry_id].model_dump(mode="json", exclude_defaults=True)
            known = self.hashes[entry_id] = snapshots.content_hash(content)
        return known


class IndexProvider:
    """Holds the in-memory index and rebuilds it when the active snapshots change.

    One per process; the check is one small query, so every worker of a multi-process server
    notices a list update made by any other.
    """

    def __init__(self) -> None:
        self._loaded: LoadedIndex | None = None
        self._lock = threading.Lock()

    def current(self, *, session: Session) -> LoadedIndex:
        fingerprint = snapshots.active_fingerprint(session=session)
        loaded = self._loaded
        if loaded is not None and loaded.fingerprint == fingerprint:
            return loaded
        with self._lock:
            if self._loaded is None or self._loaded.fingerprint != fingerprint:
                entries, by_source = snapshots.active_entries(session=session)
                self._loaded = LoadedIndex(
                    index=ScreeningIndex.build(entries, snapshots=by_source),
                    fingerprint=fingerprint,
                    by_entry_id={snapshots.entry_id(e): e for e in entries},
                )
            return self._loaded


def party_key(query: ScreeningQuery) -> str:
    """The same party screened twice gets the same key: what a disposition is attached to."""
    parts = [
        " ".join(query.name.casefold().split()),
        query.entity_type.value if query.entity_type else "",
        query.dob or "",
        (query.country or "").casefold(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _dispositions(key: str, *, session: Session) -> dict[str, list[Disposition]]:
    found: dict[str, list[Disposition]] = {}
    for row in session.scalars(
        select(Disposition).where(Disposition.party_key == key).order_by(Disposition.decided_at)
    ):
        found.setdefault(row.entry_id, []).append(row)
    return found


def _disposition_out(row: Disposition, entry_hash: str, reader: Principal | None) -> DispositionOut:
    out = DispositionOut.model_validate(
        {**column_values(row), "current": row.entry_hash == entry_hash}
    )
    if reader is None or rules.sees_every_case(reader):
        return out
    # The note is written on a case (its reference, parties, reasons) and the row does not say
    # which: a reader confined to some cases learns the decision on the name and the entry they
    # screened, never the note or who wrote it.
    return out.model_copy(update={"note": "", "decided_by": "", "withheld": True})


def screen(
    query: ScreeningQuery,
    *,
    session: Session,
    provider: IndexProvider,
    reader: Principal | None,
    threshold: float | None = None,
    lists: Sequence[str] | None = None,
    limit: int = 10,
) -> ScreeningResult:
    """Screen one party against the active lists; hits carry the dispositions made on them, as
    ``reader`` may read them (None: the system itself, as when a case is assessed)."""
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InvalidInput("threshold", "must be between 0 and 1")
    loaded = provider.current(session=session)
    unknown = sorted(set(lists or ()) - set(loaded.index.snapshots))
    if unknown:
        raise InvalidInput(
            "lists",
            f"no active snapshot for {', '.join(unknown)}; loaded: "
            f"{', '.join(sorted(loaded.index.snapshots)) or 'none'}",
        )
    hits = match(query, loaded.index, threshold=threshold, lists=lists, limit=limit)
    decided = _dispositions(party_key(query), session=session) if hits else {}
    screened = []
    for hit in hits:
        entry_hash = loaded.entry_hash(hit.entry_id)
        screened.append(
            ScreenedHit(
                **hit.model_dump(),
                entry_hash=entry_hash,
                dispositions=[
                    _disposition_out(d, entry_hash, reader) for d in decided.get(hit.entry_id, [])
                ],
            )
        )
    searched = {k: v for k, v in loaded.index.snapshots.items() if not lists or k in lists}
    return ScreeningResult(
        query=query,
        threshold=rules.DEFAULT_THRESHOLD if threshold is None else threshold,
        snapshots=searched,
        hits=screened,
    )


def dispose(
    data: DispositionIn, *, session: Session, provider: IndexProvider, actor: Principal
) -> DispositionOut:
    """Record a reviewer's decision on a hit; audited; never replaces an earlier one."""
    require(actor, Permission.DISPOSE_HITS)
    loaded = provider.current(session=session)
    if data.entry_id not in loaded.by_entry_id:
        raise InvalidInput("entry_id", f"{data.entry_id!r} is not an entry of an active list")
    row = Disposition(
        party_key=party_key(data.query),
        party_name=data.query.name,
        entry_id=data.entry_id,
        entry_hash=loaded.entry_hash(data.entry_id),
        decision=data.decision.value,
        note=data.note,
        decided_by=actor.username,
    )
    session.add(row)
    session.flush()
    audit.record_by(
        session,
        actor,
        "screening.dispose",
        f"entry:{data.entry_id}",
        {
            "party": data.query.model_dump(mode="json"),
            "decision": row.decision,
            "note": row.note,
            "entry_hash": row.entry_hash,
        },
    )
    return DispositionOut.model_validate({**column_values(row), "current": True})


def keep_party(
    query: ScreeningQuery,
    *,
    origin: str,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None = None,
) -> ScreenedParty:
    """Keep a party for re-screening after every list update (idempotent per party).

    With a ``provider``, a newly kept party is screened once and its current alerts become the
    baseline, so the next re-screening reports only what is new since it was kept.
    """
    require(actor, Permission.SCREEN)
    key = party_key(query)
    party = session.scalar(select(ScreenedParty).where(ScreenedParty.party_key == key))
    if party is None:
        party = ScreenedParty(
            party_key=key,
            name=query.name,
            entity_type=query.entity_type.value if query.entity_type else None,
            dob=query.dob,
            country=query.country,
            identifiers=list(query.identifiers),
            origin=origin,
        )
        session.add(party)
        session.flush()
        audit.record_by(
            session,
            actor,
            "screening.keep_party",
            f"party:{key[:16]}",
            {"name": query.name, "origin": origin},
        )
        if provider is not None:
            result = screen(query, session=session, provider=provider, reader=actor)
            _remember_alerts(party, result.hits, now=utcnow())
            session.flush()
    return party


def _remember_alerts(
    party: ScreenedParty, hits: Sequence[ScreenedHit], *, now: datetime
) -> list[ScreenedHit]:
    """Record the party's current alerts; return those not seen before (or whose entry changed)."""
    known = {hit.entry_id: hit for hit in party.hits}
    for stale in known.values():
        stale.current = False
    new = []
    for hit in hits:
        if not hit.alert:
            continue
        seen = known.get(hit.entry_id)
        if seen is None or seen.entry_hash != hit.entry_hash:
            new.append(hit)
        if seen is None:
            seen = PartyHit(
                entry_id=hit.entry_id,
                first_seen_at=now,
                entry_hash=hit.entry_hash,
                score=hit.score,
            )
            party.hits.append(seen)  # the cascade adds it to the party's session
        seen.entry_hash, seen.score, seen.current, seen.last_seen_at = (
            hit.entry_hash,
            hit.score,
            True,
            now,
        )
    return new


def _query_of(party: ScreenedParty) -> ScreeningQuery:
    return ScreeningQuery.model_validate(
        {
            "name": party.name,
            "entity_type": party.entity_type,
            "dob": party.dob,
            "country": party.country,
            "identifiers": party.identifiers,
        }
    )


def rescreen_parties(
    *, session: Session, provider: IndexProvider, actor: Principal
) -> RescreenReport:
    """Screen every stored party again; report alerts on entries not alerted before (or changed)."""
    require(actor, Permission.SCREEN)
    parties = list(session.scalars(select(ScreenedParty).order_by(ScreenedParty.created_at)))
    new_hits: list[PartyNewHit] = []
    now = utcnow()
    for party in parties:
        result = screen(_query_of(party), session=session, provider=provider, reader=actor)
        for hit in _remember_alerts(party, result.hits, now=now):
            new_hits.append(PartyNewHit(party=party.name, origin=party.origin, hit=hit))
        party.last_screened_at = now
    session.flush()
    if parties:
        audit.record_by(
            session,
            actor,
            "screening.rescreen",
            "parties",
            {"parties": len(parties), "new_hits": len(new_hits)},
        )
    return RescreenReport(parties=len(parties), new_hits=new_hits)


def recent_alerts(
    *, session: Session, since: datetime, origins: Collection[str] | None = None
) -> list[RecentAlert]:
    """Alerts kept parties got first at or after ``since``, newest first; with ``origins``, only
    those of parties kept from there (``case:REF``)."""
    query = (
        select(
            ScreenedParty.name.label("party"),
            ScreenedParty.origin,
            PartyHit.entry_id,
            PartyHit.score,
            PartyHit.first_seen_at,
        )
        .join(PartyHit, PartyHit.party_id == ScreenedParty.id)
        .where(PartyHit.first_seen_at >= since, PartyHit.current.is_(True))
        .order_by(PartyHit.first_seen_at.desc(), ScreenedParty.name)
    )
    if origins is not None:
        query = query.where(ScreenedParty.origin.in_(list(origins)))
    return [RecentAlert.model_validate(row, from_attributes=True) for row in session.execute(query)]
