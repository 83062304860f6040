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


def matches_entity(name: str, entity: ProgramEntity) -> bool:
    """Same name or alias after normalising; short aliases (acronyms) only exactly."""
    query = normal_name(name)
    for candidate in [entity.name, *entity.aliases]:
        target = normal_name(candidate)
        if query == target:
            return True
        if len(target) > 8 and fuzz.token_sort_ratio(query, target) >= 92:
            return True
    return False


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
