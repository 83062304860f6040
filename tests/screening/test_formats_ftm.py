"""FollowTheMoney JSON lines: import from OpenSanctions exports, export for yente and Aleph."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from followthemoney import model

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.ftm import read_ftm
from nonpro.screening.formats.ftm_export import to_ftm, write_ftm
from nonpro.screening.formats.ofac_csv import read_ofac_csv
from nonpro.screening.schemas import (
    EntityType,
    EntryName,
    Identifier,
    ListEntry,
    ParsedList,
    RelationKind,
)


def ftm_file(path: Path, records: list[dict[str, object]]) -> Path:
    """FtM entities written one JSON object per line, as yente exports them."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


@pytest.fixture(scope="module")
def zala(shared_data: Path) -> ParsedList:
    return read_ftm(shared_data / "lists/ftm/zala_entities.ftm.json")


def test_things_become_entries(zala: ParsedList, shared_data: Path) -> None:
    # 91 entities: 11 companies and 6 persons; the rest describe them.
    assert Counter(e.entity_type for e in zala.entries) == {
        EntityType.ORGANIZATION: 11,
        EntityType.PERSON: 6,
    }
    t1 = read_ftm(shared_data / "lists/ftm/t1_entities.ftm.json")
    assert len(t1.entries) == 6
    # Each file is its own dataset, so two files loaded together keep separate snapshots.
    assert (zala.source, t1.source) == ("ftm_zala_entities", "ftm_t1_entities")


def test_linked_entities_are_folded_in(zala: ParsedList) -> None:
    assert sum(len(e.programs) for e in zala.entries) > 10  # from Sanction entities
    assert sum(len(e.addresses) for e in zala.entries) > 10  # from Address entities
    assert any(i.kind == "passport" for e in zala.entries for i in e.identifiers)


def test_person_fields(shared_data: Path) -> None:
    t1 = read_ftm(shared_data / "lists/ftm/t1_entities.ftm.json")
    kuzmenko = next(e for e in t1.entries if e.source_id == "NK-2Ka3UvopqbpZmVDFjWd4LA")
    assert kuzmenko.primary_name == "Vitaly Yurievich KUZMENKO"  # the caption
    assert kuzmenko.birth_dates[0].date_from == date(1971, 1, 22)
    assert kuzmenko.gender == "male"
    assert any(i.kind == "tax_id" and i.value == "366510784303" for i in kuzmenko.identifiers)
    org = next(e for e in t1.entries if e.source_id == "NK-2GdmHtZTeNXjNVrBGEXZNj")
    assert org.countries == ["BY"]
    assert org.addresses == []  # its Address entity is not in the file


def test_links_through_merged_ids(tmp_path: Path) -> None:
    # yente merges entities and keeps the replaced ids as referents; links may use either.
    lines = [
        {
            "id": "c1",
            "schema": "Company",
            "properties": {"name": ["ACME"], "addressEntity": ["a-old"]},
        },
        {
            "id": "a1",
            "schema": "Address",
            "referents": ["a-old"],
            "properties": {"full": ["1 Main St, Minsk"], "country": ["by"], "city": ["Minsk"]},
        },
        {
            "id": "s1",
            "schema": "Sanction",
            "properties": {"entity": ["c1"], "program": ["BY-1"], "listingDate": ["2022-06-03"]},
        },
    ]
    path = ftm_file(tmp_path / "small.ftm.json", lines)
    (company,) = read_ftm(path).entries
    assert company.addresses[0].text == "1 Main St, Minsk"
    assert company.addresses[0].country == "BY"
    assert company.programs == ["BY-1"]
    assert company.listed_on == date(2022, 6, 3)


def test_export_uses_only_schema_properties(shared_data: Path) -> None:
    sdn = read_ofac_csv(shared_data / "lists/ofac_sdn_2021/sdn.csv")
    out = io.StringIO()
    written = write_ftm(sdn.entries, out)
    assert written == 2 * len(sdn.entries)
    schemas: Counter[str] = Counter()
    for line in out.getvalue().splitlines():
        entity = json.loads(line)
        schemas[entity["schema"]] += 1
        assert set(entity["properties"]) <= set(model.get(entity["schema"]).properties)
        if entity["schema"] != "Sanction":
            assert entity["properties"]["name"]
    assert schemas == {
        "Sanction": 8976,
        "Person": 4620,
        "Organization": 3673,
        "Vessel": 406,
        "Airplane": 277,
    }


def test_round_trip_keeps_names_dates_and_identifiers(shared_data: Path, tmp_path: Path) -> None:
    sdn = read_ofac_csv(shared_data / "lists/ofac_sdn_2021/sdn.csv")
    nasrallah = next(e for e in sdn.entries if e.source_id == "2686")
    path = tmp_path / "out.ftm.json"
    with path.open("w") as out:
        write_ftm([nasrallah], out)
    (back,) = read_ftm(path).entries
    assert [n.name for n in back.names] == [n.name for n in nasrallah.names]
    assert [n.kind for n in back.names] == [n.kind for n in nasrallah.names]
    assert [d.date_from for d in back.birth_dates] == [d.date_from for d in nasrallah.birth_dates]
    assert back.identifiers[0].value == "042833"
    assert back.programs == ["SDGT", "SYRIA"]
    thing, sanction = to_ftm(nasrallah)
    assert sanction["properties"]["entity"] == [thing["id"]]
    assert thing["id"] == "nonpro-ofac-sdn-2686"  # FtM ids: letters, digits, dots, hyphens
    assert thing["datasets"] == sanction["datasets"] == ["ofac_sdn"]
    assert back.extra["datasets"] == "ofac_sdn"


def test_bad_json_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": \n')
    with pytest.raises(ListParseError) as caught:
        read_ftm(path)
    assert caught.value.location == "line 2"


def test_relations_are_kept(zala: ParsedList) -> None:
    # 14 Ownership, 3 Directorship and 4 Family entities in the file; none becomes an entry.
    kinds = Counter(relation.kind for relation in zala.relations)
    assert kinds == {
        RelationKind.OWNERSHIP: 14,
        RelationKind.DIRECTORSHIP: 3,
        RelationKind.FAMILY: 4,
    }
    family = [r for r in zala.relations if r.kind is RelationKind.FAMILY]
    assert {r.object_id for r in family} == {"NK-aU5ybkbRFJucf8YMwsJvDw"}
    assert "NK-2Tbri3s6GgNtAwsSXh4qpL" in {r.subject_id for r in family}
    assert {r.label for r in family} == {"Family member of"}
    director = next(r for r in zala.relations if r.kind is RelationKind.DIRECTORSHIP)
    assert director.label  # the role as given ("Leader or official of", ...)


def test_relations_follow_merged_ids(tmp_path: Path) -> None:
    lines = [
        {"id": "p1", "schema": "Person", "referents": ["p-old"], "properties": {"name": ["A"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["ACME"]}},
        {
            "id": "o1",
            "schema": "Ownership",
            "properties": {"owner": ["p-old"], "asset": ["c1"], "startDate": ["2019-05"]},
        },
    ]
    path = ftm_file(tmp_path / "edges.ftm.json", lines)
    parsed = read_ftm(path)
    assert len(parsed.entries) == 2
    (owns,) = parsed.relations
    assert (owns.kind, owns.subject_id, owns.object_id) == (RelationKind.OWNERSHIP, "p1", "c1")
    assert (owns.label, owns.start_date) == ("Ownership", "2019-05")


def test_unknown_schema_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "odd.ftm.json"
    lines = [
        {"id": "a", "schema": "Person", "properties": {"name": ["A"], "imoNumber": ["1"]}},
        {"id": "b", "schema": "Spaceship", "properties": {"name": ["B"]}},
    ]
    ftm_file(path, lines)
    parsed = read_ftm(path)
    assert [entry.source_id for entry in parsed.entries] == ["a"]
    assert parsed.entries[0].identifiers == []  # a Person has no IMO number in FtM
    assert parsed.warnings == ["record 2: unknown FtM schema 'Spaceship'"]


def test_export_checks_countries_and_dates_as_ftm_does() -> None:
    entry = ListEntry(
        source="csl",
        source_id="EL-1",
        entity_type=EntityType.ORGANIZATION,
        names=[EntryName(name="ACME TRADING")],
        # "AN" (Netherlands Antilles) is no longer a code; "NM" is a US state, not a country.
        countries=["VE", "AN", "NM"],
        identifiers=[Identifier(kind="passport", value="X1")],  # no passport for a company
        listed_on=date(17, 5, 26),  # the CSL prints some years as "0017"
    )
    thing, sanction = to_ftm(entry)
    assert thing["properties"]["country"] == ["ve", "nl"]
    assert thing["properties"]["idNumber"] == ["X1"]
    assert "listingDate" not in sanction["properties"]


def test_an_address_given_in_parts_is_written_as_its_country_writes_it(tmp_path: Path) -> None:
    parts = {"street": "Nezavisimosti Ave 4", "postalCode": "220030", "city": "Minsk"}
    company = {"name": ["ACME"], "addressEntity": ["a1"]}
    address = {name: [value] for name, value in parts.items()} | {"country": ["by"]}
    lines = [
        {"id": "c1", "schema": "Company", "properties": company},
        {"id": "a1", "schema": "Address", "properties": address},
    ]
    path = ftm_file(tmp_path / "parts.ftm.json", lines)
    (company,) = read_ftm(path).entries
    # Before, an Address with neither "full" nor a caption was left out.
    (address,) = company.addresses
    assert address.text == "Belarus, 220030 Minsk, Nezavisimosti Ave 4"
    assert (address.city, address.country) == ("Minsk", "BY")


def test_the_library_is_loaded_only_to_read_or_write_ftm() -> None:
    # followthemoney takes most of a second to import; commands that touch no FtM file skip it.
    probe = "import sys, nonpro.screening.formats; print('followthemoney' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
