"""The public boundary set (issue 21 item 6), classified as an officer would classify each item:
for every numeric threshold a value at it, just inside and just outside, in the Annex's unit and
in another; every yes/no parameter both ways; the Annex's own examples. All must pass."""

from __future__ import annotations

from collections import defaultdict

import pytest

from nonpro.controls import ItemDescription, classify, load_annex
from nonpro.controls.annex import thresholds
from nonpro.controls.boundary import OTHER_UNIT
from nonpro.controls.schemas import BoundaryCase
from nonpro.controls.services import boundary_set

ANNEX = load_annex()
CASES = boundary_set(ANNEX)
BY_ENTRY: dict[str, list[BoundaryCase]] = defaultdict(list)
for _case in CASES:
    BY_ENTRY[_case.entry].append(_case)


def test_every_threshold_has_its_three_points_in_two_units() -> None:
    for entry in ANNEX:
        for t in thresholds(entry.test):
            mine = [c for c in BY_ENTRY[entry.number] if c.parameter == t.parameter]
            if isinstance(t.value, bool):
                assert {c.point for c in mine} == {"meets", "fails"}, entry.number
                continue
            points = {(c.point, c.unit_form) for c in mine}
            assert {("at", "annex unit"), ("just inside", "annex unit")} <= points
            assert ("just outside", "annex unit") in points, entry.number
            if ANNEX.parameters[t.parameter].unit in OTHER_UNIT:
                assert ("just outside", "other unit") in points, entry.number
    assert {c.entry for c in CASES if c.unit_form == "example"} == {"2.A.1.d", "1.A.1", "19.A.1"}


def test_at_a_threshold_is_inside_for_at_least_and_outside_for_more_than() -> None:
    at_least = next(c for c in BY_ENTRY["2.A.1.c.1"] if c.point == "at")
    assert at_least.controlled and at_least.parameters["total_impulse"] == "1100000.0 N-s"
    more_than = next(
        c for c in BY_ENTRY["15.B.3"] if c.point == "at" and c.parameter != "three_axis_thrust"
    )
    assert not more_than.controlled


@pytest.mark.parametrize("number", sorted(BY_ENTRY))
def test_the_classifier_answers_every_case_as_the_annex_does(number: str) -> None:
    wrong = []
    for case in BY_ENTRY[number]:
        item = ItemDescription(text=case.description, parameters=case.parameters)
        result = classify(item, annex=ANNEX)
        matched = {m.item: m for m in result.matches}
        right = (number in matched) == case.controlled
        if right and case.controlled:
            right = matched[number].category == case.category and result.category is not None
        if not right:
            wrong.append((case.point, case.unit_form, case.parameters, sorted(matched)))
    assert wrong == []
