"""Which list entries name missile activity, and why, in words a reviewer can check.

An entry is taken into the knowledge base when its publisher says so: a name that names missile,
rocket or space work ("Tactical Missiles Corporation"), remarks that do ("involved in DPRK's
ballistic missile program"), a listing under the missile sanctions laws, or a "Linked To:" a
programme entity. Nothing is inferred from a country alone.
"""

from __future__ import annotations

import re

from nonpro.screening.schemas import ListEntry, NameKind

_MISSILE_NAME = re.compile(
    r"\b(missiles?|rockets?|ballistic|propellants?|aerospace|space|UAVs?|unmanned aerial"
    r"|drones?)\b",
    re.IGNORECASE,
)
# Remarks also tell of attacks ("killed in a drone strike", "fired rockets"): only words of
# missile development, production and procurement count there.
_MISSILE_REMARK = re.compile(
    r"\b(missiles?|ballistic|propellants?|UAVs?|unmanned aerial|space launch|satellite launch)\b",
    re.IGNORECASE,
)
# The ISN list's programme for the missile sanctions (AECA §73, EAA §11B)
MISSILE_PROGRAMS = frozenset({"Missile Sanctions laws"})
_LINKED = re.compile(r"Linked To:\s*([^);]+)", re.IGNORECASE)
_LINK_REMARK = re.compile(r"\(?Linked To:[^);]*\)?", re.IGNORECASE)
_EXCERPT = 160


def _excerpt(text: str, found: re.Match[str]) -> str:
    start = max(0, found.start() - _EXCERPT // 2)
    piece = " ".join(text[start : start + _EXCERPT].split())
    return ("…" if start else "") + piece + ("…" if start + _EXCERPT < len(text) else "")


def missile_reason(entry: ListEntry) -> str | None:
    """Why the publisher's own record ties ``entry`` to missile or space work, or None."""
    for name in entry.names:
        if name.kind is not NameKind.WEAK_AKA and _MISSILE_NAME.search(name.name):
            return f"its name names missile or space work ('{name.name}')"
    if programs := sorted(MISSILE_PROGRAMS.intersection(entry.programs)):
        return f"listed under the {', '.join(programs)}"
    # A "Linked To:" names another entry: that tie is the linking pass's to explain.
    remarks = _LINK_REMARK.sub(" ", entry.remarks or "")
    if found := _MISSILE_REMARK.search(remarks):
        return f"the publisher's remarks name missile work: '{_excerpt(remarks, found)}'"
    return None


def linked_names(entry: ListEntry) -> list[str]:
    """The names an OFAC-style 'Linked To:' remark ties the entry to."""
    return [m.group(1).strip() for m in _LINKED.finditer(entry.remarks or "")]
