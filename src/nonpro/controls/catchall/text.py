"""Reading free text in case facts: vocabulary words, entity names, impulse and speed figures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from nonpro.controls.catchall.schemas import ItemFacts, ProgramEntity


def matched_words(text: str | None, words: Iterable[str]) -> list[str]:
    """The vocabulary words found in ``text`` (case-insensitive, whole-word prefixes)."""
    if not text:
        return []
    return [w for w in words if re.search(r"(?<![\w-])" + re.escape(w), text, re.IGNORECASE)]


def normal_name(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


# Words that name no one in particular: an organisation called only by them ("National
# Development Complex", "Universal Enterprise") is one entity in its country and many elsewhere.
_GENERIC_WORDS = frozenset(
    {
        "academy",
        "affiliates",
        "and",
        "center",
        "centre",
        "co",
        "commercial",
        "company",
        "complex",
        "corporation",
        "development",
        "engineering",
        "enterprise",
        "enterprises",
        "equipment",
        "export",
        "general",
        "global",
        "group",
        "import",
        "industrial",
        "industries",
        "innovative",
        "institute",
        "international",
        "limited",
        "llc",
        "ltd",
        "national",
        "of",
        "pvt",
        "private",
        "research",
        "science",
        "sciences",
        "services",
        "solutions",
        "systems",
        "technical",
        "technologies",
        "technology",
        "the",
        "trading",
        "universal",
    }
)


def generic_name(name: str) -> bool:
    """True when every word of ``name`` is a generic word, or it is a short acronym."""
    words = normal_name(name).split()
    if len(words) == 1 and len(words[0]) <= 4:
        return True
    return bool(words) and all(word in _GENERIC_WORDS for word in words)


def _same_name(query: str, candidate: str) -> bool:
    target = normal_name(candidate)
    if query == target:
        return True
    return len(target) > 8 and fuzz.token_sort_ratio(query, target) >= 92


def entity_match(name: str, country: str | None, entity: ProgramEntity) -> str | None:
    """How ``name`` (of a party in ``country``) matches ``entity``: "match", "country needed"
    (a generic name, and the party's country is not given), or None.

    Same name or alias after normalising; short aliases (acronyms) only exactly. A generic
    name matches only where the countries agree.
    """
    query = normal_name(name)
    for candidate in [entity.name, *entity.aliases]:
        if not _same_name(query, candidate):
            continue
        if not generic_name(candidate) or entity.country is None:
            return "match"
        if country is None:
            return "country needed"
        if country == entity.country:
            return "match"
    return None


def matches_entity(name: str, entity: ProgramEntity, country: str | None = None) -> bool:
    """True when ``name`` (of a party in ``country``) is ``entity``."""
    return entity_match(name, country, entity) == "match"


_IMPULSE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:[x×*]\s*10\s*\^?\s*(\d+)|e\+?(\d+))\s*N[\s·.\-]?s", re.IGNORECASE
)
_SPEED = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*m/s", re.IGNORECASE)
_MACH = re.compile(r"mach\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


def impulse_ns(text: str) -> float | None:
    m = _IMPULSE.search(text)
    if not m:
        return None
    return float(m.group(1)) * 10.0 ** int(m.group(2) or m.group(3))


def speed_m_s(item: ItemFacts) -> float | None:
    if item.speed_m_s is not None:
        return item.speed_m_s
    if m := _SPEED.search(item.description):
        return float(m.group(1).replace(",", ""))
    if m := _MACH.search(item.description):
        return float(m.group(1)) * 295.0  # Mach at altitude (~11 km), the lower bound
    return None
