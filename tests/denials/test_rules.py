"""The comparisons behind the no-undercut check (no database)."""

from __future__ import annotations

import pytest

from nonpro.denials import rules

GYRO = "Fibre optic gyro, rated drift rate stability 0.05 deg/h (1 sigma) in 1 g"


@pytest.mark.parametrize(
    ("case_entry", "denied", "expected"),
    [
        ("9.A.4", "9.A.4", "the same Annex entry 9.A.4"),
        ("2.A.1.c.1", "2.A.1.c", "Annex 2.A.1.c.1, under the denied entry 2.A.1.c"),
        ("2.A.1", "2.A.1.c", "Annex 2.A.1, which holds the denied entry 2.A.1.c"),
        ("2.A.1.c", "2.A.1.b", None),
        ("2.A.11", "2.A.1", None),  # a prefix of the text, not of the entry
    ],
)
def test_entry_relation(case_entry: str, denied: str, expected: str | None) -> None:
    assert rules.entry_relation(case_entry, denied) == expected


def test_descriptions_of_one_item_match_and_of_a_sibling_do_not() -> None:
    same = "Fibre optic gyro, drift rate stability 0.05 deg/h (1 sigma)"
    sibling = "Ring laser gyro, rated drift rate stability 0.5 deg/h (1 sigma) in 1 g"
    assert rules.description_score(GYRO, same) >= rules.DESCRIPTION_MATCH
    assert rules.description_score(GYRO, sibling) < rules.DESCRIPTION_MATCH
    assert rules.description_score(GYRO, "Carbon fibre prepreg") < 50


def test_end_user_names_are_compared_as_screening_compares_them() -> None:
    same_written_otherwise = [
        ("Tsukuba Space Instruments KK", "TSUKUBA SPACE INSTRUMENTS K.K."),
        ("Shahid Hemmat Industrial Group", "Hemmat, Shahid Industrial Group"),
    ]
    for ours, denied in same_written_otherwise:
        assert rules.end_user_score(ours, denied) > rules.END_USER_MATCH
    assert rules.end_user_score("Tsukuba Space Instruments KK", "Rheinland Sensorik GmbH") < 0.5


@pytest.mark.parametrize(
    ("raw", "annex"),
    [
        ("2.A.1.c", True),
        ("9.a.4", True),
        ("2.a.1.C", True),
        ("19", True),
        ("9A012", False),
        ("EAR99", False),
    ],
)
def test_which_control_numbers_are_annex_numbers(raw: str, annex: bool) -> None:
    assert rules.looks_like_annex_number(raw) is annex


def test_annex_numbers_are_written_one_way() -> None:
    assert rules.normal_annex_number(" 2.a.1.C ") == "2.A.1.c"
