"""The missile end-user knowledge base (issue 21 item 5): reviewed records beyond Iran and North
Korea, the loaded lists' entries that name missile work with their source, generic names found
only where the country agrees, and the case assessment and catch-all reading it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import assessment, services
from nonpro.cases.schemas import CaseIn
from nonpro.controls.catchall import CaseFacts, evaluate_catch_all
from nonpro.controls.catchall.reference import program_entities
from nonpro.endusers import rules
from nonpro.endusers import services as endusers
from nonpro.screening.formats.detect import load_path
from nonpro.screening.schemas import EntityType, EntryName, ListEntry, NameKind, ParsedList
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json

Bearer = Callable[..., dict[str, str]]


def _entry(name: str, *, remarks: str | None = None, **fields: object) -> ListEntry:
    return ListEntry.model_validate(
        {
            "source": "ofac_sdn",
            "source_id": name[:8],
            "entity_type": EntityType.ORGANIZATION,
            "names": [EntryName(name=name)],
            "remarks": remarks,
            **fields,
        }
    )


def _facts(name: str, country: str | None) -> CaseFacts:
    party = {"role": "end_user", "name": name, "country": country}
    return CaseFacts.model_validate(
        {"reference": "KB-1", "destination": "AE", "parties": [party], "items": []}
    )


def _rules_of(name: str, country: str | None) -> dict[str, list[str]]:
    found = evaluate_catch_all(_facts(name, country), entities=program_entities())
    return {f.rule: f.evidence for f in found.findings}


@pytest.fixture(scope="module")
def un_entries(shared_data: Path) -> ParsedList:
    (parsed,) = load_path(shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml")
    return parsed


def test_the_reviewed_base_reaches_beyond_iran_and_north_korea_each_record_with_its_source() -> (
    None
):
    countries = {e.country for e in program_entities()}
    assert {"IRN", "PRK", "PAK", "SYR", "CHN"} <= countries
    for entity in program_entities():
        assert entity.source.startswith("http") and entity.listing and entity.as_of


def test_a_generic_name_is_found_where_the_country_agrees_and_only_there() -> None:
    in_pakistan = _rules_of("National Development Complex", "PK")
    assert "CA-PROGRAM" in in_pakistan
    assert any("Shaheen" in line for line in in_pakistan["CA-PROGRAM"])
    assert "CA-PROGRAM" not in _rules_of("National Development Complex", "IN")
    unknown = _rules_of("National Development Complex", None)
    assert "CA-PROGRAM" not in unknown
    assert any("country decides" in line for line in unknown["CA-PROGRAM-COUNTRY"])
    # a distinctive name needs no country
    assert "CA-PROGRAM" in _rules_of(
        "Beijing Research Institute of Automation for Machine Building Industry", None
    )


def test_a_list_entry_is_taken_in_only_when_its_own_record_names_missile_work() -> None:
    named = _entry("TACTICAL MISSILES CORPORATION JSC", countries=["RU"])
    remarked = _entry(
        "DOOSTAN CO", remarks="Supplies elements to Iran's ballistic missile programme."
    )
    attack = _entry("SOME PERSON", remarks="Reportedly killed in a drone strike in 2012.")
    weak = _entry(
        "PLAIN TRADING LLC",
        names=[
            EntryName(name="PLAIN TRADING LLC"),
            EntryName(name="ROCKET", kind=NameKind.WEAK_AKA),
        ],
    )
    assert "name names missile" in (rules.missile_reason(named) or "")
    assert "ballistic missile programme" in (rules.missile_reason(remarked) or "")
    assert rules.missile_reason(attack) is None
    assert rules.missile_reason(weak) is None
    linked = _entry("REGION JSC", remarks="(Linked To: TACTICAL MISSILES CORPORATION JSC)")
    found = endusers.from_lists([named, remarked, attack, weak, linked])
    assert [e.name for e in found] == [
        "TACTICAL MISSILES CORPORATION JSC",
        "DOOSTAN CO",
        "REGION JSC",
    ]
    assert found[0].country == "RUS" and found[0].confidence == "published_list"
    assert "links it to 'TACTICAL MISSILES CORPORATION JSC'" in found[2].programme


def test_the_un_list_gives_programme_entities_with_entry_and_source(
    un_entries: ParsedList,
) -> None:
    found = {e.name: e for e in endusers.from_lists(un_entries.entries)}
    doostan = found["DOOSTAN INTERNATIONAL COMPANY (DICO)"]
    assert "ballistic missile" in doostan.programme
    assert doostan.entry_id and doostan.entry_id.startswith("un:")
    assert "UN Security Council Consolidated List entry" in doostan.listing
    assert "KOREAN COMMITTEE FOR SPACE TECHNOLOGY" in found
    # what the reviewed base holds is not taken in twice
    assert "SHAHID HEMMAT INDUSTRIAL GROUP" not in found
    assert not any("drone strike" in e.programme for e in found.values())


def test_search_and_the_case_assessment_read_the_loaded_lists(
    db_session: Session, un_list: ParsedList
) -> None:
    provider = IndexProvider()
    base = endusers.search(session=db_session, provider=provider, country="North Korea")
    assert base.from_lists > 20 and base.reviewed == len(program_entities())
    assert base.lists["un"] == "published 2026-02-27"
    names = {e.name: e for e in base.entities}
    assert names["KOREAN COMMITTEE FOR SPACE TECHNOLOGY"].origin == "list"
    assert names["Korea Mining Development Trading Corporation"].origin == "reviewed"
    parties = [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "end_user", "name": "Doostan International Company", "country": "AE"},
    ]
    data = CaseIn.model_validate(case_json("KB-2", destination="AE", parties=parties))
    analyst = Principal(username="ana", role=Role.ANALYST)
    case = services.create_case(data, session=db_session, provider=provider, actor=analyst)
    result = assessment.assess(case, session=db_session, provider=provider)
    program = next(f for f in result.findings if f.rule == "CA-PROGRAM")
    assert any("UN Security Council Consolidated List entry" in line for line in program.evidence)


def test_the_api_answers_by_country_and_names_a_bad_country(
    client: TestClient, bearer: Bearer, un_list: ParsedList
) -> None:
    headers = bearer(Role.VIEWER)
    found = client.get("/api/end-users", params={"country": "PAK"}, headers=headers)
    assert found.status_code == 200
    body = found.json()
    ndc = next(e for e in body["entities"] if e["name"] == "National Development Complex")
    assert ndc["generic_name"] and ndc["origin"] == "reviewed" and ndc["country_name"] == "Pakistan"
    bad = client.get("/api/end-users", params={"country": "Atlantis"}, headers=headers)
    assert bad.status_code == 422 and "country" in bad.text
