"""Screening a party: ranked, explained hits, and the evidence that moves them."""

from __future__ import annotations

from datetime import date

import pytest

from nonpro.screening import rules
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.matching import match, score_entries
from nonpro.screening.schemas import (
    BirthDate,
    EntityType,
    EntryName,
    Identifier,
    ListEntry,
    NameKind,
    ScreeningQuery,
)


def person(
    source_id: str,
    *names: str,
    dob: date | None = None,
    country: str | None = None,
    passport: str | None = None,
    source: str = "ofac_sdn",
) -> ListEntry:
    return ListEntry(
        source=source,
        source_id=source_id,
        entity_type=EntityType.PERSON,
        names=[
            EntryName(name=n, kind=NameKind.PRIMARY if i == 0 else NameKind.AKA)
            for i, n in enumerate(names)
        ],
        birth_dates=[BirthDate(text=dob.isoformat(), date_from=dob, date_to=dob)] if dob else [],
        nationalities=[country] if country else [],
        identifiers=[Identifier(kind="passport", value=passport)] if passport else [],
    )


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(
        [
            person(
                "100",
                "MOHAMMADI, Ali",
                "Muhammad Ali",
                dob=date(1961, 4, 2),
                country="IR",
                passport="K1234567",
            ),
            person("101", "ALI, Mohammad Reza", dob=date(1975, 1, 1), country="IQ"),
            person("102", "PUTIN, Vladimir Vladimirovich", dob=date(1952, 10, 7), country="RU"),
            person("103", "GARCIA, Juan Marvin", source="csl"),
            ListEntry(
                source="un",
                source_id="KPe.028",
                entity_type=EntityType.ORGANIZATION,
                names=[EntryName(name="Korea Mining Development Trading Corporation")],
                countries=["KP"],
            ),
        ],
        snapshots={"ofac_sdn": "snap-1"},
    )


def test_one_name_across_spellings_and_scripts(index: ScreeningIndex) -> None:
    for name in ("Muhammad Ali", "Mohammad Ali", "محمد علي", "MOHAMMADI, Ali"):
        hits = match(ScreeningQuery(name=name, entity_type=EntityType.PERSON), index)
        assert hits and hits[0].entry_id == "ofac_sdn:100" and hits[0].alert, name


def test_surname_comma_given(index: ScreeningIndex) -> None:
    (hit, *_) = match(ScreeningQuery(name="PUTIN, Vladimir"), index)
    assert hit.entry_id == "ofac_sdn:102" and hit.alert
    assert hit.matched_name == "PUTIN, Vladimir Vladimirovich"


def test_company_forms(index: ScreeningIndex) -> None:
    hits = match(ScreeningQuery(name="Korea Mining Development Trading Corp."), index)
    assert hits[0].entry_id == "un:KPe.028" and hits[0].alert


def test_a_conflicting_birth_date_lowers_the_score(index: ScreeningIndex) -> None:
    query = ScreeningQuery(name="Vladimir Putin", entity_type=EntityType.PERSON)
    plain = match(query, index)[0]
    same = match(query.model_copy(update={"dob": "1952-10-07"}), index)[0]
    other = match(query.model_copy(update={"dob": "1990-01-01"}), index)[0]
    assert same.score > plain.score > other.score
    assert other.features["dob"].contribution == rules.DOB_CONFLICT
    assert not other.alert


def test_an_exact_identifier_raises_the_score(index: ScreeningIndex) -> None:
    query = ScreeningQuery(name="Ali Mohammadi", entity_type=EntityType.PERSON)
    plain = match(query, index)[0]
    with_id = match(query.model_copy(update={"identifiers": ["k-1234567"]}), index)[0]
    assert with_id.entry_id == plain.entry_id == "ofac_sdn:100"
    assert with_id.score >= max(plain.score, rules.IDENTIFIER_FLOOR)
    assert "identifier" in with_id.features


def test_an_identifier_alone_finds_its_entry(index: ScreeningIndex) -> None:
    hits = match(ScreeningQuery(name="Somebody Else", identifiers=["K1234567"]), index)
    assert [hit.entry_id for hit in hits] == ["ofac_sdn:100"]


def test_hits_are_ranked_and_partial_evidence_does_not_saturate(index: ScreeningIndex) -> None:
    hits = match(ScreeningQuery(name="Mohammad Ali", entity_type=EntityType.PERSON), index)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True) and len(hits) >= 2
    assert hits[0].score < 1.0  # a name alone is not certainty
    full = match(
        ScreeningQuery(
            name="Mohammad Ali", entity_type=EntityType.PERSON, dob="1961-04-02", country="Iran"
        ),
        index,
    )[0]
    assert full.score > hits[0].score


def test_a_hit_explains_itself(index: ScreeningIndex) -> None:
    (hit, *_) = match(ScreeningQuery(name="Vladimir Putin", dob="1952", country="RU"), index)
    assert hit.list == "ofac_sdn" and hit.snapshot == "snap-1"
    assert set(hit.features) >= {"name", "dob", "country"}
    total = sum(feature.contribution for feature in hit.features.values())
    assert hit.score == pytest.approx(min(1.0, total), abs=1e-3)
    assert "PUTIN, Vladimir Vladimirovich" in hit.explanation
    assert "'vladimir' ~ 'vladimir'" in hit.features["name"].detail
    data = hit.model_dump(mode="json")
    assert set(data) == {
        "entry_id",
        "list",
        "snapshot",
        "name",
        "matched_name",
        "score",
        "alert",
        "features",
        "explanation",
    }


def test_threshold_lists_and_limit(index: ScreeningIndex) -> None:
    query = ScreeningQuery(name="Juan Garcia")
    assert match(query, index, lists=["ofac_sdn"]) == []
    (hit,) = match(query, index, lists=["csl"])
    assert hit.entry_id == "csl:103"
    assert not match(query, index, threshold=0.99)[0].alert
    assert len(match(ScreeningQuery(name="Ali"), index, threshold=0.0, limit=1)) == 1


def test_a_person_is_not_a_company(index: ScreeningIndex) -> None:
    query = ScreeningQuery(
        name="Korea Mining Development Trading Corporation", entity_type=EntityType.PERSON
    )
    (hit, *_) = match(query, index)
    assert hit.features["entity_type"].contribution < 0


def test_unrelated_names_give_no_hits(index: ScreeningIndex) -> None:
    assert match(ScreeningQuery(name="Qqqq Zzzz"), index) == []


def test_score_entries_agrees_with_match(index: ScreeningIndex) -> None:
    query = ScreeningQuery(name="Vladimir Putin", dob="1952", country="RU")
    hits = match(query, index, threshold=0.0)
    positions = [
        next(i for i, e in enumerate(index.entries) if f"{e.source}:{e.source_id}" == h.entry_id)
        for h in hits
    ]
    assert score_entries(query, index, positions) == [hit.score for hit in hits]


def test_a_name_without_letters_is_found_by_identifier_only(index: ScreeningIndex) -> None:
    assert match(ScreeningQuery(name="---"), index) == []
    (hit,) = match(ScreeningQuery(name="---", identifiers=["K1234567"]), index)
    assert hit.entry_id == "ofac_sdn:100" and hit.features["name"].value == 0.0


def _typed(source_id: str, name: str, entity_type: EntityType, kind: str, value: str) -> ListEntry:
    return ListEntry(
        source="ofac_sdn",
        source_id=source_id,
        entity_type=entity_type,
        names=[EntryName(name=name)],
        identifiers=[Identifier(kind=kind, value=value)],
    )


@pytest.fixture(scope="module")
def typed_index() -> ScreeningIndex:
    return ScreeningIndex.build(
        [
            # Lists give IMO numbers as digits; parties often write them "IMO 9187629".
            _typed("200", "EXAMPLE TRADER", EntityType.VESSEL, "imo", "9187629"),
            # A bank listed with its head office's branch code "XXX".
            _typed("201", "EXAMPLE BANK", EntityType.ORGANIZATION, "swift", "DEUTDEFFXXX"),
            _typed("202", "DOE, John", EntityType.PERSON, "passport", "ABCDEFGH"),
        ]
    )


@pytest.mark.parametrize(
    ("written", "entry_id"),
    [
        ("IMO 9187629", "ofac_sdn:200"),  # before: "IMO9187629" never met "9187629"
        ("imo-9187629", "ofac_sdn:200"),
        ("9187629", "ofac_sdn:200"),
        ("DEUT DE FF", "ofac_sdn:201"),  # before: "DEUTDEFF" never met "DEUTDEFFXXX"
        ("deutdeffxxx", "ofac_sdn:201"),
    ],
)
def test_identifiers_meet_in_their_format(
    typed_index: ScreeningIndex, written: str, entry_id: str
) -> None:
    (hit,) = match(ScreeningQuery(name="Somebody Else", identifiers=[written]), typed_index)
    assert hit.entry_id == entry_id
    assert hit.features["identifier"].detail.startswith(f"identifier {written} is the listed")


def test_a_format_key_meets_only_its_own_format(typed_index: ScreeningIndex) -> None:
    # "ABCDEFGHXXX" reads as a BIC for "ABCDEFGH", but the listed ABCDEFGH is a passport.
    assert match(ScreeningQuery(name="Somebody", identifiers=["ABCDEFGHXXX"]), typed_index) == []
    # A checksum that fails is no IMO number: "IMO 9187628" meets nothing.
    assert match(ScreeningQuery(name="Somebody", identifiers=["IMO 9187628"]), typed_index) == []


def test_a_weak_alias_counts_only_with_a_date_of_birth_or_identifier_that_agrees() -> None:
    # OFAC's "weak" a.k.a.s: "Vladimir Putin" must not alert on another person's "VLADIMIR".
    other = person("900", "SOKOLOV, Ivan Petrovich", dob=date(1970, 5, 5), country="RU")
    other = other.model_copy(
        update={"names": [*other.names, EntryName(name="VLADIMIR", kind=NameKind.WEAK_AKA)]}
    )
    weak_index = ScreeningIndex.build([other])
    for found in match(ScreeningQuery(name="Vladimir"), weak_index):
        assert not found.alert and found.matched_name != "VLADIMIR", found.explanation
    (rescored,) = score_entries(ScreeningQuery(name="Vladimir"), weak_index, [0])
    assert rescored < rules.DEFAULT_THRESHOLD  # the re-scoring of known candidates agrees
    # With his date of birth, the weak alias counts, and the explanation says why.
    corroborated = match(ScreeningQuery(name="Vladimir", dob="1970-05-05"), weak_index)
    assert corroborated and corroborated[0].matched_name == "VLADIMIR"
    assert "weak alias, counted because the date of birth" in corroborated[0].explanation
