"""Which writing system a letter belongs to, as ISO 15924 codes ("Latn", "Cyrl", "Hani").

The Unicode Script property comes from rigour (ICU4X data); lists and the matcher speak in
ISO 15924 codes, the ones EntryName.script stores.
"""

from __future__ import annotations

from functools import lru_cache

from rigour.text.scripts import codepoint_script

# Unicode script names -> ISO 15924 codes, for the scripts names on the lists are written in.
ISO_15924 = {
    "Latin": "Latn",
    "Cyrillic": "Cyrl",
    "Arabic": "Arab",
    "Greek": "Grek",
    "Hebrew": "Hebr",
    "Han": "Hani",
    "Hangul": "Hang",
    "Hiragana": "Hira",
    "Katakana": "Kana",
    "Thai": "Thai",
    "Georgian": "Geor",
    "Armenian": "Armn",
    "Devanagari": "Deva",
    "Ethiopic": "Ethi",
    "Myanmar": "Mymr",
    "Khmer": "Khmr",
    "Tamil": "Taml",
    "Bengali": "Beng",
    "Syriac": "Syrc",
    "Thaana": "Thaa",
}


@lru_cache(maxsize=8192)
def char_script(char: str) -> str | None:
    """The ISO 15924 code of one character's script, or None for other scripts, digits,
    punctuation and marks shared by all scripts."""
    return ISO_15924.get(codepoint_script(ord(char)) or "")


def first_letter_script(text: str) -> str | None:
    """The script of the first letter of ``text`` ("Cyrl" for "Иван"), or None."""
    for char in text:
        if char.isalpha():
            return char_script(char)
    return None
