"""State names on treaty status pages and in treaty records → ISO 3166 alpha-3.

The shared resolver (``nonpro.reference``) knows the states, historic ones included; what is
read here is what only treaty sources write: footnote markers after a name ("Denmark 1") and the
European Union, which is a party to some instruments without being a state.
"""

from __future__ import annotations

import re
from functools import cache

from nonpro.reference.services import country_from_flag, try_resolve_country

EUROPEAN_UNION = "EUE"  # the domain CSVs' code for the EU's seats (not ISO)
_EU_NAMES = frozenset({"eue", "european union", "european commission"})
_FOOTNOTE = re.compile(r"(\s*\d+\s*,?)+$|\s*\*+$")


def clean_name(name: str) -> str:
    """The name without footnote markers ("Denmark 1", "Iran (Islamic Republic of)3")."""
    return _FOOTNOTE.sub("", " ".join(name.split())).strip()


@cache
def to_alpha3(name: str) -> str | None:
    """The alpha-3 code for a state's name or code, or None when it is not known."""
    cleaned = clean_name(name)
    if cleaned.casefold() in _EU_NAMES:
        return EUROPEAN_UNION
    country = try_resolve_country(cleaned)
    return country.alpha_3 if country is not None else None


def flag_to_alpha3(flag: str) -> str | None:
    """A flag emoji (two regional-indicator letters) → alpha-3; the UNODA pages mark rows so."""
    country = country_from_flag(flag)
    return country.alpha_3 if country is not None else None
