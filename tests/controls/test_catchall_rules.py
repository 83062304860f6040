"""Catch-all red flags on the demo cases and on focused cases, one rule at a time."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nonpro.controls.catchall import CaseFacts, evaluate_catch_all, parse_case
from nonpro.core.errors import InvalidInput

TODAY = date(2026, 11, 22)


def _case(**over: Any) -> CaseFacts:
    base: dict[str, Any] = {
        "destination": "DE",
        "end_use": "Qualification testing of satellite components",
        "parties": [
            {"role": "applicant", "name": "Acme Test Inc.", "country": "US"},
            {"role": "end_user", "name": "Rheinland Raumfahrt GmbH", "country": "DE"},
        ],
        "items": [{"description": "Vibration test system, 15 g rms", "value_usd": 400_000}],
    }
    return CaseFacts.model_validate(base | over)


def _rules(facts: CaseFacts) -> dict[str, str]:
    assessment = evaluate_catch_all(facts, as_of=TODAY)
    return {f.rule: f.severity for f in assessment.findings if f.severity in ("high", "medium")}


@pytest.fixture(scope="module")
def demo(shared_data: Path) -> dict[str, CaseFacts]:
    cases = json.loads((shared_data / "demo" / "cases.json").read_text("utf-8"))
    return {c["reference"]: CaseFacts.model_validate(c) for c in cases}


def test_demo_001_rocket_motor_to_iran_via_a_trading_company(demo: dict[str, CaseFacts]) -> None:
    assessment = evaluate_catch_all(demo["DEMO-001"], as_of=TODAY)
    rules = {f.rule for f in assessment.findings if f.severity in ("high", "medium")}
    assert {"CA-PROGRAM", "CA-END-USE", "CA-ROUTING", "CA-DEST-MTCR"} <= rules
    assert assessment.catch_all_triggered
    routing = next(f for f in assessment.findings if f.rule == "CA-ROUTING")
    assert "Gulf Horizon General Trading LLC" in routing.evidence[0]
    assert "ARE" in routing.evidence[0]
    assert assessment.findings[0].severity == "high"  # ordered by severity


def test_demo_002_gyro_to_japan_raises_nothing(demo: dict[str, CaseFacts]) -> None:
    assessment = evaluate_catch_all(demo["DEMO-002"], as_of=TODAY)
    assert assessment.red_flags == 0 and not assessment.catch_all_triggered


def test_demo_005_fast_gnss_receiver_for_farm_drones(demo: dict[str, CaseFacts]) -> None:
    finding = next(
        f
        for f in evaluate_catch_all(demo["DEMO-005"], as_of=TODAY).findings
        if f.rule == "CA-END-USE"
    )
    assert any("600 m/s" in e and "agricultural drones" in e for e in finding.evidence)


def test_demo_004_cash_and_free_zone(demo: dict[str, CaseFacts]) -> None:
    rules = _rules(demo["DEMO-004"])
    assert rules["CA-ROUTING"] == "medium" and rules["CA-PAYMENT"] == "medium"
    assert "CA-END-USE" not in rules  # carbon prepreg for bicycle frames is a plausible use


def test_demo_008_unknown_end_use_via_hong_kong_to_ryonbong(demo: dict[str, CaseFacts]) -> None:
    rules = _rules(demo["DEMO-008"])
    assert {"CA-PROGRAM", "CA-RELUCTANT", "CA-ROUTING", "CA-DEST-UN"} <= rules.keys()


def test_a_clean_case_has_no_flags() -> None:
    assert _rules(_case()) == {}


def test_program_tie_by_alias_and_by_caller() -> None:
    by_alias = _case(
        destination="KP", parties=[{"role": "end_user", "name": "KOMID", "country": "KP"}]
    )
    assert _rules(by_alias)["CA-PROGRAM"] == "high"
    near_miss = _case(
        parties=[{"role": "end_user", "name": "Korea Mining Company", "country": "DE"}]
    )
    assert "CA-PROGRAM" not in _rules(near_miss)
    reported = _case(
        program_ties=[
            {
                "party": "Rheinland Raumfahrt GmbH",
                "programme": "a missile programme",
                "source": "screening hit 42",
            }
        ]
    )
    assessment = evaluate_catch_all(reported, as_of=TODAY)
    tie = next(f for f in assessment.findings if f.rule == "CA-PROGRAM")
    assert "screening hit 42" in tie.evidence[0] and assessment.catch_all_triggered


def test_reluctance_missing_vague_and_refused() -> None:
    assert _rules(_case(end_use=None))["CA-RELUCTANT"] == "medium"
    assert _rules(_case(end_use="General purpose, resale"))["CA-RELUCTANT"] == "medium"
    assert _rules(_case(end_use_statement="refused"))["CA-RELUCTANT"] == "high"


def test_routing_end_user_elsewhere_forwarder_and_transit() -> None:
    elsewhere = _case(parties=[{"role": "end_user", "name": "X Ltd", "country": "CN"}])
    assert "CA-ROUTING" in _rules(elsewhere)
    forwarder = _case(
        parties=[{"role": "end_user", "name": "Fast Forwarding Logistics", "country": "DE"}]
    )
    assert "CA-ROUTING" in _rules(forwarder)
    transit = evaluate_catch_all(_case(routing=["Singapore"]), as_of=TODAY)
    finding = next(f for f in transit.findings if f.rule == "CA-ROUTING")
    assert "transit through SGP (a known trans-shipment hub)" in finding.evidence


def test_cash_is_a_flag_only_for_expensive_orders() -> None:
    cheap = _case(payment="cash", items=[{"description": "cable", "value_usd": 900}])
    assert "CA-PAYMENT" not in _rules(cheap)
    assert "CA-PAYMENT" in _rules(_case(payment="cash on delivery"))
    assert "CA-PAYMENT" in _rules(_case(payment="paid by a third-party payment agent"))


def test_knowledge_informed_triggers_the_catch_all() -> None:
    informed = _case(
        knowledge=[
            {
                "kind": "informed",
                "summary": "BIS letter: risk of diversion to a missile project",
                "source": "BIS is-informed letter",
                "date": "2026-10-01",
            }
        ]
    )
    assessment = evaluate_catch_all(informed, as_of=TODAY)
    finding = next(f for f in assessment.findings if f.rule == "CA-KNOWLEDGE")
    assert finding.severity == "high" and "744.3(b)" in finding.basis
    assert assessment.catch_all_triggered
    hint = _case(
        knowledge=[{"kind": "intelligence", "summary": "reported diversion", "source": "IC"}]
    )
    assert _rules(hint)["CA-KNOWLEDGE"] == "medium"
    assert not evaluate_catch_all(hint, as_of=TODAY).catch_all_triggered


def test_terrorism_presumption_applies_to_annex_items() -> None:
    to_cuba = _case(
        destination="CU",
        parties=[],
        items=[{"description": "rocket motor", "annex_item": "2.A.1.c.1", "category": "I"}],
    )
    assert evaluate_catch_all(to_cuba, as_of=TODAY).catch_all_triggered
    unlisted = _case(destination="CU", parties=[])
    assert not evaluate_catch_all(unlisted, as_of=TODAY).catch_all_triggered


def test_category_i_motor_for_a_university_is_high() -> None:
    facts = _case(
        end_use="University research on sounding rockets",
        items=[{"description": "Solid rocket motor, total impulse 1.2e6 N-s"}],
    )
    assert _rules(facts)["CA-END-USE"] == "high"
    small = _case(
        end_use="University research on sounding rockets",
        items=[{"description": "Solid rocket motor, total impulse 2.0 x 10^4 N-s"}],
    )
    assert "CA-END-USE" not in _rules(small)


def test_bad_country_names_the_party_field() -> None:
    facts = _case(
        parties=[
            {"role": "applicant", "name": "A", "country": "US"},
            {"role": "end_user", "name": "B", "country": "Narnia"},
        ]
    )
    with pytest.raises(InvalidInput) as caught:
        evaluate_catch_all(facts, as_of=TODAY)
    assert caught.value.field == "parties[1].country"


def test_findings_name_the_guidelines_factors(demo: dict[str, CaseFacts]) -> None:
    assessment = evaluate_catch_all(demo["DEMO-001"], as_of=TODAY)
    by_rule = {f.rule: f.guideline_factors for f in assessment.findings}
    assert any(g.startswith("3(B)") for g in by_rule["CA-PROGRAM"])
    assert by_rule["CA-DEST-TERRORISM"] == ["3(F) risk of the items reaching terrorists"]
    assert all(f.guideline_factors for f in assessment.findings)


def test_parse_case_names_the_bad_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_case({"parties": []})
    assert caught.value.field == "destination"
    with pytest.raises(InvalidInput) as caught:
        parse_case({"destination": "DE", "items": [{"description": "x", "value_usd": "many"}]})
    assert caught.value.field == "items[0].value_usd"
    assert parse_case({"destination": "DE", "type": "munitions_license"}).destination == "DE"
