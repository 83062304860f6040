"""Normalisation: every script and spelling of a name reaches comparable Latin tokens."""

from __future__ import annotations

import pytest

from nonpro.screening.normalize import (
    fold,
    name_readings,
    phonetic_key,
    reorder,
    scripts_of,
    skeleton,
)


def tokens(name: str, *, person: bool | None = None) -> list[tuple[str, ...]]:
    return [reading.tokens for reading in name_readings(name, person=person)]


def test_case_diacritics_and_punctuation_fold_away() -> None:
    assert fold("François  HOLLANDE") == "francois hollande"
    assert fold("Al-Qa'ida") == "al qaida"
    assert fold("Goldman Sachs & Co. L.L.C.") == "goldman sachs and co llc"


def test_digits_inside_words_are_read_as_letters() -> None:
    assert fold("Ig0r Sech1n") == "igor sechin"
    assert fold("Trust 2004-1") == "trust 2004 1"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Владимир Путин", ("vladimir", "putin")),
        ("Αλέξανδρος", ("alexandros",)),
        ("李明", ("li", "ming")),
        ("习近平", ("xi", "jinping")),
        ("山田太郎", ("yamada", "taro")),
        ("田中花子", ("tanaka", "hanako")),
        ("이민호", ("lee", "min", "ho")),
        ("김정은", ("kim", "jong", "un")),
        ("박지성", ("park", "ji", "seong")),
    ],
)
def test_other_scripts_have_a_latin_reading(name: str, expected: tuple[str, ...]) -> None:
    assert expected in tokens(name, person=True)


def test_abjad_readings_are_flagged_and_share_a_skeleton_with_latin_spellings() -> None:
    (reading,) = name_readings("محمد", person=True)
    assert reading.abjad
    assert {skeleton(reading.tokens[0]), skeleton("mohammad"), skeleton("muhammad")} == {"mhmd"}
    (hebrew,) = name_readings("משה", person=True)
    assert hebrew.abjad and skeleton(hebrew.tokens[0]) == skeleton("moshe")


def test_surname_comma_given_is_put_in_reading_order() -> None:
    assert reorder("PUTIN, Vladimir Vladimirovich") == "Vladimir Vladimirovich PUTIN"
    assert tokens("PUTIN, Vladimir", person=True) == [("vladimir", "putin")]
    # An organisation's comma is not a name order.
    assert reorder("Goldman Sachs & Co., LLC, New York") == "Goldman Sachs & Co., LLC, New York"


def test_company_forms_are_canonical() -> None:
    assert tokens("Crystalord Systems Limited", person=False) == [("crystalord", "systems", "ltd")]
    assert tokens("Crystalord Systems LTD", person=False) == [("crystalord", "systems", "ltd")]
    (jsc,) = name_readings("Kalashnikov Joint Stock Company", person=False)
    assert jsc.tokens == ("kalashnikov", "jsc") and "jsc" in jsc.org_forms
    # Legal forms in other scripts are recognised before transliteration.
    assert ("ooo", "baikal") in tokens('ООО "Байкал"', person=False)


def test_persons_keep_words_that_look_like_legal_forms() -> None:
    assert tokens("Limited Smith", person=True) == [("limited", "smith")]


def test_phonetic_keys_join_spelling_variants() -> None:
    assert phonetic_key("mohammad") == phonetic_key("muhammad") == phonetic_key("mohamed")
    assert phonetic_key("putin") == phonetic_key("pudin")
    assert phonetic_key("7") == "7"


def test_scripts_are_detected() -> None:
    assert scripts_of("Путин Putin") == {"Cyrl", "Latn"}
    assert scripts_of("金正恩 김정은") == {"Hani", "Hang"}
    # Half-width katakana is katakana (read by pykakasi), and hiragana counts with it.
    assert scripts_of("ｷﾑ ｼﾞｮﾝｳﾝ") >= {"Kana"}
    assert scripts_of("ひらがな") == {"Kana"}
