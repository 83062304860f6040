"""The recommendation rules on hand-made evidence: no database, no list, no Annex lookups."""

from __future__ import annotations

from datetime import date

from nonpro.cases import guidelines
from nonpro.cases.evidence import Evidence, HitFact, HitState, ItemFact
from nonpro.cases.rules import CaseType, Recommendation
from nonpro.controls.catchall import CaseFacts, evaluate_catch_all

DAY = date(2026, 11, 22)
GYRO = ItemFact(1, "fibre optic gyro", "II", "9.A.4", "Gyros")
MOTOR = ItemFact(1, "solid rocket motor", "I", "2.A.1.c.1", "Solid rocket motors")
TABLE = ItemFact(1, "rate table", None, None, None)
PARTIES = [("applicant", "Keystone"), ("end_user", "Tsukuba")]


def evidence(
    destination: str = "JP",
    items: list[ItemFact] | None = None,
    hits: list[HitFact] | None = None,
    parties: list[tuple[str, str]] | None = None,
    case_type: CaseType = CaseType.DUAL_USE_REFERRAL,
    screened: bool = True,
) -> Evidence:
    catch_all = evaluate_catch_all(
        CaseFacts(destination=destination, end_use="research"), as_of=DAY
    )
    return Evidence(
        case_type=case_type,
        destination=catch_all.destination,
        catch_all=catch_all,
        items=[GYRO] if items is None else items,
        hits=hits or [],
        parties=PARTIES if parties is None else parties,
        end_use="research",
        screened=screened,
    )


def hit(role: str, state: HitState, determination: bool = False) -> HitFact:
    return HitFact(role, "X Corp", "un:1", "X CORP", "un", 0.9, state, determination)


def fired(ev: Evidence) -> dict[str, Recommendation]:
    _, outcomes, _ = guidelines.recommend(ev)
    return {o.rule: o.recommendation for o in outcomes if o.recommendation is not None}


def test_clean_category_ii_to_a_partner_is_approved_with_the_para_5_provisos() -> None:
    best, _, provisos = guidelines.recommend(evidence())
    assert best == Recommendation.APPROVE_WITH_PROVISOS
    assert provisos == ["END-USE-ONLY", "NO-RETRANSFER", "NO-WMD-DELIVERY"]
    factors = guidelines.factors(evidence())
    assert [f.factor[:4] for f in factors] == ["3(A)", "3(B)", "3(C)", "3(D)", "3(E)", "3(F)"]
    assert [f.weighs for f in factors].count("adverse") == 0


def test_category_i_is_denied_even_to_a_partner() -> None:
    assert fired(evidence(items=[MOTOR]))["R-CAT-I"] == Recommendation.DENY
    assert guidelines.recommend(evidence(items=[MOTOR]))[0] == Recommendation.DENY


def test_category_ii_to_a_country_of_concern_is_referred_on_the_factors() -> None:
    ev = evidence(destination="PK")
    assert fired(ev)["R-CAT-II"] == Recommendation.REFER
    adverse = [f.factor[:4] for f in guidelines.factors(ev) if f.weighs == "adverse"]
    assert "3(A)" in adverse


def test_list_hits_by_state_and_role() -> None:
    assert fired(evidence(hits=[hit("end_user", "confirmed")]))["R-LIST-HIT"] == "deny"
    assert fired(evidence(hits=[hit("applicant", "confirmed")]))["R-LIST-HIT"] == "refer"
    assert fired(evidence(hits=[hit("end_user", "possible")]))["R-LIST-HIT"] == "refer"
    assert fired(evidence(hits=[hit("end_user", "escalated")]))["R-LIST-HIT"] == "refer"
    assert "R-LIST-HIT" not in fired(evidence(hits=[hit("end_user", "dismissed")]))
    confirmed = hit("applicant", "confirmed", determination=True)
    assert fired(evidence(hits=[confirmed]))["R-DETERMINATION"] == "deny"


def test_un_measures_deny_annex_items_only() -> None:
    assert fired(evidence(destination="KP"))["R-UN-MEASURES"] == "deny"
    assert "R-UN-MEASURES" not in fired(evidence(destination="KP", items=[TABLE]))


def test_incomplete_applications_go_back_but_intelligence_reviews_do_not() -> None:
    no_end_user = [("applicant", "Keystone")]
    assert fired(evidence(parties=no_end_user))["R-INCOMPLETE"] == "return_without_action"
    assert fired(evidence(items=[]))["R-INCOMPLETE"] == "return_without_action"
    review = evidence(parties=no_end_user, case_type=CaseType.INTELLIGENCE_REVIEW)
    assert "R-INCOMPLETE" not in fired(review)
    # Denial outranks returning: an incomplete application with a Category I item is denied.
    best, _, _ = guidelines.recommend(evidence(items=[MOTOR], parties=no_end_user))
    assert best == Recommendation.DENY


def test_unlisted_items_to_a_partner_are_approved_and_unscreened_parties_are_referred() -> None:
    assert guidelines.recommend(evidence(items=[TABLE]))[0] == Recommendation.APPROVE
    assert guidelines.recommend(evidence(screened=False))[0] == Recommendation.REFER
