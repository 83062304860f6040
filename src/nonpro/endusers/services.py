"""The missile end-user knowledge base, and what the case assessment checks parties against.

Two parts: the office's reviewed programme entities (``controls/catchall/data``, each with its
source) and the loaded lists' entries whose own records tie them to missile or space work
(``rules.missile_reason``), plus entries the lists link to one of those. The list part is
rebuilt only when the active snapshots change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from sqlalchemy.orm import Session

from nonpro.controls.catchall.reference import program_entities as reviewed_entities
from nonpro.controls.catchall.schemas import ProgramEntity
from nonpro.controls.catchall.text import generic_name, matches_entity, normal_name
from nonpro.endusers import rules
from nonpro.endusers.schemas import KnowledgeBase, KnownEndUser
from nonpro.reference.services import resolve_country, try_resolve_country
from nonpro.screening import snapshots
from nonpro.screening.schemas import ListEntry, NameKind
from nonpro.screening.services import IndexProvider

_LIST_NAMES = {
    "csl": "Consolidated Screening List",
    "ofac_sdn": "OFAC SDN List",
    "ofac_cons": "OFAC Consolidated List",
    "un": "UN Security Council Consolidated List",
    "bis_dpl": "BIS Denied Persons List",
    "eu": "EU Consolidated List",
    "uk": "UK Sanctions List",
    "ftm": "FollowTheMoney export",
}
_cache: dict[tuple[str, ...], tuple[ProgramEntity, ...]] = {}
_lock = threading.Lock()


def _alpha3(entry: ListEntry) -> str | None:
    for code in [*entry.countries, *entry.nationalities]:
        if country := try_resolve_country(code):
            return country.alpha_3
    return None


def _listing(entry: ListEntry) -> str:
    parts = [f"{_LIST_NAMES.get(entry.source, entry.source)} entry {entry.source_id}"]
    if entry.tags:
        parts.append("sub-list " + ", ".join(entry.tags))
    if entry.programs:
        parts.append("programmes " + ", ".join(entry.programs))
    if notice := entry.extra.get("federal_register_notice"):
        parts.append(f"Federal Register {notice}")
    if entry.listed_on:
        parts.append(f"listed {entry.listed_on}")
    return "; ".join(parts)


def _entity(entry: ListEntry, reason: str, as_of: str) -> ProgramEntity:
    aliases = [n.name for n in entry.names if n.kind is not NameKind.WEAK_AKA]
    return ProgramEntity(
        name=entry.primary_name,
        aliases=[a for a in aliases if a != entry.primary_name],
        country=_alpha3(entry),
        programme=reason,
        listing=_listing(entry),
        confidence="published_list",
        source=entry.source_url or _LIST_NAMES.get(entry.source, entry.source),
        as_of=as_of,
        entry_id=snapshots.entry_id(entry),
    )


def _names(entity: ProgramEntity) -> set[str]:
    return {normal_name(n) for n in [entity.name, *entity.aliases]}


def from_lists(
    entries: Iterable[ListEntry], *, as_of: dict[str, str] | None = None
) -> tuple[ProgramEntity, ...]:
    """The entries whose own records tie them to missile or space work, then those the lists
    link to a programme entity; none that the reviewed base already holds."""
    dates = as_of or {}
    reviewed = reviewed_entities()
    found: list[ProgramEntity] = []
    linked: list[ListEntry] = []
    for entry in entries:
        if entry.entity_type in ("vessel", "aircraft"):
            continue
        reason = rules.missile_reason(entry)
        if reason is None:
            if rules.linked_names(entry):
                linked.append(entry)
            continue
        country = _alpha3(entry)
        if any(matches_entity(entry.primary_name, e, country) for e in reviewed):
            continue
        found.append(_entity(entry, reason, dates.get(entry.source, "")))
    # "Linked To:" names the other entry as its list prints it: an exact lookup suffices.
    by_name = {name: e for e in [*reviewed, *found] for name in _names(e)}
    for entry in linked:
        for name in rules.linked_names(entry):
            if tie := by_name.get(normal_name(name)):
                reason = f"the list links it to '{tie.name}' ({tie.programme})"
                found.append(_entity(entry, reason, dates.get(entry.source, "")))
                break
    return tuple(found)


def _snapshot_dates(*, session: Session) -> dict[str, str]:
    out = {}
    for status in snapshots.status(session=session):
        if status.active is not None:
            published = status.active.publication_date
            out[status.source] = (
                f"published {published}"
                if published
                else f"loaded {status.active.loaded_at.date()} (no publication date)"
            )
    return out


def program_entities(*, session: Session, provider: IndexProvider) -> tuple[ProgramEntity, ...]:
    """The whole base, reviewed entities first, as the catch-all rules read it."""
    loaded = provider.current(session=session)
    with _lock:
        derived = _cache.get(loaded.fingerprint)
        if derived is None:
            derived = from_lists(
                loaded.by_entry_id.values(), as_of=_snapshot_dates(session=session)
            )
            _cache.clear()
            _cache[loaded.fingerprint] = derived
    return (*reviewed_entities(), *derived)


def search(
    *,
    session: Session,
    provider: IndexProvider,
    country: str | None = None,
    text: str | None = None,
    limit: int = 500,
) -> KnowledgeBase:
    """The entities of a country (any name for it) and/or whose names contain ``text``."""
    code = resolve_country(country, "country").alpha_3 if country else None
    everything = program_entities(session=session, provider=provider)
    needle = " ".join((text or "").casefold().split())
    chosen = [
        e
        for e in everything
        if (code is None or e.country == code)
        and (not needle or any(needle in n.casefold() for n in [e.name, *e.aliases]))
    ]
    names = {}
    for e in chosen:
        if e.country and e.country not in names:
            found = try_resolve_country(e.country)
            names[e.country] = found.name if found else None
    return KnowledgeBase(
        entities=[
            KnownEndUser.of(
                e, country_name=names.get(e.country or ""), generic=generic_name(e.name)
            )
            for e in chosen[:limit]
        ],
        reviewed=sum(e.entry_id is None for e in everything),
        from_lists=sum(e.entry_id is not None for e in everything),
        lists=_snapshot_dates(session=session),
    )
