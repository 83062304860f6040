"""Spec parsing, the MTCR finding from the trade-off curve, and the plot."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from nonpro.controls.range import (
    AircraftSpec,
    estimate_range,
    load_spec,
    parse_spec,
    parse_spec_text,
)
from nonpro.controls.range.errors import UnreadableSpec
from nonpro.controls.range.plot import tradeoff_png
from nonpro.core.errors import InvalidInput


def _rocket(propellant: float, payload: float = 100.0, **stage: Any) -> dict[str, Any]:
    return {
        "name": "test rocket",
        "payload_kg": payload,
        "diameter_m": 0.5,
        "stages": [
            {
                "gross_mass_kg": propellant + 250,
                "propellant_mass_kg": propellant,
                "isp_sl_s": 230,
                "burn_time_s": 30,
                **stage,
            }
        ],
    }


def _uav(**over: Any) -> dict[str, Any]:
    base = {
        "name": "test drone",
        "kind": "uav",
        "payload_kg": 100,
        "empty_mass_kg": 1200,
        "fuel_mass_kg": 400,
        "max_takeoff_mass_kg": 1650,
        "lift_to_drag": 12,
        "cruise_speed_m_s": 200,
        "tsfc_kg_per_N_h": 0.1,
    }
    return base | over


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        (
            {
                **_rocket(700),
                "stages": [
                    _rocket(700)["stages"][0],
                    {
                        "gross_mass_kg": 100,
                        "propellant_mass_kg": 150,
                        "isp_vac_s": 280,
                        "burn_time_s": 20,
                    },
                ],
            },
            "stages[1].propellant_mass_kg",
            "must be less than gross_mass_kg",
        ),
        (_rocket(700, propellant_mass_kg="lots"), "stages[0].propellant_mass_kg", "valid number"),
        (_rocket(700, isp_sl_s=None), "stages[0].isp_sl_s", "isp_vac_s"),
        (_rocket(700, thrust_sl_N=50_000), "stages[0].burn_time_s", "exactly one"),
        (_rocket(700, isp_vac_s=200), "stages[0].isp_sl_s", "must not exceed"),
        ({k: v for k, v in _rocket(700).items() if k != "diameter_m"}, "diameter_m", "required"),
        ({**_rocket(700), "payload_kg": -1}, "payload_kg", "greater than or equal"),
        ({**_rocket(700), "stages": []}, "stages", "at least 1"),
        ({**_rocket(700), "colour": "red"}, "colour", "not permitted"),
        (_uav(tsfc_kg_per_N_h=None), "tsfc_kg_per_N_h", "exactly one"),
        (_uav(max_takeoff_mass_kg=1250), "max_takeoff_mass_kg", "must exceed"),
        ({"name": "x", "payload_kg": 1, "diameter_m": 1}, "stages", "required"),
        ({**_uav(), "kind": "cruise"}, "kind", "'rocket' or 'uav'"),
    ],
)
def test_bad_input_names_the_field(data: dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_spec(data)
    assert caught.value.field == field
    assert problem in caught.value.problem


def test_a_rocket_that_cannot_lift_its_payload_is_refused() -> None:
    with pytest.raises(InvalidInput, match="does not exceed the weight") as caught:
        estimate_range(parse_spec(_rocket(700, payload=20_000)))
    assert caught.value.field == "stages[0]"


def test_category_i_when_500_kg_reaches_300_km_even_if_declared_payload_is_heavier() -> None:
    estimate = estimate_range(parse_spec(_rocket(2_000, payload=1_500)))
    assert estimate.max_range_km < 300  # with its declared 1.5 t it falls short ...
    assert estimate.range_at_500kg_km is not None and estimate.range_at_500kg_km >= 300
    assert (estimate.category, estimate.annex_item) == ("I", "1.A.1")
    assert "500 kg" in estimate.finding


def test_category_ii_when_only_a_light_payload_reaches_300_km() -> None:
    estimate = estimate_range(parse_spec(_rocket(700)))
    assert estimate.max_range_km >= 300
    assert estimate.range_at_500kg_km is not None and estimate.range_at_500kg_km < 300
    assert (estimate.category, estimate.annex_item) == ("II", "19.A.1")


def test_below_thresholds_when_nothing_reaches_300_km() -> None:
    estimate = estimate_range(parse_spec(_rocket(250)))
    assert max(p.range_km for p in estimate.tradeoff) < 300
    assert (estimate.category, estimate.annex_item) == ("none", None)


def test_tradeoff_curve_is_monotone_and_contains_declared_and_500_kg() -> None:
    estimate = estimate_range(parse_spec(_rocket(900, payload=120)))
    payloads = [p.payload_kg for p in estimate.tradeoff]
    ranges = [p.range_km for p in estimate.tradeoff]
    assert payloads == sorted(payloads) and 120 in payloads and 500 in payloads
    assert all(a >= b for a, b in itertools.pairwise(ranges))
    assert estimate.profile is not None and 0 < estimate.profile.burnout_flight_path_deg < 60


def test_uav_trading_payload_for_fuel_under_the_takeoff_limit() -> None:
    spec = parse_spec(_uav())
    assert isinstance(spec, AircraftSpec)
    estimate = estimate_range(spec)
    # 1,650 kg limit - 1,200 kg empty leaves no room for 500 kg: it cannot carry it at all.
    assert estimate.range_at_500kg_km is None
    assert (estimate.category, estimate.annex_item) == ("II", "19.A.2")
    roomy = estimate_range(parse_spec(_uav(max_takeoff_mass_kg=2_100, fuel_mass_kg=600)))
    assert roomy.category == "I" and roomy.annex_item == "1.A.2"


def test_propeller_breguet_matches_hand_calculation() -> None:
    data = _uav(tsfc_kg_per_N_h=None, bsfc_kg_per_kWh=0.3, max_takeoff_mass_kg=None)
    estimate = estimate_range(parse_spec(data))
    # R = eta/(c g) · L/D · ln(m0/m1) = 0.8/(0.3/3.6e6·9.80665)·12·ln(1700/1300)
    assert estimate.max_range_km == pytest.approx(3_151.3, rel=0.001)


def test_load_spec_reads_yaml_and_json(tmp_path: Path) -> None:
    as_json = tmp_path / "m.json"
    as_json.write_text(json.dumps(_rocket(700)))
    as_yaml = tmp_path / "m.yaml"
    as_yaml.write_text(
        "name: y\npayload_kg: 100\ndiameter_m: 0.5\nstages:\n"
        "  - {gross_mass_kg: 950, propellant_mass_kg: 700, isp_sl_s: 230,"
        " burn_time_s: 30}\n"
    )
    assert load_spec(as_json).name == "test rocket"
    assert load_spec(as_yaml).name == "y"


def test_unreadable_files_say_so(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(UnreadableSpec):
        load_spec(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text("- 1\n- 2\n")
    with pytest.raises(UnreadableSpec, match="mapping"):
        load_spec(listed)
    with pytest.raises(UnreadableSpec):
        load_spec(tmp_path / "missing.yaml")


def test_json_output_has_the_documented_keys() -> None:
    out = json.loads(estimate_range(parse_spec(_rocket(700))).model_dump_json())
    assert {"max_range_km", "payload_kg", "category", "tradeoff", "assumptions"} <= out.keys()
    assert set(out["tradeoff"][0]) == {"payload_kg", "range_km"}
    assert any("non-rotating" in a for a in out["assumptions"])


def test_plot_is_a_png() -> None:
    png = tradeoff_png(estimate_range(parse_spec(_rocket(700))))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000


def test_a_rocket_that_cannot_lift_500_kg_cannot_carry_it() -> None:
    # 1,000 kg of stage with 15 kN of thrust lifts a light payload but not 500 kg.
    data = _rocket(700, payload=20, thrust_sl_N=13_000)
    data["stages"][0].pop("burn_time_s")
    estimate = estimate_range(parse_spec(data))
    assert estimate.range_at_500kg_km is None
    assert estimate.category == "II" and "cannot carry 500 kg" in estimate.finding


def test_orbital_capability_is_capped_and_said() -> None:
    data = {
        "name": "orbital",
        "payload_kg": 100,
        "diameter_m": 1.5,
        "stages": [
            {
                "gross_mass_kg": 40_000,
                "propellant_mass_kg": 37_000,
                "isp_sl_s": 280,
                "isp_vac_s": 310,
                "burn_time_s": 120,
            },
            {
                "gross_mass_kg": 8_000,
                "propellant_mass_kg": 7_400,
                "isp_vac_s": 340,
                "burn_time_s": 150,
            },
        ],
    }
    estimate = estimate_range(parse_spec(data))
    assert estimate.max_range_km == pytest.approx(20_015.1, abs=0.2)
    assert any("orbital capability" in a for a in estimate.assumptions)
    assert estimate.category == "I"


def test_findings_near_300_km_are_marked_borderline() -> None:
    near = estimate_range(parse_spec(_rocket(1_100)))  # 500 kg to ~262 km: just short
    assert near.category == "II" and near.range_at_500kg_km is not None
    assert 255 <= near.range_at_500kg_km < 300
    assert near.borderline and "Borderline" in near.finding
    far = estimate_range(parse_spec(_rocket(2_000, payload=1_500)))  # 500 kg to ~670 km
    assert far.category == "I" and not far.borderline


def test_spec_text_errors_are_one_line_with_their_place() -> None:
    with pytest.raises(UnreadableSpec, match=r"^spec_file: .*line 2, column 1") as caught:
        parse_spec_text("name: [x\n", source="spec_file")
    assert "\n" not in caught.value.message
    assert parse_spec_text(json.dumps(_rocket(700)), json_text=True).name == "test rocket"
