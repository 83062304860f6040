"""Every Annex entry with thresholds, tested on both sides of each threshold.

Cases are generated from the data (``nonpro.controls.boundary``, which also builds the public
boundary set the classifier is tested on): for each threshold, an assignment of parameter values
in which that threshold alone decides the entry (its siblings under "all" are met, under "any"
are not). The entry must be met at the threshold's passing value and not met just across it.
Values are chosen from intervals, so a parameter tested twice (the band 8.41e5 ≤ I < 1.1e6)
gets one value that satisfies both.
"""

from __future__ import annotations

from typing import Any

import pytest

from nonpro.controls.annex import Annex, load_annex, thresholds
from nonpro.controls.boundary import Assignment, critical, leaf, values
from nonpro.controls.rules import evaluate
from nonpro.controls.schemas import ConditionGroup, ParameterValue, Threshold

ANNEX = load_annex()


def _step(value: float) -> float:
    return max(abs(value) * 1e-6, 1e-9)


def side(t: Threshold, met: bool) -> Any:
    """A value (in the threshold's unit) that meets, or just fails, the threshold."""
    if isinstance(t.value, bool):
        return t.value if met else not t.value
    if t.comparison == "between":
        low = float(t.low or 0.0)
        return low if met else low - _step(low)
    v = float(t.value or 0.0)
    return {
        (">=", True): v,
        (">=", False): v - _step(v),
        (">", True): v + _step(v),
        (">", False): v,
        ("<=", True): v,
        ("<=", False): v + _step(v),
        ("<", True): v - _step(v),
        ("<", False): v,
    }[(t.comparison, met)]


def exact(t: Threshold, met: bool) -> Assignment:
    """The one value of ``t``'s parameter that meets (or just fails) it."""
    if isinstance(t.value, bool):
        return leaf(t, met)
    x = side(t, met)
    return {t.parameter: ((x, True, x, True), t.unit)}


def parameter_values(assignment: Assignment, annex: Annex) -> dict[str, ParameterValue]:
    return {
        name: ParameterValue(
            name=name,
            label=annex.parameters[name].label,
            value=value,
            unit=annex.parameters[name].unit,
            origin="given",
        )
        for name, value in values(assignment, annex).items()
    }


def cases() -> list[Any]:
    out = []
    for entry in ANNEX:
        if entry.test is None:
            continue
        for t in thresholds(entry.test):
            ident = (
                f"{entry.number}:{t.parameter}{t.comparison}{t.value if t.low is None else t.low}"
            )
            out.append(pytest.param(entry.number, t, id=ident))
    return out


CASES = cases()


def test_every_threshold_entry_is_covered() -> None:
    with_tests = [e.number for e in ANNEX if e.test is not None]
    assert len(with_tests) == 60
    assert {c.values[0] for c in CASES} == set(with_tests)
    assert len(CASES) == sum(len(list(thresholds(e.test))) for e in ANNEX)


@pytest.mark.parametrize(("number", "threshold"), CASES)
def test_threshold_decides_on_both_sides(number: str, threshold: Threshold) -> None:
    entry = ANNEX.get(number)
    assert entry.test is not None
    passing = critical(entry.test, threshold, exact(threshold, True))
    failing = critical(entry.test, threshold, exact(threshold, False))
    assert passing is not None and failing is not None
    assert evaluate(entry.test, parameter_values(passing, ANNEX), ANNEX).met is True
    assert evaluate(entry.test, parameter_values(failing, ANNEX), ANNEX).met is False


@pytest.mark.parametrize("number", [e.number for e in ANNEX if e.test is not None])
def test_entry_is_undecided_without_parameters(number: str) -> None:
    entry = ANNEX.get(number)
    assert entry.test is not None
    outcome = evaluate(entry.test, {}, ANNEX)
    assert outcome.met is None
    assert outcome.unknown


def test_groups_are_tested_as_written() -> None:
    test = ANNEX.get("9.B.2.c").test
    assert isinstance(test, ConditionGroup) and test.mode == "all"
