"""How a written name or code is read before it is looked up.

Sources write one state many ways: accents or none ("Türkiye", "Turkiye"), typographic
apostrophes ("Côte d’Ivoire"), inverted names ("Macedonia, North"), flag emoji on the UNODA pages,
and countrynames answers some names with a subdivision ("UA-CRI" for Crimea). The functions here
decide what counts as the same text; `services` decides which state it is.
"""

from __future__ import annotations

import unicodedata

# The first and last of the Unicode regional-indicator letters (🇦 … 🇿) that flags are made of.
_FLAG_A, _FLAG_Z = 0x1F1E6, 0x1F1FF


def name_key(text: str) -> str:
    """The text as aliases are compared: blanks collapsed, accents and case dropped,
    typographic apostrophes made plain ("Côte d’Ivoire" == "cote d'ivoire")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("’", "'").split()).casefold()


def looks_like_code(text: str) -> bool:
    """ISO 3166 codes are two letters (alpha-2), three (alpha-3) or four (ISO 3166-3 alpha-4)."""
    return text.isascii() and text.isalpha() and len(text) in (2, 3, 4)


def uninverted(text: str) -> str | None:
    """ "Macedonia, North" → "North Macedonia": the order indexes print, put back; None when
    there is no comma to turn around."""
    head, comma, tail = text.partition(",")
    return f"{tail.strip()} {head.strip()}" if comma else None


def region_country(code: str) -> str:
    """The country part of a subdivision code ("UA-CRI" → "UA"); other codes are returned as
    they are. A region still says which country, but it is not the country itself, so only
    callers that ask for it (list parsers reading addresses) accept the answer."""
    return code.split("-", 1)[0]


def flag_letters(flag: str) -> str | None:
    """The two letters a flag emoji spells ("🇰🇵" → "KP"), or None when it is not a flag."""
    letters = [
        chr(ord(char) - _FLAG_A + ord("A"))
        for char in flag.strip()
        if _FLAG_A <= ord(char) <= _FLAG_Z
    ]
    return "".join(letters) if len(letters) == 2 else None
