"""Country names on treaty status pages → ISO 3166 alpha-3, historic states included.

A private stand-in until ``nonpro.reference`` offers the shared resolver: swap ``to_alpha3`` for it
then. Built on countrynames (many UN and colloquial spellings) and pycountry, plus the aliases the
UNODA-derived pages need (their own ``country_aliases.yaml`` logic) and the historic states.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import countrynames
import pycountry

# countrynames answers historic states in ISO 3166-3 four-letter form; the records use alpha-3.
_HISTORIC = {"SUHH": "SUN", "YUCS": "YUG", "CSHH": "CSK", "DDDE": "DDR", "DD": "DDR", "ZRCD": "COD"}
_ALIASES = {
    # The UNODA-derived pages and the UNTC pages, where countrynames needs help.
    "macedonia, north": "MKD",
    "the former yugoslav republic of macedonia": "MKD",
    "vatican city": "VAT",
    "holy see": "VAT",
    "state of palestine": "PSE",
    "palestine": "PSE",
    "turkiye": "TUR",
    "zaire": "COD",  # Annex 2 of the CTBT (1996) still says Zaire
    "serbia and montenegro": "SCG",
    "yugoslavia": "YUG",
    "former yugoslavia": "YUG",
    "socialist federal republic of yugoslavia": "YUG",
    "ussr": "SUN",
    "union of soviet socialist republics": "SUN",
    "soviet union": "SUN",
    "czechoslovakia": "CSK",
    "german democratic republic": "DDR",
    "european union": "EUE",  # the domain CSVs' code for the EU's seats (not ISO)
    "european commission": "EUE",
    "micronesia (fed. states of)": "FSM",
    "dem. people's republic of korea": "PRK",
    "democratic yemen": "YMD",
}
_EXTRA_CODES = frozenset({"XKX", "EUE"})  # Kosovo as lists write it; the EU's seats (not ISO)
_FOOTNOTE = re.compile(r"(\s*\d+\s*,?)+$|\s*\*+$")


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split()).lower()


def clean_name(name: str) -> str:
    """The name without footnote markers ("Denmark 1", "Iran (Islamic Republic of)3")."""
    return _FOOTNOTE.sub("", " ".join(name.split())).strip()


@cache
def to_alpha3(name: str) -> str | None:
    """The alpha-3 code for a country name, or None when it cannot be resolved with confidence."""
    cleaned = clean_name(name)
    key = _key(cleaned)
    if key in _ALIASES:
        return _ALIASES[key]
    code = countrynames.to_code(cleaned, fuzzy=False)
    if code is None and "," in cleaned:  # "Macedonia, North" → "North Macedonia"
        head, _, tail = cleaned.partition(",")
        code = countrynames.to_code(f"{tail.strip()} {head.strip()}", fuzzy=False)
    if code is None:
        return None
    return alpha2_to_alpha3(code)


@cache
def is_known_code(code: str) -> bool:
    """An ISO 3166 alpha-3 code, current or historic, or one of the few the records add."""
    code = code.upper()
    return (
        code in _EXTRA_CODES
        or pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


def resolve_state(text: str) -> str | None:
    """A code as given (``RUS``, ``SUN``) or else a name resolved (``Russian Federation``)."""
    text = text.strip()
    if len(text) == 3 and text.isalpha() and is_known_code(text):
        return text.upper()
    return to_alpha3(text)


def alpha2_to_alpha3(code: str) -> str | None:
    code = code.upper()
    if code in _HISTORIC:
        return _HISTORIC[code]
    if code == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        return str(country.alpha_3)
    historic = pycountry.historic_countries.get(alpha_2=code)
    return str(historic.alpha_3) if historic is not None else None


def flag_to_alpha3(flag: str) -> str | None:
    """A flag emoji (two regional-indicator letters) → alpha-3; the UNODA pages mark rows so."""
    letters = [
        chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag.strip() if 0x1F1E6 <= ord(c) <= 0x1F1FF
    ]
    return alpha2_to_alpha3("".join(letters)) if len(letters) == 2 else None
