"""The one country resolver: any common form of a state's name or code to ISO 3166 codes.

pycountry knows the codes and official names (and ISO 3166-3 for dissolved states),
countrynames knows the many ways people write names; our own alias file fills their gaps and
settles where they answer differently from the sources (Zaire is the Democratic Republic of the
Congo renamed, not a dissolved state). Screening, treaties, cases, registers and the web pages
all ask here.

A name is looked up in one order, first answer wins: a code, an alias, countrynames's names (as
written, then with an inverted "Macedonia, North" turned around), pycountry's names. Nothing is
guessed: a misspelling answers "unknown", and the caller shows or refuses the text as written.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import countrynames
import pycountry
import yaml

from nonpro.reference import rules
from nonpro.reference.errors import UnknownCountry
from nonpro.reference.schemas import Country
from nonpro.reference.world_map import HEIGHT, WIDTH
from nonpro.reference.world_map import Shape as Shape
from nonpro.reference.world_map import world_shapes as world_shapes

# The world map's size in its own units (the treaty pages' SVG view box).
MAP_WIDTH, MAP_HEIGHT = WIDTH, HEIGHT

_REGION_PREFIX = "Region: "  # how OFAC writes an area that is not a state ("Region: Gaza")


# Longer than any name of a state, with room for a list's "Region: …" prefix.
MAX_COUNTRY_TEXT = 200


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
    return {rules.name_key(key): code for key, code in _alias_data()["aliases"].items()}


def _matched(country: Country, how: str) -> Country:
    return country.model_copy(update={"matched_by": how})


def _by_written_name(query: str, *, regions: bool) -> Country | None:
    """countrynames's answer for the name as written, then for it turned around."""
    codes = _by_code()
    for candidate in (query, rules.uninverted(query)):
        code = countrynames.to_code(candidate) if candidate else None
        if code is None:
            continue
        country_code = rules.region_country(code)
        is_region = country_code != code
        # countrynames also answers codes ISO does not have (EU, UN, ZZ): not a state.
        if country_code in codes and (regions or not is_region):
            return _matched(codes[country_code], "region" if is_region else "name")
    return None


@lru_cache(maxsize=8192)
def _find(query: str, *, regions: bool) -> Country | None:
    codes = _by_code()
    if rules.looks_like_code(query) and query.upper() in codes:
        return _matched(codes[query.upper()], "code")
    alias = _aliases().get(rules.name_key(query))
    if alias is not None:
        return _matched(codes[alias], "alias")
    found = _by_written_name(query, regions=regions)
    if found is not None:
        return found
    try:
        record = pycountry.countries.lookup(query)
    except LookupError:
        return None
    return _matched(codes[record.alpha_3], "name")


def try_resolve_country(text: str | None, *, regions: bool = False) -> Country | None:
    """The state ``text`` names, or None when unknown: "Iran", "IR", "IRN", "Islamic Republic of
    Iran", "Persia", "USSR". With ``regions``, a region answers for its country ("Crimea" → UA,
    ``matched_by`` "region"), as list addresses want; typed destinations do not.
    """
    if text is None or len(text) > MAX_COUNTRY_TEXT:
        # No state's name is this long; looking one up costs time in proportion to its length.
        return None
    query = " ".join(text.split())
    return _find(query, regions=regions) if query else None


def resolve_country(text: str, field: str = "country") -> Country:
    """Like ``try_resolve_country``, but an unknown state is an ``UnknownCountry`` (an
    ``InvalidInput`` naming ``field``)."""
    country = try_resolve_country(text)
    if country is None:
        raise UnknownCountry(text, field)
    return country


def country_by_numeric(numeric: str) -> Country | None:
    """The current state with this ISO 3166-1 numeric code ("408" → PRK), as maps key shapes."""
    record = pycountry.countries.get(numeric=numeric)
    return None if record is None else _matched(_by_code()[record.alpha_3], "code")


def country_from_flag(flag: str) -> Country | None:
    """The state a flag emoji stands for ("🇰🇵" → PRK); the UNODA status pages mark rows so."""
    letters = rules.flag_letters(flag)
    country = _by_code().get(letters) if letters else None
    return None if country is None else _matched(country, "flag")


@lru_cache(maxsize=8192)  # the list readers and the scorer ask for each entry and each hit
def current_alpha_2(text: str | None) -> str | None:
    """The alpha-2 code lists compare for ``text``, or None: a region answers for its country
    (OFAC's "Region: Crimea" → UA), a dissolved state answers None, as no list entry made since
    carries its code (USSR, German Democratic Republic, Netherlands Antilles)."""
    country = try_resolve_country(text, regions=True)
    if country is None and text and text.startswith(_REGION_PREFIX):
        # countrynames knows some of OFAC's "Region: …" forms as written, the rest by the region.
        country = try_resolve_country(text.removeprefix(_REGION_PREFIX), regions=True)
    return None if country is None or country.historic else country.alpha_2
