"""The active register as a screening list (source ``nonpro-determinations``).

After every register write the entities of the determinations in force today become a new
snapshot of the list, in the same transaction, so the next screening (through any process:
``IndexProvider`` compares the active snapshots on every call) already sees them.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.audit import canonical_json
from nonpro.reference.services import try_resolve_country
from nonpro.sanctions.models import Determination, SanctionedEntity
from nonpro.sanctions.terms import status_on
from nonpro.screening import snapshots
from nonpro.screening.schemas import (
    EntityType,
    EntryName,
    ListEntry,
    LoadOutcome,
    NameKind,
    ParsedList,
    RescreenReport,
)
from nonpro.screening.services import IndexProvider, rescreen_parties

SOURCE = "nonpro-determinations"


def _alpha2(country: str | None) -> list[str]:
    found = try_resolve_country(country)
    return [found.alpha_2] if found is not None else []


def _entry(determination: Determination, entity: SanctionedEntity) -> ListEntry:
    authorities = [a["authority"] for a in determination.authorities]
    remarks = [determination.activity]
    if entity.sub_units_and_successors:
        remarks.append("Applies to the entity and its sub-units and successors.")
    if entity.government_activities:
        remarks.append("Also applies to the government activities the law extends to.")
    extra = {"determination": str(determination.id), "measures": ", ".join(determination.measures)}
    if determination.fr_citation:
        extra["federal_register"] = determination.fr_citation
    if determination.expires_on:
        extra["expires_on"] = determination.expires_on.isoformat()
    return ListEntry(
        source=SOURCE,
        source_id=str(entity.id),
        entity_type=EntityType(entity.entity_type),
        names=[
            EntryName(name=entity.name),
            *(EntryName(name=alias, kind=NameKind.AKA) for alias in entity.aliases),
        ],
        countries=_alpha2(entity.country),
        programs=authorities,
        remarks=" ".join(remarks),
        listed_on=determination.determination_date,
        extra=extra,
    )


def register_entries(*, session: Session, as_of: date) -> list[ListEntry]:
    """One list entry per entity of every determination in force on ``as_of``."""
    determinations = session.scalars(
        select(Determination)
        .options(selectinload(Determination.entities), selectinload(Determination.events))
        .order_by(Determination.determination_date, Determination.id)
    )
    return [
        _entry(d, e) for d in determinations if status_on(d, as_of) == "active" for e in d.entities
    ]


def publish(
    *, session: Session, actor: Principal, as_of: date, provider: IndexProvider | None = None
) -> tuple[LoadOutcome, RescreenReport | None]:
    """Store the register's active entities as the list's snapshot; re-screen kept parties.

    The snapshot's hash is the SHA-256 of the canonical JSON of its entries, so an unchanged
    register stores nothing new (and re-screens nobody).
    """
    entries = register_entries(session=session, as_of=as_of)
    content = [e.model_dump(mode="json", exclude_defaults=True) for e in entries]
    file_hash = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
    parsed = ParsedList(source=SOURCE, publication_date=as_of, entries=entries, format="nonpro")
    outcome = snapshots.store_snapshot(
        parsed,
        origin="nonpro sanctions register",
        file_hash=file_hash,
        session=session,
        actor=actor,
        # The snapshot is derived entirely from the register the actor may write: a sanctions
        # officer need not also manage the public lists to keep the register's list current.
        permission=Permission.MANAGE_SANCTIONS,
    )
    if outcome.unchanged:
        return outcome, None
    report = rescreen_parties(session=session, provider=provider or IndexProvider(), actor=actor)
    return outcome, report
