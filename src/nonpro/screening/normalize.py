"""Turn a name in any script into comparable Latin tokens.

A name may have several Latin readings (Han characters read as Chinese or Japanese, Hangul
romanised the South Korean or the North Korean way), so `name_readings` returns each of them and
the scorer keeps the best. Nothing here knows any particular name: readings come from ICU's
transliterators, pykakasi's dictionary and the Hangul syllable tables below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rigour.names.org_types import extract_org_types, replace_org_types_compare
from rigour.text.phonetics import metaphone
from rigour.text.translit import maybe_ascii

from nonpro.core.inputs import NAME_LENGTH
from nonpro.screening import rules
from nonpro.screening.scripts import char_script

# Scripts whose usual spelling omits most vowels: their readings are compared on consonant
# skeletons (محمد reads "mhmd", which must meet "Mohammed").
ABJAD_SCRIPTS = frozenset({"Arab", "Hebr", "Thai", "Syrc", "Thaa"})
_SKELETON_DROP = re.compile(r"[aeiouyw]")
_ABJAD_FOLD = str.maketrans("pv", "bf")
_DOUBLE = re.compile(r"(.)\1+")
_PUNCT = re.compile(r"[^\w\s]|_")
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02bf\u02be\u0060\u00b4]")
_GREEK_ENDING = re.compile(r"(?<=\w{3})(os|as|is)\b", re.IGNORECASE)
_DOTS = re.compile(r"\.(?=\w)")
_LEET = re.compile(r"\b(?=\w*[a-z])(?=\w*[0-9])\w+\b")
_LEET_TABLE = str.maketrans("0134579", "oieastg")
# Particles that lists add or drop freely; they count for little when comparing.
LIGHT_TOKENS = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "der",
        "van",
        "von",
        "la",
        "le",
        "da",
        "di",
        "du",
        "of",
        "the",
        "and",
        "y",
        "s",
        "co",
    }
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One Latin reading of a name: tokens in name order, and how it was obtained."""

    tokens: tuple[str, ...]
    abjad: bool = False  # read from a vowel-less script: compare consonant skeletons too
    org_forms: frozenset[str] = frozenset()  # tokens that are legal forms ("ltd", "jsc")
    # Per token, precomputed for the scorer: how much it says about identity, and whether it
    # is a legal form.
    weights: tuple[float, ...] = ()
    forms: tuple[bool, ...] = ()
    # Read from "SURNAME, Given": the last token is the family name, which a query may well
    # put first ("KIM Jong Un"), so that order is no crossing.
    surname_last: bool = False

    @classmethod
    def of(
        cls,
        tokens: tuple[str, ...],
        abjad: bool,
        org_forms: frozenset[str],
        surname_last: bool = False,
    ) -> Reading:
        weights = tuple(
            rules.LIGHT_TOKEN_WEIGHT
            if t in LIGHT_TOKENS or t in org_forms
            else rules.INITIAL_WEIGHT
            if len(t) == 1
            else 1.0
            for t in tokens
        )
        forms = tuple(t in org_forms for t in tokens)
        return cls(tokens, abjad, org_forms, weights, forms, surname_last)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@lru_cache(maxsize=8)
def _transliterator(spec: str) -> Any:
    import icu  # type: ignore[import-untyped]  # imported lazily: ICU is only needed for non-Latin text

    return icu.Transliterator.createInstance(spec)


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def scripts_of(text: str) -> set[str]:
    """ISO 15924 codes of the letters in `text` (Latin included, common characters left out)."""
    found: set[str] = set()
    for char in text:
        if char.isascii():
            if char.isalpha():
                found.add("Latn")
            continue
        if not char.isalpha():
            continue
        found.add(_char_script(char))
    return found


def _char_script(char: str) -> str:
    # pykakasi reads hiragana and katakana alike, so both count as "Kana" here.
    script = char_script(char) or "Zyyy"
    return "Kana" if script == "Hira" else script


def clean(text: str) -> str:
    """Lower case, punctuation as spaces, in the original script."""
    text = _APOSTROPHES.sub("", text).casefold().replace("&", " and ")
    text = _DOTS.sub("", text)  # "L.L.C." -> "llc", "p.l.c." -> "plc"
    return " ".join(_PUNCT.sub(" ", text).split())


def fold(text: str) -> str:
    """Lower-case ASCII with punctuation as spaces; the common form of every reading."""
    if not text.isascii():
        text = _transliterator("Any-Latin; Latin-ASCII").transliterate(text)
    text = clean(text)
    if _LEET.search(text):
        # "Ig0r Sech1n": digits inside words are letters in disguise.
        text = _LEET.sub(lambda m: m.group(0).translate(_LEET_TABLE), text)
    return text


def reorder(name: str) -> str:
    """'SURNAME, Given' -> 'Given SURNAME', as lists print persons; other commas stay."""
    if name.count(",") != 1:
        return name
    family, given = (part.strip() for part in name.split(","))
    if not family or not given or len(family.split()) > 3:
        return name
    return f"{given} {family}"


def _latin_texts(name: str, scripts: set[str]) -> list[tuple[str, bool]]:
    """Latin spellings of `name` before folding, each with its abjad flag."""
    if "Hang" in scripts:
        return [(text, False) for text in romanize_hangul(name)]
    if "Kana" in scripts:
        return [(_japanese(name), False)]
    if "Hani" in scripts:
        return [(_chinese(name), False), (_japanese(name), False)]
    abjad = bool(scripts & ABJAD_SCRIPTS)
    readings = [(maybe_ascii(name), abjad)]
    if scripts & {"Cyrl", "Grek"}:
        # ICU's scholarly reading ("Dmitrij", "Guliev") next to rigour's English one ("Dmitry").
        readings.append((_transliterator("Any-Latin").transliterate(name), False))
    if "Grek" in scripts:
        # Greek names carry a case ending that other languages drop: Alexandros, Alexander.
        readings.append((_GREEK_ENDING.sub("", readings[0][0]), False))
    return readings


def _chinese(name: str) -> str:
    # Chinese names are a one-character surname then a given name written as one word in pinyin.
    parts = []
    for chunk in name.split():
        syllables = _transliterator("Han-Latin; Latin-ASCII").transliterate(chunk).split()
        parts.append(syllables[0] + (" " + "".join(syllables[1:]) if len(syllables) > 1 else ""))
    return " ".join(parts)


def _japanese(name: str) -> str:
    words = [item["hepburn"] for item in _kakasi().convert(name)]
    # Hepburn without macrons: "tarou" is written "Taro" in lists, "yuuki" as "Yuki".
    return " ".join(re.sub(r"ou|oo", "o", re.sub(r"uu", "u", word)) for word in words)


MAX_NAME_READ = NAME_LENGTH


def name_readings(name: str, *, person: bool | None = None) -> tuple[Reading, ...]:
    """Every Latin reading of `name`; `person=False` canonicalises company legal forms.

    Only the first ``MAX_NAME_READ`` characters are read: transliteration and legal-form
    matching cost time in proportion to the text (worse for some scripts), no real name is
    this long, and every caller (a query, a list entry, a file's row) gets the same bound.
    """
    name = name[:MAX_NAME_READ]
    surname_last = False
    if person is not False:
        reordered = reorder(name)
        surname_last = reordered != name
        name = reordered
    forms: frozenset[str] = frozenset()
    if person is not True:
        # Legal forms are recognised in the original script ("ООО", "beschränkter Haftung").
        cleaned = clean(name)
        replaced = replace_org_types_compare(cleaned)
        if replaced.strip():
            name = replaced
            forms = frozenset(fold(form) for _, form in extract_org_types(replaced))
    scripts = scripts_of(name) if not name.isascii() else {"Latn"}
    out: list[Reading] = []
    for text, abjad in _latin_texts(name, scripts):
        tokens = tuple(fold(text).split())
        if tokens and all(tokens != known.tokens for known in out):
            out.append(Reading.of(tokens, abjad, forms, surname_last))
    return tuple(out)


@lru_cache(maxsize=65536)
def phonetic_key(token: str) -> str:
    """Metaphone of a token; digits and one-letter tokens are their own key."""
    if len(token) < 2 or not token.isalpha():
        return token
    return metaphone(token) or token


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonants only, doubles collapsed: 'mohammed' and 'mhmd' both give 'mhmd'."""
    # Arabic has no p or v: lists write them as b and f.
    token = token.replace("ou", "u").translate(_ABJAD_FOLD)
    stripped = _DOUBLE.sub(r"\1", _SKELETON_DROP.sub("", token))
    return stripped or token[:1]


def skeleton_variants(token: str) -> tuple[str, ...]:
    """Skeletons of a token read from an abjad: Hebrew and Arabic 'w' may stand for 'v'."""
    base = skeleton(token)
    if "w" in token:
        alt = skeleton(token.replace("w", "v"))
        if alt != base:
            return (base, alt)
    return (base,)


# Hangul syllables are built arithmetically from 19 initials, 21 vowels and 28 finals
# (Unicode chapter 3.12).


def _table(cells: str) -> list[str]:
    return cells.split()


_INITIALS_RR = _table("g kk n d tt r m b pp s ss - j jj ch k t p h")
_INITIALS_MR = _table("k kk n t tt r m p pp s ss - j tch ch k t p h")
_VOWELS_RR = _table("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_VOWELS_MR = _table("a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")
_FINALS = _table("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
# The usual spellings of the commonest family names, which follow neither system.
# North Korean spellings differ for a few (Ri, Pak, Choe).
_SURNAMES = {
    "김": "kim",
    "이": "lee",
    "리": "ri",
    "박": "park",
    "최": "choi",
    "정": "jung",
    "조": "cho",
    "강": "kang",
    "윤": "yoon",
    "장": "jang",
    "임": "lim",
    "한": "han",
    "오": "oh",
    "신": "shin",
    "권": "kwon",
    "황": "hwang",
    "안": "ahn",
    "송": "song",
    "전": "jeon",
    "홍": "hong",
    "유": "yoo",
    "고": "ko",
    "문": "moon",
    "노": "roh",
}
_SURNAMES_NORTH = {"김": "kim", "이": "ri", "리": "ri", "박": "pak", "최": "choe", "노": "ro"}


def _syllable(char: str, initials: list[str], vowels: list[str]) -> str:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return char
    parts = (initials[code // 588], vowels[(code % 588) // 28], _FINALS[code % 28])
    return "".join(part for part in parts if part != "-")


def romanize_hangul(name: str) -> list[str]:
    """Two romanisations: the South's Revised one, and the North's as its lists write it.

    The North's spelling follows McCune-Reischauer without diacritics, but with "j" for ㅈ
    ("Kim Jong Un").

    A word of two to four syllables is taken as a personal name: family name first, then each
    given-name syllable apart, as sanctions lists write Korean names ("KIM Jong Un").
    """
    out = []
    systems = ((_INITIALS_RR, _VOWELS_RR, _SURNAMES), (_INITIALS_MR, _VOWELS_MR, _SURNAMES_NORTH))
    for initials, vowels, surnames in systems:
        words = []
        for word in name.split():
            syllables = [_syllable(char, initials, vowels) for char in word]
            if 2 <= len(word) <= 4 and word[0] in surnames:
                syllables[0] = surnames[word[0]]
            words.append(" ".join(syllables) if 2 <= len(word) <= 4 else "".join(syllables))
        out.append(" ".join(words))
    return out
