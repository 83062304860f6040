"""The UN Register of Conventional Arms' categories and how SIPRI's weapon descriptions map to them.

Categories follow the Register's standardized reporting forms (A/RES/46/36 L, as adjusted by the
Group of Governmental Experts in 2003, 2006, 2016 and 2019): seven categories of major
conventional arms, with sub-categories for MANPADS and unmanned combat aerial vehicles, and the
"7+1" small arms and light weapons forms.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Category(StrEnum):
    BATTLE_TANKS = "I"
    ARMOURED_COMBAT_VEHICLES = "II"
    LARGE_CALIBRE_ARTILLERY = "III"
    COMBAT_AIRCRAFT = "IV"
    ATTACK_HELICOPTERS = "V"
    WARSHIPS = "VI"
    MISSILES = "VII"
    SMALL_ARMS = "SALW_SA"
    LIGHT_WEAPONS = "SALW_LW"


CATEGORY_TITLES: Final[dict[Category, str]] = {
    Category.BATTLE_TANKS: "I. Battle tanks",
    Category.ARMOURED_COMBAT_VEHICLES: "II. Armoured combat vehicles",
    Category.LARGE_CALIBRE_ARTILLERY: "III. Large-calibre artillery systems",
    Category.COMBAT_AIRCRAFT: "IV. Combat aircraft and unmanned combat aerial vehicles",
    Category.ATTACK_HELICOPTERS: "V. Attack helicopters",
    Category.WARSHIPS: "VI. Warships",
    Category.MISSILES: "VII. Missiles and missile launchers",
    Category.SMALL_ARMS: "Small arms",
    Category.LIGHT_WEAPONS: "Light weapons",
}

# Sub-categories the standardized forms ask for separately.
SUBCATEGORIES: Final[dict[Category, tuple[str, ...]]] = {
    Category.COMBAT_AIRCRAFT: ("IV.a manned", "IV.b unmanned"),
    Category.ATTACK_HELICOPTERS: ("V.a manned", "V.b unmanned"),
    Category.MISSILES: ("VII.a missiles and launchers", "VII.b MANPADS"),
}

DIRECTIONS: Final = ("export", "import")
BACKGROUND_KINDS: Final = ("holdings", "national_production")

# SIPRI "Weapon description" -> Register category (and sub-category). Descriptions not listed
# (transport aircraft, radars, engines, ...) fall outside the Register and are not compared.
SIPRI_CATEGORIES: Final[dict[str, tuple[Category, str]]] = {
    "tank": (Category.BATTLE_TANKS, ""),
    "APC": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "infantry fighting vehicle": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "armoured reconnaissance vehicle": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "armoured car": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "light tank": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "tank destroyer": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "fire-support vehicle": (Category.ARMOURED_COMBAT_VEHICLES, ""),
    "towed gun": (Category.LARGE_CALIBRE_ARTILLERY, ""),
    "self-propelled gun": (Category.LARGE_CALIBRE_ARTILLERY, ""),
    "multiple rocket launcher": (Category.LARGE_CALIBRE_ARTILLERY, ""),
    "mortar": (Category.LARGE_CALIBRE_ARTILLERY, ""),
    "self-propelled mortar": (Category.LARGE_CALIBRE_ARTILLERY, ""),
    "FGA aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "fighter aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "bomber aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "ground-attack aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "trainer/combat aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "(armed) trainer aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "anti-submarine aircraft": (Category.COMBAT_AIRCRAFT, "IV.a manned"),
    "armed UAV": (Category.COMBAT_AIRCRAFT, "IV.b unmanned"),
    "combat helicopter": (Category.ATTACK_HELICOPTERS, "V.a manned"),
    "anti-submarine helicopter": (Category.ATTACK_HELICOPTERS, "V.a manned"),
    "frigate": (Category.WARSHIPS, ""),
    "destroyer": (Category.WARSHIPS, ""),
    "corvette": (Category.WARSHIPS, ""),
    "submarine": (Category.WARSHIPS, ""),
    "missile boat": (Category.WARSHIPS, ""),
    "aircraft carrier": (Category.WARSHIPS, ""),
    "amphibious assault ship": (Category.WARSHIPS, ""),
    "cruiser": (Category.WARSHIPS, ""),
    "surface-to-surface missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "surface-to-surface missile launcher": (Category.MISSILES, "VII.a missiles and launchers"),
    "submarine-launched ballistic missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "land-attack missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "anti-ship missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "anti-ship/land-attack missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "air-to-surface missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "anti-radar missile": (Category.MISSILES, "VII.a missiles and launchers"),
    "coastal defence system": (Category.MISSILES, "VII.a missiles and launchers"),
    "loitering munition": (Category.MISSILES, "VII.a missiles and launchers"),
    "portable SAM": (Category.MISSILES, "VII.b MANPADS"),
}


def parse_category(text: str) -> Category:
    """``"VII"``, ``"7"``, ``"vii"`` or a title such as ``"Battle tanks"`` -> the category."""
    cleaned = text.strip()
    roman = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "7": "VII"}
    cleaned = roman.get(cleaned, cleaned).upper().rstrip(".")
    for category in Category:
        if cleaned == category.value.upper() or cleaned == category.name:
            return category
        title = CATEGORY_TITLES[category].upper()
        if cleaned == title or title.endswith(" " + cleaned) or title.split(". ", 1)[-1] == cleaned:
            return category
    names = ", ".join(c.value for c in Category)
    raise ValueError(f"{text!r} is not a Register category ({names})")
