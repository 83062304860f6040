"""Resolve any common form of a state's name or code to ISO 3166 codes.

pycountry knows the codes and official names (and ISO 3166-3 for dissolved states),
countrynames knows the many ways people write names; our own alias file fills their gaps.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import countrynames
import pycountry
import yaml

from nonpro.reference.errors import UnknownCountry
from nonpro.reference.schemas import Country


@lru_cache(maxsize=1)
def _alias_data() -> dict[str, Any]:
    text = (
        resources.files("nonpro.reference").joinpath("data/country_aliases.yaml").read_text("utf-8")
    )
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    """Every current, historic and user-assigned state under each of its codes."""
    table: dict[str, Country] = {}
    for record in pycountry.countries:
        country = Country(
            alpha_2=record.alpha_2,
            alpha_3=record.alpha_3,
            name=getattr(record, "common_name", None) or record.name,
        )
        table[record.alpha_2] = table[record.alpha_3] = country
    for record in pycountry.historic_countries:
        name = record.name.split(",")[0]
        country = Country(alpha_2=record.alpha_2, alpha_3=record.alpha_3, name=name, historic=True)
        table[record.alpha_4] = country
        table.setdefault(record.alpha_3, country)
        # Current states keep their two-letter codes (CS, YU were reassigned or withdrawn).
        table.setdefault(record.alpha_2, country)
    for entry in _alias_data()["user_assigned"]:
        country = Country(alpha_2=entry["alpha_2"], alpha_3=entry["alpha_3"], name=entry["name"])
        table[entry["alpha_2"]] = table[entry["alpha_3"]] = country
    return table


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {key.casefold(): code for key, code in _alias_data()["aliases"].items()}


def _matched(country: Country, how: str) -> Country:
    return country.model_copy(update={"matched_by": how})


@lru_cache(maxsize=4096)
def resolve_country(text: str) -> Country:
    """The state ``text`` names: "Iran", "IR", "IRN", "Islamic Republic of Iran", "Persia", "USSR".

    Raises ``UnknownCountry`` (an ``InvalidInput``) when nothing fits.
    """
    query = " ".join(text.split())
    if not query:
        raise UnknownCountry(text)
    codes = _by_code()
    upper = query.upper()
    if upper.isalpha() and len(upper) in (2, 3, 4) and upper in codes:
        return _matched(codes[upper], "code")
    alias = _aliases().get(query.casefold())
    if alias is not None:
        return _matched(codes[alias], "alias")
    code = countrynames.to_code(query)
    if code is not None and code.upper() in codes:
        return _matched(codes[code.upper()], "name")
    try:
        found = pycountry.countries.lookup(query)
    except LookupError:
        found = None
    if found is not None:
        return _matched(codes[found.alpha_3], "name")
    code = countrynames.to_code(query, fuzzy=True)
    if code is not None and code.upper() in codes:
        return _matched(codes[code.upper()], "fuzzy name")
    raise UnknownCountry(text)


def try_resolve_country(text: str | None) -> Country | None:
    """Like ``resolve_country`` but ``None`` when unknown, for parsers that keep the raw text."""
    if not text:
        return None
    try:
        return resolve_country(text)
    except UnknownCountry:
        return None
