"""Every Annex entry with thresholds, tested on both sides of each threshold.

Cases are generated from the data: for each threshold, an assignment of parameter values in
which that threshold alone decides the entry (its siblings under "all" are met, under "any"
are not). The entry must be met at the threshold's passing value and not met just across it.
Values are chosen from intervals, so a parameter tested twice (the band 8.41e5 ≤ I < 1.1e6)
gets one value that satisfies both.
"""

from __future__ import annotations

from typing import Any

import pytest

from nonpro.controls.annex import Annex, load_annex, thresholds
from nonpro.controls.quantities import convert
from nonpro.controls.rules import evaluate
from nonpro.controls.schemas import Condition, ConditionGroup, ParameterValue, Threshold

ANNEX = load_annex()
Assignment = dict[str, Any]


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


INF = float("inf")
# A constraint on one parameter: (low, low inclusive, high, high inclusive), or a yes/no value.
Bound = tuple[float, bool, float, bool]


def merge(*parts: Assignment | None) -> Assignment | None:
    """Intersect constraints parameter by parameter; None if some parameter has no value left."""
    out: Assignment = {}
    for part in parts:
        if part is None:
            return None
        for k, (c, unit) in part.items():
            if k not in out:
                out[k] = (c, unit)
                continue
            prev = out[k][0]
            if isinstance(c, bool) or isinstance(prev, bool):
                if c != prev:
                    return None
                continue
            lo, li = max((prev[0], prev[1]), (c[0], c[1]), key=lambda b: (b[0], not b[1]))
            hi, hi_in = min((prev[2], prev[3]), (c[2], c[3]), key=lambda b: (b[0], b[1]))
            if lo > hi or (lo == hi and not (li and hi_in)):
                return None
            out[k] = ((lo, li, hi, hi_in), unit)
    return out


def leaf(t: Threshold, met: bool, exact: bool = False) -> Assignment:
    if isinstance(t.value, bool):
        return {t.parameter: (t.value if met else not t.value, None)}
    if exact:
        x = side(t, met)
        return {t.parameter: ((x, True, x, True), t.unit)}
    if t.comparison == "between":
        lo, hi = float(t.low or 0.0), float(t.high or 0.0)
        bound: Bound = (lo, True, hi, True) if met else (-INF, False, lo, False)
        return {t.parameter: (bound, t.unit)}
    v = float(t.value or 0.0)
    bounds: dict[tuple[str, bool], Bound] = {
        (">=", True): (v, True, INF, False),
        (">=", False): (-INF, False, v, False),
        (">", True): (v, False, INF, False),
        (">", False): (-INF, False, v, True),
        ("<=", True): (-INF, False, v, True),
        ("<=", False): (v, False, INF, False),
        ("<", True): (-INF, False, v, False),
        ("<", False): (v, True, INF, False),
    }
    return {t.parameter: (bounds[(t.comparison, met)], t.unit)}


def point(c: Any) -> Any:
    """A value inside a constraint."""
    if isinstance(c, bool):
        return c
    lo, li, hi, hi_in = c
    if lo == -INF and hi == INF:
        return 0.0
    if hi == INF:
        return lo if li else lo + max(abs(lo), 1.0)
    if lo == -INF:
        return hi if hi_in else hi - max(abs(hi), 1.0)
    return lo if lo == hi else (lo + hi) / 2


def options(c: Condition, met: bool) -> list[Assignment]:
    """Assignments making ``c`` met (or not met); one child settles "any met" and "all not met"."""
    if isinstance(c, Threshold):
        return [leaf(c, met)]
    if (c.mode == "all") == met:  # every child must go the same way
        combos: list[Assignment] = [{}]
        for item in c.items:
            combos = [
                m for a in combos for b in options(item, met) if (m := merge(a, b)) is not None
            ]
        return combos
    return [a for item in c.items for a in options(item, met)]


def critical(c: Condition, target: Threshold, met: bool) -> Assignment | None:
    """An assignment where ``target`` alone decides ``c``: siblings under "all" are met, siblings
    under "any" are not met."""
    if isinstance(c, Threshold):
        return leaf(c, met, exact=True) if c is target else None
    holder = next(i for i in c.items if any(t is target for t in thresholds(i)))
    base = critical(holder, target, met)
    combos: list[Assignment] = [] if base is None else [base]
    for sibling in (i for i in c.items if i is not holder):
        combos = [
            m
            for a in combos
            for b in options(sibling, c.mode == "all")
            if (m := merge(a, b)) is not None
        ]
    return combos[0] if combos else None


def values(assignment: Assignment, annex: Annex) -> dict[str, ParameterValue]:
    out = {}
    for name, (constraint, unit) in assignment.items():
        spec = annex.parameters[name]
        value = point(constraint)
        if not isinstance(value, bool) and unit and spec.unit:
            value = convert(value, unit, spec.unit)
        out[name] = ParameterValue(
            name=name, label=spec.label, value=value, unit=spec.unit, origin="given"
        )
    return out


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
    passing = critical(entry.test, threshold, True)
    failing = critical(entry.test, threshold, False)
    assert passing is not None and failing is not None
    assert evaluate(entry.test, values(passing, ANNEX), ANNEX).met is True
    assert evaluate(entry.test, values(failing, ANNEX), ANNEX).met is False


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
