"""Recognise quantities and units in the free text of a license application.

"solid propellant rocket motor, total impulse 1.2 x 10^6 N-s" yields one quantity, 1.2e6 N*s.
Units are normalised to pint expressions so that thresholds in N*s compare with values given in
lbf*s or MN*s. Applications write units loosely ("N-s", "lb-sec", "deg/hr", "1,000 km"), so the
recogniser knows spellings, not only pint's own names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pint

from nonpro.controls.errors import InvalidQuantity

# Extra units the Annex needs. "g" in an item description is nearly always the
# acceleration of gravity ("rated to 100 g", "1 250 µg bias"), never grams, so it has its own name.
_DEFINITIONS = (
    "g0 = 9.80665 * meter / second ** 2",
    "milli_g0 = 1e-3 * g0",
    "micro_g0 = 1e-6 * g0",
    "rad_Si = 0.01 * gray",
)


@cache
def registry() -> pint.UnitRegistry[Any]:
    """The unit registry, built on first use: building it takes a good part of a second."""
    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry()
    for line in _DEFINITIONS:
        # Newer pints know g0 (standard gravity, the same 9.80665 m/s²): defining it again only
        # logs a "Redefining" warning into every command's output.
        if line.split("=")[0].strip() not in ureg:
            ureg.define(line)
    return ureg


_SEP = r"\s*[-·•*.⋅ ]?\s*"  # "N-s", "N·s", "N s", "N*s", "Ns"
_SEC = r"s(?:ec(?:onds?)?)?\b"
_PER = r"\s*(?:/|per)\s*"
# (pattern, pint unit). Order matters: longer spellings first. Matched right after a number.
_UNITS: list[tuple[str, str]] = [
    (rf"MN{_SEP}{_SEC}", "MN*s"),
    (rf"kN{_SEP}{_SEC}", "kN*s"),
    (rf"lbf?{_SEP}{_SEC}", "lbf*s"),
    (rf"N{_SEP}{_SEC}", "N*s"),
    (r"kg\s*/\s*\(?\s*N\s*[·*.⋅ ]?\s*h(?:r|our)?\s*\)?", "kg/(N*h)"),
    (r"kg\s*/\s*N\s*/\s*h(?:r|our)?", "kg/(N*h)"),
    (r"lbm?\s*/\s*\(?\s*lbf\s*[·*.⋅ ]?\s*h(?:r|our)?\s*\)?", "lb/(lbf*h)"),
    (r"lbm?\s*/\s*lbf\s*/\s*h(?:r|our)?", "lb/(lbf*h)"),
    (r"g\s*[·*.⋅ ]?\s*mm\s*/\s*kg", "g*mm/kg"),
    (rf"(?:°|deg(?:rees?)?){_PER}h(?:r|our)?\b", "deg/h"),
    (rf"(?:°|deg(?:rees?)?){_PER}s(?:ec(?:ond)?)?\b", "deg/s"),
    (r"(?:°|deg(?:rees?)?\s*)C\b|degC\b|℃|C\b(?=\s|$|[,;)])", "degC"),
    (r"(?:°|deg(?:rees?)?\s*)F\b", "degF"),
    (r"(?:MJ|mj)\s*/\s*kg", "MJ/kg"),
    (r"kJ\s*/\s*kg", "kJ/kg"),
    (r"J\s*/\s*kg", "J/kg"),
    (r"GJ\s*/\s*m(?:3|³|\^3)", "GJ/m**3"),
    (r"MJ\s*/\s*(?:L|l|litre|liter)\b", "MJ/L"),
    (r"MJ\s*/\s*m(?:3|³|\^3)", "MJ/m**3"),
    (r"J\s*/\s*m(?:3|³|\^3)", "J/m**3"),
    (r"J\s*/\s*m(?:2|²|\^2)", "J/m**2"),
    (r"cal\s*/\s*cm(?:2|²|\^2)", "cal/cm**2"),
    (r"g\s*/\s*(?:cm(?:3|³|\^3)|cc)\b", "g/cm**3"),
    (r"kg\s*/\s*m(?:3|³|\^3)", "kg/m**3"),
    (r"km\s*/\s*s\b", "km/s"),
    (r"km\s*/\s*h\b|kph\b", "km/h"),
    (r"m\s*/\s*s(?:2|²|\^2)", "m/s**2"),
    (r"m\s*/\s*s\b|mps\b", "m/s"),
    (r"ft\s*/\s*s\b|fps\b", "ft/s"),
    (r"kn(?:ots?)?\b|kts?\b", "knot"),
    (r"(?:µ|μ|u)\s*g\b|micro[- ]?g(?:s|ees?)?\b", "micro_g0"),
    (r"milli[- ]?g\b|mg\b", "milli_g0"),
    (r"g(?:\s*rms)?\b|gees?\b|G\b", "g0"),
    (r"Mrads?(?:\s*\(\s*Si\s*\))?", "Mrad_Si"),
    (r"krads?(?:\s*\(\s*Si\s*\))?", "krad_Si"),
    (r"rads?\s*\(\s*Si\s*\)|rads?\b", "rad_Si"),
    (r"Gy\s*\(\s*Si\s*\)", "Gy"),
    (r"mrad(?:s|ians?)?\b|milliradians?\b", "mrad"),
    (r"arc[- ]?sec(?:onds?)?\b|arcsec\b|″", "arcsec"),
    (r"deg(?:rees?)?\b|°", "deg"),
    (r"rpm\b|r\s*/\s*min\b|rev(?:olutions)?\s*(?:/|per)\s*min(?:ute)?\b", "rpm"),
    (r"klbf\b", "klbf"),
    (r"lbf\b|pounds?[- ]force\b", "lbf"),
    (r"kgf\b", "kgf"),
    (r"MN\b|meganewtons?\b", "MN"),
    (r"kN\b|kilonewtons?\b", "kN"),
    (r"N\b|newtons?\b", "N"),
    (r"km\b|kilomet(?:re|er)s?\b", "km"),
    (r"nmi\b|NM\b|nautical\s+miles?\b", "nmi"),
    (r"mi\b|miles?\b|statute\s+miles?\b", "mi"),
    (r"mm\b|millimet(?:re|er)s?\b", "mm"),
    (r"cm\b|centimet(?:re|er)s?\b", "cm"),
    (r"(?:µ|μ|u)m\b|microns?\b|micromet(?:re|er)s?\b", "um"),
    (r"ft\b|feet\b|foot\b", "ft"),
    (r"in(?:ch(?:es)?)?\b(?=\s*(?:$|[,;)]|bore|diameter|wide|thick|long))", "inch"),
    (r"m\b|met(?:re|er)s?\b", "m"),
    (r"(?:metric\s+)?tonnes?\b|t\b", "t"),
    (r"kg\b|kilo(?:gram)?s?\b", "kg"),
    (r"lbs?\b|pounds?\b", "lb"),
    (r"grams?\b", "gram"),
    (r"MW\b|megawatts?\b", "MW"),
    (r"kW\b|kilowatts?\b", "kW"),
    (r"s?hp\b|horsepower\b", "hp"),
    (r"W\b|watts?\b", "W"),
    (r"GPa\b", "GPa"),
    (r"MPa\b", "MPa"),
    (r"kPa\b", "kPa"),
    (r"Pa\b|pascals?\b", "Pa"),
    (r"psi[ag]?\b", "psi"),
    (r"bar\b", "bar"),
    (r"atm\b", "atm"),
    (r"torr\b", "torr"),
    (r"mGal\b|milligals?\b", "mGal"),
    (r"MeV\b", "MeV"),
    (r"keV\b", "keV"),
    (r"kHz\b", "kHz"),
    (r"MHz\b", "MHz"),
    (r"GHz\b", "GHz"),
    (r"Hz\b", "Hz"),
    (r"K\b|kelvin\b", "K"),
    (r"(?:L|l|litres?|liters?)\b", "L"),
    (r"(?:US\s+)?gal(?:lons?)?\b", "gallon"),
    (r"min(?:utes?)?\b", "min"),
    (r"h(?:ours?|rs?)?\b", "h"),
    (r"s(?:ec(?:onds?)?)?\b", "s"),
    (r"ppm\b", "ppm"),
    (r"(?:wt|vol|weight|volume|mass)?\s*\.?\s*%|per\s*cent\b|percent\b", "percent"),
    (r"dB\b", "dB"),
    (r"axes\b|axis\b", "count:axes"),
    (r"(?:correction\s+)?planes?\b", "count:planes"),
    (r"shafts?\b", "count:shafts"),
]
_UNIT_RE = [(re.compile(p), u) for p, u in _UNITS]
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>[-+−])?(?P<int>\d{1,3}(?:(?:,| | )\d{3})+|\d+)(?:[.,](?P<frac>\d+))?"
    r"(?:\s*(?:x|×|\*)\s*10\s*(?:\^|\*\*)?\s*(?P<exp>[-+−]?\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)"
    r"|[eE](?P<eexp>[-+]?\d+))?"
    r"(?:\s*(?P<mult>thousand|million|billion)\b)?"
)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_RANGE_JOIN = re.compile(r"\s*(?:to|through|–|—|-|\.\.\.?|…|and)\s*$")
_MACH = re.compile(r"\bMach\s*(?P<v>\d+(?:\.\d+)?)|(?P<w>\d+(?:\.\d+)?)\s*Mach\b", re.I)
_BEARING = re.compile(
    r"\bABEC\s*-?\s*(?P<abec>[13579])\b|\bISO\s*492\s*(?:tolerance\s*)?class\s*(?P<iso>[2456])\b|\bP(?P<p>[2456])\b"
)
# ABEC grades map to ISO 492 classes; lower ISO class number is the tighter tolerance.
_ABEC_TO_ISO = {"9": 2, "7": 4, "5": 5, "3": 6, "1": 10}


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit (a pint expression) or ``None`` for a bare number.

    ``hint`` names the parameter when the notation itself says (Mach, ABEC grade); ``group`` is
    shared by the two ends of a written range ("-55 to +125 °C") and ``role`` says which end.
    """

    value: float
    unit: str | None
    text: str
    start: int
    end: int
    hint: str | None = None
    group: int | None = None
    role: str | None = None

    def to(self, unit: str) -> float:
        """The value in ``unit``; raises ``InvalidQuantity`` if the dimensions differ."""
        return convert(self.value, self.unit, unit)


def convert(value: float, unit: str | None, target: str) -> float:
    if unit is None or unit.startswith("count") or unit == target:
        return value
    ureg = registry()
    try:
        return float(ureg.Quantity(value, unit).to(target).magnitude)
    except (pint.DimensionalityError, pint.UndefinedUnitError) as exc:
        raise InvalidQuantity(target, f"cannot express {value} {unit} in {target}") from exc


def compatible(unit: str | None, target: str | None) -> bool:
    """Whether a value in ``unit`` can be compared with a threshold in ``target``."""
    if unit is None or target is None:
        return False
    if unit.startswith("count") or target in ("count", "dimensionless"):
        return unit.startswith("count") and target == "count"
    # pint treats angles as dimensionless, so keep percentages away from degrees and radians.
    if unit in ("percent", "ppm") or target in ("percent", "ppm"):
        return unit in ("percent", "ppm") and target in ("percent", "ppm")
    try:
        return bool(registry().Quantity(1, unit).is_compatible_with(target))
    except pint.UndefinedUnitError:
        return False


def parse_quantity(raw: str) -> Quantity:
    """One quantity written on its own ("1.2e6 N*s", "250 lbf", "5"), e.g. a --param value."""
    found = find_quantities(raw)
    if len(found) != 1 or found[0].start > 0 or raw[found[0].end :].strip():
        raise InvalidQuantity("value", f"not a single quantity: {raw!r}")
    return found[0]


def _number(m: re.Match[str]) -> float:
    digits = re.sub(r"[, \u2009]", "", m["int"])
    text = digits + ("." + m["frac"] if m["frac"] else "")
    # "1,1 MNs" is a decimal comma (EU texts); "1,100" is a thousands separator, handled above.
    exp = m["exp"] or m["eexp"]
    power = exp.translate(_SUPERSCRIPT).replace("−", "-") if exp else "0"
    # Read as one literal, a power too large is infinity (10.0 ** 400 raises OverflowError).
    value = float(f"{text}e{power}")
    if m["mult"]:
        value *= _MULTIPLIERS[m["mult"].lower()]
    if not math.isfinite(value):
        raise InvalidQuantity("text", f"{m[0].strip()[:40]!r} is beyond any measurable quantity")
    return -value if m["sign"] in ("-", "−") else value


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order; ranges are returned as two linked quantities."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for special in (_MACH, _BEARING):
        for m in special.finditer(text):
            found.append(_special(m))
            taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _number(m)
        unit, end = None, m.end()
        rest = text[m.end() :]
        lead = re.match(r"\s*-?\s*", rest)
        offset = lead.end() if lead else 0
        for pattern, pint_unit in _UNIT_RE:
            um = pattern.match(rest, offset)
            if um:
                unit, end = pint_unit, m.end() + um.end()
                break
        found.append(Quantity(value, unit, text[m.start() : end], m.start(), end))
    found.sort(key=lambda q: q.start)
    return _link_ranges(text, found)


def _special(m: re.Match[str]) -> Quantity:
    if m.re is _MACH:
        return Quantity(
            float(m["v"] or m["w"]), "dimensionless", m[0], m.start(), m.end(), "max_speed_mach"
        )
    iso = _ABEC_TO_ISO[m["abec"]] if m["abec"] else int(m["iso"] or m["p"])
    return Quantity(float(iso), "count", m[0], m.start(), m.end(), "iso492_class")


def _link_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join "12 to 50 mm", "-55 °C to +125 °C", "between 12 and 50 mm" into linked pairs."""
    out = list(found)
    group = 0
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.group is not None or b.unit is None or a.unit not in (None, b.unit):
            continue
        if not _RANGE_JOIN.fullmatch(" " + text[a.end : b.start]):
            continue
        if (
            " and " in f" {text[a.end : b.start]} "
            and "between" not in text[max(0, a.start - 12) : a.start]
        ):
            continue
        group += 1
        out[i] = Quantity(a.value, b.unit, a.text, a.start, a.end, a.hint, group, "low")
        out[i + 1] = Quantity(b.value, b.unit, b.text, b.start, b.end, b.hint, group, "high")
    return out


def format_value(value: float, unit: str | None) -> str:
    """Render a value the way an analyst writes it: 1.2e6 N·s, 300 km, 0.5 deg/h."""
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
        mantissa, exponent = f"{value:.3e}".split("e")
        number = f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    else:
        number = f"{value:.6g}"
    shown = _UNIT_LABELS.get(unit or "", unit or "")
    return f"{number} {shown}".strip()


_UNIT_LABELS = {
    "N*s": "N·s",
    "kg/(N*h)": "kg/(N·h)",
    "g0": "g",
    "micro_g0": "µg",
    "um": "µm",
    "degC": "°C",
    "percent": "%",
    "count": "",
    "dimensionless": "",
    "rad_Si": "rad(Si)",
    "g/cm**3": "g/cm³",
    "J/m**3": "J/m³",
    "J/m**2": "J/m²",
    "g*mm/kg": "g·mm/kg",
}
