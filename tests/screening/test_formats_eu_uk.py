"""EU FSF XML and UK Sanctions List XML, on small files written by hand from their layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.eu_xml import read_eu_xml
from nonpro.screening.formats.uk import read_uk_xml
from nonpro.screening.schemas import EntityType, NameKind

DATA = Path(__file__).parent / "data"


def test_eu_person() -> None:
    parsed = read_eu_xml(DATA / "eu_fsf_sample.xml")
    assert parsed.source == "eu"
    assert parsed.publication_date == date(2025, 3, 14)
    person, company = parsed.entries
    assert person.source_id == "900001"
    assert person.entity_type is EntityType.PERSON
    assert [(n.name, n.kind) for n in person.names] == [
        ("Ivan Petrovich TESTOV", NameKind.PRIMARY),
        ("Иван Петрович ТЕСТОВ", NameKind.AKA),
        ("Vanya", NameKind.WEAK_AKA),  # strong="false"
    ]
    assert person.names[0].family_name == "TESTOV"
    assert person.gender == "male"
    assert person.titles == ["Director of Example Plant"]
    assert person.nationalities == ["RU"]
    assert person.birth_dates[0].date_from == date(1965, 3, 13)
    assert person.birth_dates[1].precision == "year"
    assert person.birth_dates[1].approximate  # circa="true"
    assert person.birth_places == ["Tula, RUSSIAN FEDERATION"]
    passport = person.identifiers[0]
    assert (passport.kind, passport.value, passport.country) == ("passport", "7512345678", "RU")
    assert person.addresses[0].city == "Moscow"
    assert person.programs == ["UKR"]
    assert person.listed_on == date(2022, 2, 25)
    assert person.source_url is not None and "32022R0330" in person.source_url
    assert person.extra["EU reference number"] == "EU.9999.01"
    assert company.entity_type is EntityType.ORGANIZATION
    assert company.identifiers[0].kind == "registration"
    assert company.countries == ["KP"]
    assert company.extra["UN reference"] == "KPe.099"


def test_eu_truncated(tmp_path: Path) -> None:
    text = (DATA / "eu_fsf_sample.xml").read_text()
    broken = tmp_path / "eu.xml"
    broken.write_text(text[: text.index("<nameAlias", text.index("900002"))])
    with pytest.raises(ListParseError, match=r"malformed XML"):
        read_eu_xml(broken)


def test_eu_record_without_a_name_names_the_record(tmp_path: Path) -> None:
    text = (DATA / "eu_fsf_sample.xml").read_text()
    broken = tmp_path / "eu.xml"
    broken.write_text(
        text.replace('wholeName="Example Missile Trading Corporation"', "").replace(
            'wholeName="EMTC"', ""
        )
    )
    with pytest.raises(ListParseError) as caught:
        read_eu_xml(broken)
    assert caught.value.location == "sanctionEntity[logicalId=900002]"


def test_uk_person_and_ship() -> None:
    parsed = read_uk_xml(DATA / "uk_sanctions_sample.xml")
    assert parsed.source == "uk"
    assert parsed.publication_date == date(2025, 3, 14)
    person, ship = parsed.entries
    assert person.source_id == "RUS9999"
    assert [(n.name, n.kind) for n in person.names] == [
        ("Ivan Petrovich TESTOV", NameKind.PRIMARY),
        ("Ivan TESTOFF", NameKind.AKA),
        ("VANYA", NameKind.WEAK_AKA),
        ("Иван Петрович ТЕСТОВ", NameKind.NATIVE),
    ]
    assert person.names[0].family_name == "TESTOV"
    assert [d.text for d in person.birth_dates] == ["13/03/1965", "dd/mm/1966"]
    assert person.birth_dates[0].date_from == date(1965, 3, 13)
    assert person.birth_dates[1].precision == "year"
    assert person.birth_places == ["Tula, Russia"]
    assert person.nationalities == ["RU"]
    assert person.identifiers[0].value == "7512345678"
    assert person.gender == "male"
    assert person.listed_on == date(2022, 3, 15)
    assert person.programs == ["The Russia (Sanctions) (EU Exit) Regulations 2019"]
    assert person.addresses[0].country == "RU"
    assert ship.entity_type is EntityType.VESSEL
    assert [(i.kind, i.value) for i in ship.identifiers] == [("imo", "9074729")]
    assert ship.countries == ["CM"]


def test_uk_unknown_entity_type(tmp_path: Path) -> None:
    text = (DATA / "uk_sanctions_sample.xml").read_text()
    broken = tmp_path / "uk.xml"
    broken.write_text(text.replace("<IndividualEntityShip>Ship", "<IndividualEntityShip>Boat"))
    with pytest.raises(ListParseError) as caught:
        read_uk_xml(broken)
    assert caught.value.location == "Designation[UniqueID=RUS9998]"


def test_eu_value_that_is_not_a_number_names_the_record(tmp_path: Path) -> None:
    text = (DATA / "eu_fsf_sample.xml").read_text()
    broken = tmp_path / "eu.xml"
    broken.write_text(text.replace('year="1966"', 'monthOfYear="March" year="1966"'))
    with pytest.raises(ListParseError) as caught:
        read_eu_xml(broken)
    assert caught.value.location == "sanctionEntity at line 4"
    assert "record could not be read" in caught.value.problem
