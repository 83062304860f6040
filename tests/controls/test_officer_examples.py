"""Issue 21's examples, as an MTR export-control officer tried them: the Annex's own example at
its threshold, the solid oxidisers by name and CAS number, IRFNA only, exclusions applied, and
"information needed" (never "not controlled") where design intent or a parameter is open."""

from __future__ import annotations

import pytest

from nonpro.controls import Classification, ItemDescription, classify, load_annex

ANNEX = load_annex()


def run(text: str) -> Classification:
    return classify(ItemDescription(text=text), annex=ANNEX)


def items(result: Classification) -> list[str]:
    return [m.item for m in result.matches]


def test_the_annex_example_is_inside_2a1d_by_exact_arithmetic() -> None:
    at = run("guidance set, CEP 10 km at 300 km range")  # the Annex's own example: inclusive
    assert items(at) == ["2.A.1.d"] and at.category == "I" and at.outcome == "controlled"
    beyond = run("guidance set, CEP 10.1 km at 300 km range")
    assert beyond.category is None and [n.item for n in beyond.near_misses] == ["2.A.1.d"]
    assert beyond.outcome == "not controlled"


@pytest.mark.parametrize(
    "text",
    [
        "ammonium perchlorate",
        "ammonium perchlorate, CAS 7790-98-9",
        "HMX",
        "RDX",
        "cyclotetramethylene-tetranitramine",
        "CL-20",
        "ammonium dinitramide",
        "hydrazinium nitroformate",
    ],
)
def test_solid_oxidisers_are_4c4b(text: str) -> None:
    result = run(text)
    assert items(result) == ["4.C.4.b"] and result.category == "II", result


def test_a_perchlorate_mixture_is_4c3_and_plain_nitric_acid_is_not_irfna() -> None:
    # The mixture is 4.C.3; its ammonium perchlorate is named too (4.C.4.b.1).
    assert "4.C.3" in items(run("ammonium perchlorate mixed with powdered aluminium"))
    assert items(run("inhibited red fuming nitric acid")) == ["4.C.4.a"]
    plain = run("nitric acid")
    assert plain.matches == [] and plain.outcome == "information needed"


def test_an_accelerometer_for_vibration_monitoring_is_excluded() -> None:
    result = run("accelerometer for vibration monitoring")
    assert result.outcome == "not controlled" and result.missing == []
    excluded = {n.item: " ".join(n.reasons) for n in result.near_misses}
    assert "vibration or shock" in excluded["9.A.5"] and "excluded" in excluded["9.A.3"]


def test_design_intent_is_a_question_not_a_match() -> None:
    civil = run("civil-certified turbofan engine")
    assert civil.category is None and civil.outcome == "information needed"
    assert civil.verdict.startswith("Information needed")
    (question,) = [m for m in civil.missing if m.label == "design intent"]
    assert question.items == ["3.A.1.b"] and "not a match" in question.message
    missile = run("turbofan engine for a cruise missile")
    assert "3.A.1.b" in items(missile) and missile.category == "II"
    assert any("answered by the stated end use" in n for n in missile.matches[0].notes)
    assert run("launcher").outcome == "information needed"
    assert items(run("launcher for ballistic missiles")) == ["12.A.1"]


def test_missing_parameters_are_never_headed_not_controlled() -> None:
    result = run("ring laser gyro")
    assert result.category is None and result.missing
    assert result.outcome == "information needed" and "not" not in result.verdict.lower()[:12]


def test_an_orbital_launcher_is_a_complete_rocket_system_and_orbit_altitude_is_not_range() -> None:
    result = run("orbital launcher, 300 kg to a 500 km sun-synchronous orbit")
    assert items(result) == ["1.A.1"] and result.category == "I"
    assert "range" not in result.parameters  # the orbit's altitude is read apart
    assert result.parameters["orbit_altitude"].value == 500
    assert result.missing == []  # 19.A.1 asks nothing once 1.A.1 caught the system
    apogee = run("sounding rocket, 200 kg payload, apogee 150 km")
    assert "range" not in apogee.parameters and apogee.outcome == "information needed"


def test_a_complete_system_short_on_one_axis_gets_the_trade_off_question() -> None:
    result = run("ballistic missile, 1000 kg payload, range 250 km")
    assert result.category is None and result.outcome == "information needed"
    (question,) = [m for m in result.missing if m.label == "range/payload trade-off"]
    assert question.items == ["1.A.1"] and "Category I" in question.message
    # Both short: nothing to trade that could reach 500 kg to 300 km.
    assert not [
        m
        for m in run("ballistic missile, 100 kg payload, range 250 km").missing
        if m.label == "range/payload trade-off"
    ]


def test_each_match_carries_its_crosswalk_to_national_entries() -> None:
    (match,) = run("ballistic missile, 1000 kg payload, range 350 km").matches
    assert (
        match.crosswalk is not None and "9A004" in match.crosswalk and "USML IV" in match.crosswalk
    )


def test_a_complete_system_offers_the_range_estimator() -> None:
    assert run("ballistic missile, 1000 kg payload, range 250 km").complete_system
    assert run("orbital launcher, 300 kg to a 500 km sun-synchronous orbit").complete_system
    assert not run("ammonium perchlorate").complete_system
