"""Quantities and units in the forms license applications write them."""

from __future__ import annotations

import pytest

from nonpro.controls.errors import InvalidQuantity
from nonpro.controls.quantities import find_quantities, format_value, parse_quantity


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("total impulse 1.2 x 10^6 N-s", "N*s", 1.2e6),
        ("1.2×10⁶ N·s", "N*s", 1.2e6),
        ("1.2e6 Ns", "N*s", 1.2e6),
        ("1.2 million N-s", "N*s", 1.2e6),
        ("1,1 MNs", "N*s", 1.1e6),
        ("270,000 lbf-sec", "N*s", 270_000 * 4.4482216152605),
        ("250 lb-s", "N*s", 250 * 4.4482216152605),
        ("45 kN", "N", 45_000),
        ("2,500 lbf", "N", 2500 * 4.4482216152605),
        ("1,000 km", "km", 1000),
        ("300 nmi", "km", 555.6),
        ("186 miles", "km", 299.338),
        ("500-kg payload", "kg", 500),
        ("1,100 lb", "kg", 498.951607),
        ("0.01 deg/hr", "deg/h", 0.01),
        ("0.4 °/h", "deg/h", 0.4),
        ("1 250 µg", "micro_g0", 1250),
        ("1.2 mg", "micro_g0", 1200),
        ("150 g", "g0", 150),
        ("12 g rms", "g0", 12),
        ("700 m/s", "m/s", 700),
        ("15 kW", "kW", 15),
        ("20 hp", "kW", 14.914),
        ("10 MPa", "kPa", 10_000),
        ("1450 psi", "MPa", 9.997),
        ("100 krad(Si)", "rad_Si", 1e5),
        ("1 Mrad", "rad_Si", 1e6),
        ("30 L", "L", 30),
        ("8 US gallons", "L", 30.283),
        ("40 MJ/kg", "J/kg", 4e7),
        ("1.75 g/cc", "g/cm**3", 1.75),
        ("45 µm", "um", 45),
        ("3 arc seconds", "arcsec", 3),
        ("13,000 rpm", "rpm", 13_000),
        ("0.1 kg/(N h)", "kg/(N*h)", 0.1),
        ("98 wt%", "percent", 98),
        ("125 °C", "degC", 125),
        ("257 °F", "degC", 125),
    ],
)
def test_free_text_forms(text: str, unit: str, expected: float) -> None:
    found = find_quantities(text)
    assert len(found) == 1, found
    assert found[0].to(unit) == pytest.approx(expected, rel=1e-3)


def test_several_quantities_in_one_sentence() -> None:
    found = find_quantities("range 1,000 km with a 500-kg payload, 2 stages")
    assert [(q.value, q.unit) for q in found] == [(1000.0, "km"), (500.0, "kg"), (2.0, None)]


@pytest.mark.parametrize(
    "text", ["from -55 °C to +125 °C", "-55 to +125 °C", "between -55 and 125 °C"]
)
def test_written_ranges_become_linked_pairs(text: str) -> None:
    low, high = find_quantities(text)
    assert (low.value, low.role, high.value, high.role) == (-55.0, "low", 125.0, "high")
    assert low.group == high.group and low.unit == "degC"


def test_special_notations() -> None:
    (mach,) = find_quantities("wind tunnel to Mach 2.5")
    assert (mach.value, mach.hint) == (2.5, "max_speed_mach")
    (abec,) = find_quantities("ABEC-9 bearing")
    assert (abec.value, abec.hint) == (2.0, "iso492_class")
    (axes,) = find_quantities("5-axis machine")
    assert (axes.value, axes.unit) == (5.0, "count:axes")


def test_a_hyphen_between_numbers_is_a_range_not_a_sign() -> None:
    low, high = find_quantities("bore 12-50 mm")
    assert (low.value, high.value) == (12.0, 50.0)


def test_parse_quantity_takes_one_quantity_only() -> None:
    assert parse_quantity("1.2e6 N*s").to("N*s") == 1.2e6
    for bad in ("1 km 2 km", "fast", "about 5 km"):
        with pytest.raises(InvalidQuantity):
            parse_quantity(bad)


def test_incompatible_units_are_refused() -> None:
    with pytest.raises(InvalidQuantity):
        parse_quantity("5 km").to("N*s")


def test_format_value() -> None:
    assert format_value(1.2e6, "N*s") == "1.2e6 N·s"
    assert format_value(8.41e5, "N*s") == "8.41e5 N·s"
    assert format_value(300, "km") == "300 km"
    assert format_value(1250, "micro_g0") == "1250 µg"
