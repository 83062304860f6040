"""The classifier on descriptions as license applications write them (domain file cases)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from nonpro.controls import Classification, InvalidQuantity, ItemDescription, classify, load_annex
from nonpro.controls.schemas import ParameterInput

ANNEX = load_annex()


def run(text: str = "", **params: ParameterInput) -> Classification:
    return classify(ItemDescription(text=text, parameters=params), annex=ANNEX)


def items(result: Classification) -> list[str]:
    return [m.item for m in result.matches]


def test_the_issue_example() -> None:
    result = run(
        "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"
    )
    assert items(result) == ["2.A.1.c.1"]
    assert result.category == "I"
    assert result.matches[0].reasons == ["total impulse 1.2e6 N·s ≥ 1.1e6 N·s → 2.A.1.c.1"]
    assert result.matches[0].verified
    assert result.parameters["total_impulse"].evidence == "1.2 x 10^6 N-s"
    assert "stated end use: a sounding rocket" in result.notes
    assert result.missing == []  # the end use does not make the motor a complete rocket


def test_json_shape() -> None:
    data = run("solid rocket motor, total impulse 1.2e6 N-s").model_dump(mode="json")
    assert {"parameters", "matches", "near_misses", "missing"} <= data.keys()
    assert {"item", "category", "title", "reasons", "source"} <= data["matches"][0].keys()
    assert "2.A.1.c.1" in data["matches"][0]["source"] and "CX" in data["matches"][0]["source"]


@pytest.mark.parametrize(
    ("impulse", "expected", "category"),
    [
        ("1.1e6 N*s", "2.A.1.c.1", "I"),  # "equal to or greater than": the boundary is in
        ("1.0999e6 N*s", "20.A.1.b.1", "II"),
        ("8.41e5 N*s", "20.A.1.b.1", "II"),
        ("270,000 lbf-s", "2.A.1.c.1", "I"),  # 1.2e6 N·s written in lbf·s
    ],
)
def test_solid_motor_bands(impulse: str, expected: str, category: str) -> None:
    result = run("solid rocket motor", total_impulse=impulse)
    assert items(result) == [expected]
    assert result.category == category


def test_below_both_bands_is_a_near_miss_or_nothing() -> None:
    assert items(run("solid rocket motor, total impulse 8.4e5 N-s")) == []
    near = [n.item for n in run("solid rocket motor, total impulse 8.4e5 N-s").near_misses]
    assert near == ["2.A.1.c.1", "20.A.1.b.1"]  # 24 % and 0.1 % short: both within the margin
    far = run("solid rocket motor, total impulse 1e5 N-s")
    assert far.matches == [] and far.near_misses == [] and far.category is None


def test_near_miss_names_the_lower_band() -> None:
    result = run("solid rocket motor, total impulse 9.0e5 N-s")
    assert items(result) == ["20.A.1.b.1"]
    (miss,) = result.near_misses
    assert miss.item == "2.A.1.c.1"
    assert miss.reasons == [
        "9e5 N·s is below 2.A.1.c.1's total impulse ≥ 1.1e6 N·s (18% away)"
        " but within 20.A.1.b.1's 8.41e5–1.1e6 N·s → Category II"
    ]


def test_missing_parameter_is_named_not_guessed() -> None:
    result = run("solid rocket motor for a sounding rocket")
    assert result.matches == [] and result.category is None
    (need,) = result.missing
    assert need.parameter == "total_impulse"
    assert need.items == ["2.A.1.c.1", "20.A.1.b.1"]
    assert need.message == "need the total impulse (N·s) to decide 2.A.1.c.1, 20.A.1.b.1"


def test_parameters_without_a_kind_say_so() -> None:
    result = run("total impulse 1.2e6 N-s")
    assert items(result) == ["2.A.1.c.1", "2.A.1.c.2"]
    assert result.missing[0].parameter is None


def test_nothing_to_go_on() -> None:
    result = run("a box of assorted parts")
    assert result.matches == [] and result.missing[0].label == "kind of item"


def test_complete_rocket_and_the_item_19_fallback() -> None:
    assert items(run("ballistic missile, range 1,000 km, payload 500 kg")) == ["1.A.1"]
    low_payload = run("sounding rocket, range 350 km, payload 450 kg")
    assert items(low_payload) == ["19.A.1"]
    assert low_payload.near_misses[0].item == "1.A.1"
    assert "trade-off" in low_payload.near_misses[0].reasons[-1]
    assert items(run("sounding rocket, range 299 km, payload 600 kg")) == []
    assert items(run("cruise missile, range 300 nmi, payload 450 kg")) == ["19.A.2"]


def test_guidance_accuracy_is_derived_from_cep_and_range() -> None:
    result = run("guidance set, CEP 5 km at a range of 300 km")
    assert items(result) == ["2.A.1.d"]
    assert result.parameters["accuracy_pct_of_range"].origin == "derived"
    assert items(run("guidance set, CEP 12 km at a range of 300 km")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ring laser gyro, drift rate 0.01 deg/hr", ["9.A.4"]),
        ("fibre optic gyro, bias stability 0.5 deg/h", []),  # "less than 0.5": the boundary is out
        (
            "accelerometer, bias repeatability 1 000 µg, scale factor repeatability 1 000 ppm",
            ["9.A.3"],
        ),
        ("accelerometer, bias repeatability 1 300 µg, scale factor repeatability 1 000 ppm", []),
        ("turboprop engine, power 15 kW", ["3.A.9"]),
        ("maraging steel, 1.9 GPa precipitation hardened, sheet 3 mm thick", ["6.C.8"]),
        (
            "aluminium powder, particle size 50 µm, 99 % aluminium content, 40 % below 63 µm",
            ["4.C.2.c"],
        ),
        ("wind tunnel to Mach 2.5", ["15.B.2"]),
        (
            "precision ball bearing ABEC-9, bore 20 mm, outside diameter 47 mm, width 14 mm",
            ["3.A.7"],
        ),
        ("precision ball bearing ABEC-7, bore 20 mm, outside diameter 47 mm, width 14 mm", []),
        ("flight computer for a missile, operating from -55 °C to +85 °C", ["13.A.1"]),
        ("agricultural drone, autonomous, 30 L spray tank", ["19.A.3"]),
        ("agricultural drone, autonomous, 20 L spray tank", []),
        ("GPS receiver rated to 700 m/s", ["11.A.3"]),
    ],
)
def test_key_items_from_free_text(text: str, expected: list[str]) -> None:
    assert items(run(text)) == expected


def test_rate_table_uses_the_corrected_low_rate_alternative() -> None:
    result = run(
        "flight motion simulator, 3 axes, slip rings, rate 20 deg/s,"
        " resolution 1 deg/s, accuracy 0.1 deg/s"
    )
    assert items(result) == ["9.B.2.c"]


def test_exclusions_are_applied_and_reported() -> None:
    result = run("turboprop engine, power 15 kW, civil certified")
    assert result.matches == []
    assert "excluded" in result.near_misses[0].reasons[-1]
    unstated = run("agricultural drone, autonomous, 30 L spray tank")
    assert any("unless excluded" in n for n in unstated.matches[0].notes)


def test_satellite_apogee_engine_may_be_treated_as_category_ii() -> None:
    result = run(
        "liquid apogee engine, propulsion system total impulse 1.5e6 N-s, vacuum thrust 400 N"
    )
    assert items(result) == ["2.A.1.c.2"]
    assert any("may be treated as Category II" in n for n in result.matches[0].notes)


def test_unverified_entries_say_so() -> None:
    gyro = run("gyro rated to 150 g")
    assert items(gyro) == ["9.A.5"]
    assert not gyro.matches[0].verified
    assert any("[VS+M]" in n for n in gyro.matches[0].notes)


def test_incorporating_a_category_one_item_makes_the_system_category_one() -> None:
    motor = ItemDescription(text="solid rocket motor, total impulse 1.2e6 N-s")
    system = ItemDescription(text="sounding rocket, range 150 km", components=[motor])
    result = classify(system, annex=ANNEX)
    assert result.category == "I"
    assert result.matches[0].basis == "incorporation"
    assert "Guidelines para 2" in result.matches[0].reasons[0]
    fixed = ItemDescription(
        text="sounding rocket, range 150 km", components=[motor], separable=False
    )
    assert classify(fixed, annex=ANNEX).category is None


def test_incorporation_named_in_the_text() -> None:
    result = run("test vehicle incorporating a 2.A.1.c.1 motor")
    assert result.category == "I" and result.matches[0].item == "2.A.1.c.1"


def test_structured_parameters_win_and_are_checked() -> None:
    result = run("solid rocket motor, total impulse 9e5 N-s", total_impulse=1.2e6)
    assert items(result) == ["2.A.1.c.1"]
    assert result.parameters["total_impulse"].origin == "given"
    assert items(run("solid rocket motor", total_impulse_Ns="1.2e6 N*s")) == ["2.A.1.c.1"]  # alias
    with pytest.raises(InvalidQuantity):
        run("solid rocket motor", warp_factor=9)
    with pytest.raises(InvalidQuantity):
        run("solid rocket motor", total_impulse="300 km")
    with pytest.raises(InvalidQuantity):
        run("turboprop", civil_certified="perhaps")


def test_an_empty_description_is_refused() -> None:
    with pytest.raises(ValidationError):
        ItemDescription(text="  ")


def test_software_is_classified_through_the_item_it_serves() -> None:
    assert "2.D.2" in items(run("software for solid rocket motors"))


def test_the_item_named_first_wins_over_later_mentions() -> None:
    text = "Model SR-19 solid rocket motor; total impulse: 1,250,000 N·s; propellant: HTPB/AP"
    assert items(run(text)) == ["2.A.1.c.1"]  # HTPB (4.C.5) is the propellant, not the item


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        (
            "production equipment for solid rocket motors",
            ["2.B.2", "20.B.2"],
            "production equipment for 2.A.1.c.1",
        ),
        (
            "production facilities for solid rocket motors",
            ["2.B.1", "20.B.1"],
            "production facilities for 2.A.1.c.1",
        ),
        (
            "technology for the production of maraging steel",
            ["6.E.1", "6.E.2"],
            "technology for 6.C.8",
        ),
    ],
)
def test_equipment_software_and_technology_through_the_item_served(
    text: str, expected: list[str], reason: str
) -> None:
    result = run(text)
    assert items(result) == expected
    assert result.matches[0].basis == "description"
    assert reason in result.matches[0].reasons[0]


def test_the_end_use_clause_stops_at_the_comma() -> None:
    result = run("accelerometer for a missile, rated to 150 g")
    assert "stated end use: a missile" in result.notes
    assert "9.A.5" in items(result)
    assert any(
        n.startswith("unless excluded (not stated): Accelerometers designed to measure vibration")
        for n in result.matches[0].notes
    )


def test_cat_one_downgrade_notes_are_shown() -> None:
    result = run("thrust vector control subsystem")
    assert items(result) == ["2.A.1.e"]
    assert any(n.startswith("may be treated as Category II") for n in result.matches[0].notes)


def test_unassigned_quantities_are_reported() -> None:
    result = run("ring laser gyro, 3.2 kg")
    assert "quantity not tied to a parameter: 3.2 kg" in result.notes


def test_a_value_for_a_part_is_flagged_not_guessed() -> None:
    result = run("sounding rocket with a motor of total impulse 1.2e6 N-s")
    assert result.category is None
    assert any(
        n.startswith("total impulse 1.2e6 N·s is not tested") and "2.A.1.c.1" in n
        for n in result.notes
    )
    assert [m.parameter for m in result.missing] == ["payload", "range"]


def test_param_pairs_from_the_command_line() -> None:
    from nonpro.controls import parameters_from_pairs
    from nonpro.core.errors import InvalidInput

    params = parameters_from_pairs(["total_impulse=1.2e6 N*s", "civil_certified = yes"])
    assert params == {"total_impulse": "1.2e6 N*s", "civil_certified": "yes"}
    assert items(run("solid rocket motor", **params)) == ["2.A.1.c.1"]
    with pytest.raises(InvalidInput):
        parameters_from_pairs(["total_impulse"])
