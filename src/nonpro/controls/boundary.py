"""The public boundary test set, generated from the Annex data.

For every numeric threshold of every entry: a value at it, just inside and just outside, each in
the unit the Annex uses and in one other unit; for yes/no parameters, the value that meets and
the one that does not; and the Annex's own examples. Each case describes the item in the words an
application would use (the entry's first term) and sets the other parameters of the entry so that
the threshold alone decides: siblings under "all" are met, siblings under "any" are not. The
expected answer follows from the threshold as written, not from the classifier.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from nonpro.controls.annex import Annex, thresholds
from nonpro.controls.quantities import convert
from nonpro.controls.schemas import BoundaryCase, BoundaryPoint, Condition, Threshold
from nonpro.documents.spreadsheet import csv_text

# A constraint on one parameter: (low, low inclusive, high, high inclusive), or a yes/no value.
Bound = tuple[float, bool, float, bool]
Assignment = dict[str, tuple[Any, str | None]]
INF = math.inf
STEP = 1e-6  # "just" inside or outside: one part in a million, far above the comparison's 1e-9

# How an application writes each unit the Annex uses, and another unit it might be given in
# (pint's name, the spelling). Units with no sensible second form (counts, dB, rpm) have none.
SPELLING = {
    "g0": "g",
    "micro_g0": "µg",
    "N*s": "N-s",
    "kg/(N*h)": "kg/(N*h)",
    "J/m**3": "J/m3",
    "g/cm**3": "g/cm3",
    "J/m**2": "J/m2",
    "rad_Si": "rad(Si)",
    "um": "µm",
    "percent": "%",
    "degC": "°C",
    "g*mm/kg": "g*mm/kg",
}
OTHER_UNIT: dict[str, tuple[str, str]] = {
    "percent": ("ppm", "ppm"),
    "degC": ("degF", "°F"),
    "mm": ("cm", "cm"),
    "km": ("mi", "mi"),
    "N*s": ("lbf*s", "lbf-s"),
    "g0": ("m/s**2", "m/s2"),
    "m": ("ft", "ft"),
    "kN": ("lbf", "lbf"),
    "kg": ("lb", "lb"),
    "deg/s": ("deg/h", "deg/h"),
    "um": ("mm", "mm"),
    "deg": ("mrad", "mrad"),
    "kW": ("W", "W"),
    "L": ("gallon", "gal"),
    "MPa": ("psi", "psi"),
    "GPa": ("MPa", "MPa"),
    "arcsec": ("deg", "deg"),
    "m/s": ("ft/s", "ft/s"),
    "N": ("lbf", "lbf"),
    "kg/(N*h)": ("lb/(lbf*h)", "lb/(lbf*h)"),
    "J/kg": ("kJ/kg", "kJ/kg"),
    "J/m**3": ("MJ/m**3", "MJ/m3"),
    "g/cm**3": ("kg/m**3", "kg/m3"),
    "Pa": ("kPa", "kPa"),
    "ppm": ("percent", "%"),
    "micro_g0": ("milli_g0", "mg"),
    "deg/h": ("deg/s", "deg/s"),
    "min": ("s", "s"),
    "mrad": ("deg", "deg"),
    "kHz": ("Hz", "Hz"),
    "MeV": ("keV", "keV"),
    "MW": ("kW", "kW"),
    "rad_Si": ("krad_Si", "krad(Si)"),
    "J/m**2": ("cal/cm**2", "cal/cm2"),
    "kPa": ("Pa", "Pa"),
}
_BARE = ("count", "dimensionless")


# --- assignments in which one threshold alone decides its entry ------------------------------


def _merge(*parts: Assignment | None) -> Assignment | None:
    """Intersect constraints parameter by parameter; None if some parameter has no value left."""
    out: Assignment = {}
    for part in parts:
        if part is None:
            return None
        for name, (constraint, unit) in part.items():
            if name not in out:
                out[name] = (constraint, unit)
                continue
            prev = out[name][0]
            if isinstance(constraint, bool) or isinstance(prev, bool):
                if constraint != prev:
                    return None
                continue
            low = max(
                (prev[0], prev[1]), (constraint[0], constraint[1]), key=lambda b: (b[0], not b[1])
            )
            high = min(
                (prev[2], prev[3]), (constraint[2], constraint[3]), key=lambda b: (b[0], b[1])
            )
            if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
                return None
            out[name] = ((low[0], low[1], high[0], high[1]), unit)
    return out


def _interval(t: Threshold, met: bool) -> Bound:
    if t.comparison == "between":
        low, high = float(t.low or 0.0), float(t.high or 0.0)
        return (low, True, high, True) if met else (-INF, False, low, False)
    v = float(t.value or 0.0)
    return {
        (">=", True): (v, True, INF, False),
        (">=", False): (-INF, False, v, False),
        (">", True): (v, False, INF, False),
        (">", False): (-INF, False, v, True),
        ("<=", True): (-INF, False, v, True),
        ("<=", False): (v, False, INF, False),
        ("<", True): (-INF, False, v, False),
        ("<", False): (v, True, INF, False),
    }[(t.comparison, met)]


def leaf(t: Threshold, met: bool) -> Assignment:
    """The values of ``t``'s parameter that meet (or fail) it."""
    if isinstance(t.value, bool):
        return {t.parameter: (t.value if met else not t.value, None)}
    return {t.parameter: (_interval(t, met), t.unit)}


def options(c: Condition, met: bool) -> list[Assignment]:
    """Assignments making ``c`` met (or not met); one child settles "any met" and "all not met"."""
    if isinstance(c, Threshold):
        return [leaf(c, met)]
    if (c.mode == "all") == met:  # every child must go the same way
        combos: list[Assignment] = [{}]
        for item in c.items:
            combos = [
                m for a in combos for b in options(item, met) if (m := _merge(a, b)) is not None
            ]
        return combos
    return [a for item in c.items for a in options(item, met)]


def critical(c: Condition, target: Threshold, fixed: Assignment) -> Assignment | None:
    """An assignment where ``target`` alone decides ``c``, its own value set by ``fixed``:
    siblings under "all" are met, siblings under "any" are not met."""
    if isinstance(c, Threshold):
        return fixed if c is target else None
    holder = next(i for i in c.items if any(t is target for t in thresholds(i)))
    base = critical(holder, target, fixed)
    combos: list[Assignment] = [] if base is None else [base]
    for sibling in (i for i in c.items if i is not holder):
        combos = [
            m
            for a in combos
            for b in options(sibling, c.mode == "all")
            if (m := _merge(a, b)) is not None
        ]
    return combos[0] if combos else None


def point(constraint: Any) -> Any:
    """A value inside a constraint."""
    if isinstance(constraint, bool):
        return constraint
    low, low_in, high, high_in = constraint
    if low == -INF and high == INF:
        return 0.0
    if high == INF:
        return low if low_in else low + max(abs(low), 1.0)
    if low == -INF:
        return high if high_in else high - max(abs(high), 1.0)
    return low if low == high else (low + high) / 2


def values(assignment: Assignment, annex: Annex) -> dict[str, Any]:
    """One value per parameter, in the parameter's own unit."""
    out: dict[str, Any] = {}
    for name, (constraint, unit) in assignment.items():
        value = point(constraint)
        target = annex.parameters[name].unit
        if not isinstance(value, bool) and unit and target:
            value = convert(value, unit, target)
        out[name] = value
    return out


# --- the cases ---------------------------------------------------------------------------------


def _limit(t: Threshold) -> float:
    limit = t.low if t.comparison == "between" else t.value
    assert not isinstance(limit, bool), "yes/no thresholds have no limit"
    return float(limit or 0.0)


def _points(t: Threshold) -> Iterator[tuple[BoundaryPoint, float, bool]]:
    """At, just inside and just outside the threshold's (lower) limit, and whether each meets."""
    v = _limit(t)
    step = max(abs(v) * STEP, 1e-9)
    upward = t.comparison in (">=", ">", "between")
    yield "at", v, t.comparison in (">=", "<=", "between")
    yield "just inside", v + step if upward else v - step, True
    yield "just outside", v - step if upward else v + step, False


def _written(t: Threshold) -> str:
    if t.comparison == "between":
        return f"{t.low}–{t.high} {t.unit or ''}".strip()
    return f"{t.comparison} {t.value} {t.unit or ''}".strip()


def _text(value: float, unit: str | None) -> str | float:
    if unit is None or unit in _BARE:
        return value
    return f"{value!r} {SPELLING.get(unit, unit)}"


def _cases_of(entry_number: str, t: Threshold, annex: Annex) -> Iterator[BoundaryCase]:
    entry = annex.get(entry_number)
    assert entry.test is not None
    description = entry.terms[0] if entry.terms else entry.title
    common = {
        "entry": entry.number,
        "category": entry.category,
        "parameter": t.parameter,
        "threshold": _written(t),
        "description": description,
    }
    if isinstance(t.value, bool):
        for point_name, met in (("meets", True), ("fails", False)):
            found = critical(entry.test, t, leaf(t, met))
            if found is not None:
                yield BoundaryCase(
                    **common,
                    point=point_name,
                    unit_form="yes/no",
                    parameters=values(found, annex),
                    controlled=met,
                )
        return
    own_unit = annex.parameters[t.parameter].unit
    for point_name, value, met in _points(t):
        fixed: Assignment = {t.parameter: ((value, True, value, True), t.unit)}
        found = critical(entry.test, t, fixed)
        if found is None:
            continue
        given = values(found, annex)
        yield BoundaryCase(
            **common,
            point=point_name,
            unit_form="annex unit",
            parameters={**given, t.parameter: _text(given[t.parameter], own_unit)},
            controlled=met,
        )
        if own_unit in OTHER_UNIT:
            other, spelling = OTHER_UNIT[own_unit]
            converted = convert(given[t.parameter], own_unit, other)
            yield BoundaryCase(
                **common,
                point=point_name,
                unit_form="other unit",
                parameters={**given, t.parameter: f"{converted!r} {spelling}"},
                controlled=met,
            )


# The Annex's own examples: its definitions of range and payload, and the 2.A.1.d CEP ratio.
EXAMPLES = (
    (
        "2.A.1.d",
        "guidance set",
        {"accuracy_pct_of_range": "3.3333333333333335 %"},
        True,
        "a CEP of 10 km at a range of 300 km (the Annex's example, inclusive)",
    ),
    (
        "1.A.1",
        "ballistic missile",
        {"range": "300 km", "payload": "500 kg"},
        True,
        "500 kg to 300 km: Category I (Item 1)",
    ),
    (
        "19.A.1",
        "ballistic missile",
        {"range": "300 km", "payload": "499 kg"},
        True,
        "300 km with less than 500 kg: Category II (19.A.1)",
    ),
)


def boundary_set(annex: Annex) -> list[BoundaryCase]:
    """Every case of the set, in Annex order, then the examples."""
    out = [
        case
        for entry in annex
        if entry.test is not None
        for t in thresholds(entry.test)
        for case in _cases_of(entry.number, t, annex)
    ]
    for number, words, parameters, controlled, threshold in EXAMPLES:
        entry = annex.get(number)
        out.append(
            BoundaryCase(
                entry=number,
                category=entry.category,
                parameter=", ".join(parameters),
                threshold=threshold,
                point="at",
                unit_form="example",
                description=words,
                parameters=dict(parameters),
                controlled=controlled,
            )
        )
    return out


CSV_COLUMNS = (
    "entry",
    "category",
    "parameter",
    "threshold",
    "point",
    "unit_form",
    "description",
    "parameters",
    "controlled",
)


def boundary_csv(cases: list[BoundaryCase]) -> str:
    """The set as CSV, one case a row; ``parameters`` is a JSON object."""
    return csv_text(
        CSV_COLUMNS,
        (
            (
                c.entry,
                c.category,
                c.parameter,
                c.threshold,
                c.point,
                c.unit_form,
                c.description,
                json.dumps(c.parameters, ensure_ascii=False),
                "yes" if c.controlled else "no",
            )
            for c in cases
        ),
    )
