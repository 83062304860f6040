"""Test an Annex entry's condition on parameter values.

A condition has three outcomes: met, not met, or undecided because a parameter is missing.
Undecided is kept apart from "not met" so the output can say what is missing instead of treating
an unknown value as if it were below the threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from nonpro.controls.annex import Annex
from nonpro.controls.quantities import convert, format_value
from nonpro.controls.schemas import SYMBOLS, Condition, ParameterValue, Threshold


@dataclass
class Outcome:
    """Result of testing a condition: ``met`` is True, False or None (undecided)."""

    met: bool | None
    reasons: list[str] = field(default_factory=list)
    failed: list[tuple[Threshold, float]] = field(default_factory=list)
    unknown: list[Threshold] = field(default_factory=list)


def evaluate(condition: Condition, values: dict[str, ParameterValue], annex: Annex) -> Outcome:
    if isinstance(condition, Threshold):
        return _leaf(condition, values, annex)
    parts = [evaluate(c, values, annex) for c in condition.items]
    decisive = condition.mode == "any"  # the child value that settles the group at once
    settled = [p for p in parts if p.met is decisive]
    if settled:
        picked = settled[:1] if decisive else settled
        return _merge(decisive, picked)
    undecided = [p for p in parts if p.met is None]
    if undecided:
        return _merge(None, undecided)
    return _merge(not decisive, parts)


def _merge(met: bool | None, parts: list[Outcome]) -> Outcome:
    out = Outcome(met)
    for p in parts:
        out.reasons += p.reasons
        out.failed += p.failed
        out.unknown += p.unknown
    return out


def _leaf(t: Threshold, values: dict[str, ParameterValue], annex: Annex) -> Outcome:
    pv = values.get(t.parameter)
    spec = annex.parameters[t.parameter]
    if pv is None:
        if spec.unstated_is_no and isinstance(t.value, bool):
            return Outcome(t.value is False)
        return Outcome(None, unknown=[t])
    if isinstance(t.value, bool):
        met = bool(pv.value) == t.value
        said = "yes" if pv.value else "no"
        return Outcome(met, [f"{spec.label}: {said}"], [] if met else [(t, 0.0)])
    unit = t.unit or spec.unit
    value = _in_unit(float(pv.value), spec.unit, unit)
    met = _compare(value, t)
    shown = format_value(value, unit)
    if t.comparison == "between":
        bound = f"{format_value(t.low or 0.0, unit)}–{format_value(t.high or 0.0, unit)}"
        text = f"{spec.label} {shown} {'within' if met else 'outside'} {bound}"
    else:
        symbol = SYMBOLS[t.comparison] if met else _NOT[t.comparison]
        text = f"{spec.label} {shown} {symbol} {format_value(float(t.value or 0.0), unit)}"
    return Outcome(met, [text], [] if met else [(t, value)])


_NOT = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠"}


def _in_unit(value: float, unit: str | None, target: str | None) -> float:
    if unit == target or unit is None or target is None:
        return value
    return convert(value, unit, target)


def _compare(value: float, t: Threshold) -> bool:
    """A value at the threshold is at it, whatever the unit conversions did to its last digits:
    "a CEP of 10 km or less at a range of 300 km" is 1/30 of the range, and inside 2.A.1.d."""
    if t.comparison == "between":
        low, high = t.low or 0.0, t.high or 0.0
        return (low <= value or _at(value, low)) and (value <= high or _at(value, high))
    limit = float(t.value or 0.0)
    at = _at(value, limit)
    return {
        ">=": value >= limit or at,
        ">": value > limit and not at,
        "<=": value <= limit or at,
        "<": value < limit and not at,
        "==": at,
    }[t.comparison]


def _at(value: float, limit: float) -> bool:
    return math.isclose(value, limit, rel_tol=1e-9, abs_tol=1e-12)


def shortfall(t: Threshold, value: float) -> float | None:
    """How far a failing value is from its threshold, as a fraction of the threshold."""
    if isinstance(t.value, bool):
        return None
    if t.comparison == "between":
        low, high = t.low or 0.0, t.high or 0.0
        edge = low if value < low else high
        return abs(value - edge) / abs(edge) if edge else None
    limit = float(t.value or 0.0)
    return abs(value - limit) / abs(limit) if limit else None
