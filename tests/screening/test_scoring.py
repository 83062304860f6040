"""Scoring: name similarity and the other evidence, each with its own contribution."""

from __future__ import annotations

from datetime import date

from nonpro.screening import rules
from nonpro.screening.normalize import name_readings
from nonpro.screening.schemas import BirthDate, EntityType
from nonpro.screening.scoring import (
    best_match,
    country_feature,
    dob_feature,
    entity_type_feature,
    identifier_feature,
    normalize_identifier,
    query_dob_range,
    total_score,
)

# A name alone must be about this similar to alert.
NAME_ALERT = rules.DEFAULT_THRESHOLD / rules.NAME_WEIGHT


def similarity(a: str, b: str, person: bool | None = True) -> float:
    found = best_match(name_readings(a, person=person), name_readings(b, person=person))
    return 0.0 if found is None else found.score


def test_spellings_and_scripts_of_one_name_match() -> None:
    for variant in ("Muhammad Ali", "Mohamed Ali", "محمد علي", "MOHAMMAD, Ali"):
        assert similarity(variant, "Mohammad Ali") >= NAME_ALERT, variant


def test_name_order_and_company_forms_do_not_matter_much() -> None:
    assert similarity("PUTIN, Vladimir", "Vladimir Putin") == 1.0
    assert similarity("Acme Trading Limited", "ACME TRADING LTD", person=False) == 1.0
    assert similarity("OAO Gazprom", "Gazprom JSC", person=False) >= NAME_ALERT


def test_typos_spacing_and_initials_are_tolerated() -> None:
    assert similarity("Vladimir Putin", "Vladimir Pudin") >= NAME_ALERT
    assert similarity("Xi Jin Ping", "Xi Jinping") >= NAME_ALERT
    assert similarity("V. Putin", "Vladimir Putin") >= NAME_ALERT


def test_a_different_family_name_is_not_a_match() -> None:
    assert similarity("Jawhar Majid al-Mosuli", "Jawhar Majid al-Duri") < NAME_ALERT
    assert similarity("Angela Merkel", "Angelo Cruz") < 0.5


def test_similarity_is_graded_not_saturated() -> None:
    exact = similarity("Ahmad Vahidi", "Ahmad Vahidi")
    typo = similarity("Ahmad Vahidy", "Ahmad Vahidi")
    partial = similarity("Ahmad", "Ahmad Vahidi")
    assert exact > typo > partial


def test_dates_of_birth_reward_agreement_and_punish_conflict() -> None:
    listed = [BirthDate(text="12 Mar 1957", date_from=date(1957, 3, 12), date_to=date(1957, 3, 12))]
    exact = dob_feature("1957-03-12", listed)
    year = dob_feature("1957", listed)
    near = dob_feature("1958", listed)
    conflict = dob_feature("1980-01-01", listed)
    assert exact and year and near and conflict
    assert exact.contribution > year.contribution > near.contribution > conflict.contribution
    assert conflict.contribution < 0
    assert dob_feature("1957", []) is None
    assert query_dob_range("2000-02") == (date(2000, 2, 1), date(2000, 2, 29), "month")


def test_a_listed_year_range_contains_the_query_year() -> None:
    listed = [
        BirthDate(
            text="1955 to 1957",
            date_from=date(1955, 1, 1),
            date_to=date(1957, 12, 31),
            precision="range",
        )
    ]
    found = dob_feature("1956-06-01", listed)
    assert found is not None and found.contribution == rules.DOB_YEAR


def test_country_identifier_and_type_features() -> None:
    assert country_feature("Iran", frozenset({"IR"})).contribution > 0  # type: ignore[union-attr]
    assert country_feature("DE", frozenset({"IR"})).contribution < 0  # type: ignore[union-attr]
    assert country_feature("IR", frozenset()) is None
    # A query's country is read as the list readers read theirs. The copies disagreed: the
    # scorer turned "USSR" into "SUHH", a code no entry carries, and counted it as a conflict.
    assert country_feature("USSR", frozenset({"RU"})) is None
    assert country_feature("Region: Crimea", frozenset({"UA"})).contribution > 0  # type: ignore[union-attr]
    listed = {normalize_identifier("AB 123-456"): "passport AB 123-456 (IR)"}
    found = identifier_feature(["ab123456"], listed)
    assert found is not None and "passport" in found.detail
    assert identifier_feature(["XY999999"], listed) is None
    conflict = entity_type_feature(EntityType.PERSON, EntityType.ORGANIZATION)
    assert conflict is not None and conflict.contribution < 0
    assert entity_type_feature(EntityType.UNKNOWN, EntityType.VESSEL) is None


def test_total_score_floors_an_exact_identifier_and_stays_in_range() -> None:
    name = dob_feature(
        "1957",
        [
            BirthDate(
                text="1957",
                date_from=date(1957, 1, 1),
                date_to=date(1957, 12, 31),
                precision="year",
            )
        ],
    )
    assert name is not None
    ident = identifier_feature(["AB123456"], {"AB123456": "passport AB123456"})
    assert ident is not None
    assert total_score(name.contribution, {"identifier": ident}) >= rules.IDENTIFIER_FLOOR
    assert 0.0 <= total_score(0.8, {"identifier": ident, "dob": name}) <= 1.0


def test_a_listed_family_name_may_come_first_in_the_query() -> None:
    # "KIM, Jong Un" is read "Jong Un KIM"; "Kim Jong Un" puts the family name first, as
    # Korean and Chinese names are written, and is no crossing of the order.
    assert similarity("Kim Jong Un", "KIM, Jong Un") == 1.0
    assert similarity("Jong Un Kim", "KIM, Jong Un") == 1.0
    # Without a comma nothing says which token is the family name.
    assert similarity("Hans Friedrich", "Friedrich Hans") < 1.0
