"""Identifiers compared as their formats define them.

Any identifier is compared on its letters and digits only: "AB 123-456" is "AB123456".
Identifiers with a published format are also compared the way ``rigour.ids`` normalises them,
checksum checked: "IMO 9187629" meets a vessel listed with IMO number 9187629, and a bank's BIC
meets the same bank listed in its 11-letter form (the 8 letters and the head office's branch
code). Such keys carry their format's name, so a BIC can only meet a BIC, never a passport
number that looks alike.
"""

from __future__ import annotations

from functools import lru_cache

from rigour.ids import get_identifier_format

# Shorter values ("12", "A1") say too little to tie a party to an entry.
MIN_KEY_LENGTH = 4
# Our identifier kinds -> the rigour.ids format that defines them.
LISTED_FORMATS = {"imo": "imo", "lei": "lei", "swift": "bic", "isin": "isin"}
# A query's identifiers come untyped: these formats are tried on each (all carry a checksum or
# a strict shape, so an arbitrary number is rarely taken for one).
QUERY_FORMATS = ("imo", "lei", "bic", "isin")


def normalize_identifier(value: str) -> str:
    """Identifiers compared without spaces, dashes or case: 'AB 123-456' == 'ab123456'."""
    return "".join(char for char in value.upper() if char.isalnum())


def _format_key(format_name: str, value: str) -> str | None:
    identifier_format = get_identifier_format(format_name)
    if identifier_format is None or not identifier_format.is_valid(value):
        return None
    normalized = identifier_format.normalize(value)
    return f"{format_name}:{normalized}" if normalized else None


def _keys(value: str, formats: tuple[str, ...]) -> tuple[str, ...]:
    plain = normalize_identifier(value)
    keys = [plain] if len(plain) >= MIN_KEY_LENGTH else []
    keys += [key for name in formats if (key := _format_key(name, value))]
    return tuple(keys)


@lru_cache(maxsize=65536)
def listed_keys(kind: str, value: str) -> tuple[str, ...]:
    """The keys a listed identifier of ``kind`` is found under."""
    listed_format = LISTED_FORMATS.get(kind)
    return _keys(value, (listed_format,) if listed_format else ())


@lru_cache(maxsize=4096)
def query_keys(value: str) -> tuple[str, ...]:
    """The keys a queried identifier looks for."""
    return _keys(value, QUERY_FORMATS)
