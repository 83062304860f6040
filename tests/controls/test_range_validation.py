"""Validation against published ranges of historical missiles (see docs/controls-range.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nonpro.controls.range as range_pkg
from nonpro.controls.range import estimate_range, example_specs, load_spec

DATA = Path(range_pkg.__file__).parent / "data"
# Cases whose inputs are published figures (or published figures with one stated assumption).
WITHIN_15_PERCENT = ["v2", "scud_b", "scud_c", "al_hussein", "r12"]


@pytest.mark.parametrize("name", WITHIN_15_PERCENT)
def test_rocket_estimates_within_15_percent_of_published_range(name: str) -> None:
    spec = load_spec(DATA / f"{name}.yaml")
    assert spec.published_range_km is not None
    estimate = estimate_range(spec)
    assert estimate.max_range_km == pytest.approx(spec.published_range_km, rel=0.15)


def test_v2_carries_its_tonne_about_320_km_and_is_category_i() -> None:
    estimate = estimate_range(load_spec(DATA / "v2.yaml"))
    assert 272 <= estimate.max_range_km <= 368
    assert estimate.category == "I"
    assert estimate.annex_item == "1.A.1"


def test_v1_breguet_estimate_is_documented_with_its_error() -> None:
    """L/D of the V-1 is derived, not published: we hold it to ±25 % and say so in the docs."""
    spec = load_spec(DATA / "v1.yaml")
    estimate = estimate_range(spec)
    assert spec.published_range_km is not None
    assert estimate.max_range_km == pytest.approx(spec.published_range_km, rel=0.25)
    assert estimate.kind == "uav"


def test_every_example_has_a_source_and_a_published_range() -> None:
    files = example_specs()
    assert set(WITHIN_15_PERCENT) | {"v1"} == set(files)
    for path in files.values():
        spec = load_spec(path)
        assert spec.source and spec.published_range_km, path.name
