"""Each authority on both sides of each condition, with the terms and measures the law sets."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nonpro.controls import load_annex
from nonpro.core.errors import InvalidInput
from nonpro.sanctions.schemas import AuthorityResult, Evaluation
from nonpro.sanctions.services import evaluate, parse_facts

AS_OF = date(2026, 11, 22)
CAT_I = "2.A.1.d"  # guidance sets: Category I
CAT_II = "3.A.2"  # ramjet and scramjet engines: Category II


def facts(**changes: Any) -> dict[str, Any]:
    """A foreign company's knowing transfer of guidance sets to Iran's missile program."""
    base: dict[str, Any] = {
        "person": {"name": "Beta Aerospace Trading", "nationality": "Malaysia", "us_person": False},
        "activity": {"kind": "transfer", "knowing": True, "date": "2026-03-01"},
        "item": {"annex_item": CAT_I},
        "destination": {"country": "Iran"},
        "substantial_contribution": False,
    }
    for key, value in changes.items():
        if key != "item" and isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def run(**changes: Any) -> Evaluation:
    return evaluate(parse_facts(facts(**changes)), annex=load_annex(), as_of=AS_OF)


def authority(result: Evaluation, code: str) -> AuthorityResult:
    return next(a for a in result.authorities if a.authority == code)


def codes(result: AuthorityResult) -> dict[str, tuple[int, bool] | None]:
    return {m.code: (m.term.years, m.term.minimum) if m.term else None for m in result.measures}


def test_category_ii_item_is_category_ii_in_the_annex() -> None:
    assert load_annex().get(CAT_II).category == "II"


# --- AECA §73 and EAA §11B(b): foreign persons ---------------------------------------------


def test_aeca_73_category_i_denies_all_contracts_and_usml_licenses_not_less_than_two_years() -> (
    None
):
    result = authority(run(), "AECA 73")
    assert result.applies and result.mandatory
    assert codes(result) == {"contracts_all": (2, True), "licenses_usml_all": (2, True)}
    assert {m.paragraph for m in result.measures} == {"§73(a)(2)(B)(i)", "§73(a)(2)(B)(ii)"}
    assert "22 U.S.C. 2797b(a)(1)" in result.citations


def test_aeca_73_category_ii_denies_missile_contracts_and_licenses_for_exactly_two_years() -> None:
    result = authority(run(item={"annex_item": CAT_II}), "AECA 73")
    assert result.applies
    assert codes(result) == {"contracts_missile": (2, False), "licenses_missile": (2, False)}


@pytest.mark.parametrize("item", [CAT_I, CAT_II])
def test_substantial_contribution_adds_an_import_ban_of_at_least_two_years(item: str) -> None:
    without = authority(run(item={"annex_item": item}), "AECA 73")
    with_ban = authority(run(item={"annex_item": item}, substantial_contribution=True), "AECA 73")
    assert "import_ban" not in codes(without)
    assert any("no import ban" in r for r in without.reasons)
    assert codes(with_ban)["import_ban"] == (2, True)
    eaa = authority(run(item={"annex_item": item}, substantial_contribution=True), "EAA 11B(b)")
    assert codes(eaa)["import_ban"] == (2, True)


def test_adherent_destination_takes_the_trade_outside_section_73() -> None:
    result = run(destination={"country": "France"})
    for code in ("AECA 73", "EAA 11B(b)"):
        found = authority(result, code)
        assert not found.applies and found.measures == []
        assert any("France was an adherent on 2026-03-01" in r for r in found.reasons)


def test_adherence_given_in_the_facts_overrides_the_regime_data() -> None:
    result = run(destination={"country": "Iran", "mtcr_adherent": True})
    assert result.destination.mtcr_adherent
    assert not authority(result, "AECA 73").applies
    assert any("given in the facts" in e for e in result.destination.evidence)


def test_us_person_is_not_reached_by_section_73_but_by_section_72() -> None:
    result = run(person={"us_person": True, "nationality": "United States"})
    assert not authority(result, "AECA 73").applies
    assert "reaches foreign persons" in authority(result, "AECA 73").reasons[0]
    assert authority(result, "AECA 72").applies


def test_aeca_72_category_i_and_ii_terms() -> None:
    us = {"us_person": True, "nationality": "United States"}
    cat_i = authority(run(person=us), "AECA 72")
    cat_ii = authority(run(person=us, item={"annex_item": CAT_II}), "AECA 72")
    assert cat_i.mandatory
    assert codes(cat_i) == {"contracts_all": (2, True), "licenses_usml_all": (2, True)}
    assert codes(cat_ii) == {"contracts_missile": (2, False), "licenses_missile": (2, False)}
    # §72 does not depend on the destination's adherence.
    assert authority(run(person=us, destination={"country": "France"}), "AECA 72").applies


def test_eaa_11b_a_denies_ear_licenses_to_us_persons() -> None:
    us = {"us_person": True, "nationality": "United States"}
    assert codes(authority(run(person=us), "EAA 11B(a)")) == {"licenses_ear_all": (2, True)}
    assert codes(authority(run(person=us, item={"annex_item": CAT_II}), "EAA 11B(a)")) == {
        "licenses_ear_missile": (2, False)
    }
    assert not authority(run(), "EAA 11B(a)").applies


def test_foreign_person_is_not_reached_by_section_72() -> None:
    result = authority(run(), "AECA 72")
    assert not result.applies
    assert "reaches United States persons" in result.reasons[0]


def test_eaa_11b_b_license_wording_is_flagged_unverified() -> None:
    result = authority(run(), "EAA 11B(b)")
    assert codes(result) == {"licenses_ear_all": (2, True)}
    assert result.measures[0].unverified
    assert any("reconstructed" in u for u in result.unverified)


def test_knowledge_is_required() -> None:
    result = authority(run(activity={"knowing": False}), "AECA 73")
    assert not result.applies
    assert any("knowing" in r for r in result.reasons)


def test_activity_before_november_1990_is_outside_section_73() -> None:
    result = authority(run(activity={"date": "1990-11-05"}), "AECA 73")
    assert not result.applies


def test_adherent_authorization_excepts_unless_obtained_by_fraud() -> None:
    excepted = authority(run(authorized_by_adherent=True), "AECA 73")
    assert not excepted.applies
    assert any(r.startswith("excepted:") for r in excepted.reasons)
    fraud = authority(run(authorized_by_adherent=True, authorization_by_fraud=True), "AECA 73")
    assert fraud.applies
    exception = next(e for e in fraud.exceptions if e.code == "adherent_authorization")
    assert not exception.applies and "fraud" in exception.why


def test_end_user_in_an_adherent_is_excepted_and_flagged() -> None:
    result = authority(run(destination={"end_user_country": "Japan"}), "AECA 73")
    assert not result.applies
    exception = next(e for e in result.exceptions if e.code == "adherent_end_user")
    assert exception.applies and exception.unverified


def test_exceptions_that_do_not_apply_say_why() -> None:
    result = authority(run(), "AECA 73")
    whys = {e.code: e.why for e in result.exceptions if not e.applies}
    assert "no MTCR adherent authorized the trade" in whys["adherent_authorization"]
    assert "not an MTCR adherent" in whys["adherent_end_user"]
    assert "no favorable advisory opinion" in whys["advisory_opinion"]


def test_enforcement_by_an_adherent_and_advisory_opinion_bar_sanctions() -> None:
    assert not authority(run(adherent_enforcement_action=True), "AECA 73").applies
    assert not authority(run(advisory_opinion=True), "AECA 73").applies


def test_national_security_waiver_notice_period_is_flagged_as_conflicting() -> None:
    result = authority(run(), "AECA 73")
    waiver = next(w for w in result.waivers if w.code == "national_security")
    assert waiver.notice.days == 45 and waiver.notice.working_days
    assert waiver.notice.to == ["SASC", "SFRC", "HASC", "HFAC"]
    assert waiver.unverified and "20 working days" in waiver.unverified
    eaa = authority(run(), "EAA 11B(b)")
    assert next(w for w in eaa.waivers if w.code == "national_security").notice.days == 20


def test_terrorism_destination_states_the_presumption() -> None:
    result = authority(run(), "AECA 73")
    assert any("presumed" in r and "2797b(f)" in r for r in result.reasons)


def test_nonmarket_economy_extends_to_government_activities_and_is_flagged() -> None:
    china = authority(run(person={"nationality": "China"}), "AECA 73")
    assert any("military aircraft" in e for e in china.extends_to)
    assert any("nonmarket" in u for u in china.unverified)
    other = authority(run(), "AECA 73")
    assert other.extends_to == ["the entity's sub-units and successors (Federal Register practice)"]


# --- INKSNA, EO 12938, EO 13382 ------------------------------------------------------------


def test_inksna_transfer_to_iran_is_discretionary_with_four_measures() -> None:
    result = authority(run(), "INKSNA")
    assert result.applies and not result.mandatory
    assert set(codes(result)) == {
        "procurement_ban",
        "assistance_ban",
        "arms_sales_ban",
        "dual_use_licenses_ban",
    }
    assert all(m.term and m.term.years == 2 and not m.term.minimum for m in result.measures)
    assert all(m.unverified for m in result.measures)  # the 2-year term is practice
    assert any("justification" in r for r in result.reasons)


def test_inksna_does_not_reach_transfers_elsewhere_or_us_persons() -> None:
    assert not authority(run(destination={"country": "Pakistan"}), "INKSNA").applies
    us = authority(run(person={"us_person": True}), "INKSNA")
    assert not us.applies and "United States person" in us.reasons[0]


def test_inksna_north_korea_date_is_flagged() -> None:
    result = authority(run(destination={"country": "North Korea"}), "INKSNA")
    assert result.applies
    assert any("109-353" in u for u in result.unverified)


def test_eo_12938_needs_material_contribution() -> None:
    assert not authority(run(), "EO 12938").applies
    result = authority(run(material_contribution=True), "EO 12938")
    assert result.applies and not result.mandatory
    assert set(codes(result)) == {"procurement_ban", "assistance_ban", "import_ban"}
    assert not authority(
        run(material_contribution=True, destination={"country": "France"}), "EO 12938"
    ).applies


def test_eo_13382_blocking_has_no_term_and_its_prongs_are_unverified() -> None:
    assert not authority(run(), "EO 13382").applies
    result = authority(run(substantial_contribution=True), "EO 13382")
    assert result.applies
    assert codes(result) == {"blocking": None}
    assert any("EO 13382" in u for u in result.unverified)


# --- the evaluation as a whole ---------------------------------------------------------------


def test_every_authority_answers_and_unverified_facts_are_collected() -> None:
    result = run(substantial_contribution=True)
    assert [a.authority for a in result.authorities] == [
        "AECA 72",
        "AECA 73",
        "EAA 11B(a)",
        "EAA 11B(b)",
        "INKSNA",
        "EO 12938",
        "EO 13382",
    ]
    assert all(a.reasons for a in result.authorities)
    assert any(u.startswith("AECA 73:") and "45 working days" in u for u in result.unverified)
    assert result.summary.startswith("Mandatory sanctions under AECA 73, EAA 11B(b)")


def test_item_described_in_words_is_classified_by_the_controls_capability() -> None:
    result = run(
        item={
            "description": "complete rocket system, range 1000 km, payload 700 kg",
        }
    )
    assert result.item.category == "I"
    assert authority(result, "AECA 73").applies


def test_unlisted_item_is_not_reached_by_the_missile_statutes() -> None:
    result = run(item={"description": "office furniture"})
    assert result.item.category is None
    assert not authority(result, "AECA 73").applies


def test_undecided_item_says_what_the_classifier_needs() -> None:
    result = run(item={"description": "guidance sets for ballistic missiles"})
    assert result.item.category is None and result.item.missing
    reasons = authority(result, "AECA 73").reasons
    assert any("undecided" in r and "accuracy" in r for r in reasons)
    assert any("undecided" in r for r in authority(result, "INKSNA").reasons)


def test_bad_facts_name_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        parse_facts(facts(activity={"kind": "gift"}))
    assert error.value.field == "activity.kind"
    with pytest.raises(InvalidInput):
        parse_facts(facts(item={"annex_item": CAT_I, "description": "x"}))
