"""OFAC lists: legacy CSV sets and enhanced XML from the shared folder; classic XML by hand."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats import load_path
from nonpro.screening.formats._files import csv_rows, read_text
from nonpro.screening.formats.ofac_csv import read_ofac_csv
from nonpro.screening.formats.ofac_sdn_xml import read_ofac_sdn_xml
from nonpro.screening.formats.ofac_xml import read_ofac_xml
from nonpro.screening.schemas import EntityType, ListEntry, NameKind, ParsedList, RelationKind


@pytest.fixture(scope="module")
def sdn(shared_data: Path) -> ParsedList:
    return read_ofac_csv(shared_data / "lists/ofac_sdn_2021/sdn.csv")


def by_id(parsed: ParsedList, source_id: str) -> ListEntry:
    return next(entry for entry in parsed.entries if entry.source_id == source_id)


def test_sdn_2021_counts_by_type(sdn: ParsedList) -> None:
    assert sdn.source == "ofac_sdn"
    assert len(sdn.entries) == 8976
    assert Counter(entry.entity_type for entry in sdn.entries) == {
        EntityType.PERSON: 4620,
        EntityType.ORGANIZATION: 3673,
        EntityType.VESSEL: 406,
        EntityType.AIRCRAFT: 277,
    }
    assert sdn.warnings == []


def test_sdn_2021_every_alias_row_becomes_a_name(sdn: ParsedList) -> None:
    # alt.csv holds 11,910 alias rows plus the 0x1A end-of-file line, which is not a record
    # (the shared README's 11,911 counts that line). Each row becomes one a.k.a./f.k.a. name.
    alias_kinds = {NameKind.AKA, NameKind.FKA}
    from_alt = sum(1 for e in sdn.entries for n in e.names if n.kind in alias_kinds)
    assert from_alt == 11910
    assert Counter(n.kind for e in sdn.entries for n in e.names)[NameKind.FKA] == 369


def test_sdn_2021_addresses(sdn: ParsedList, shared_data: Path) -> None:
    path = shared_data / "lists/ofac_sdn_2021/add.csv"
    rows = list(csv_rows(path, read_text(path), columns=6))
    # 13,837 address rows plus the 0x1A line (README: 13,838); rows whose every field is
    # "-0-" say nothing and are not kept as addresses.
    assert len(rows) == 13837
    empty = sum(1 for _, row in rows if all(cell.strip() == "-0-" for cell in row[2:5]))
    assert sum(len(e.addresses) for e in sdn.entries) == 13837 - empty


def test_sdn_person_keeps_remarks_facts(sdn: ParsedList) -> None:
    nasrallah = by_id(sdn, "2686")
    assert nasrallah.primary_name == "NASRALLAH, Hasan"
    assert nasrallah.names[0].family_name == "NASRALLAH"
    assert nasrallah.names[0].given_name == "Hasan"
    assert nasrallah.programs == ["SDGT", "SYRIA"]
    assert nasrallah.tags == ["SDN"]
    assert [d.date_from for d in nasrallah.birth_dates] == [
        date(1960, 8, 31),
        date(1953, 8, 31),
        date(1955, 8, 31),
        date(1958, 8, 31),
    ]
    assert nasrallah.birth_places == ["Al Basuriyah, Lebanon"]
    passport = nasrallah.identifiers[0]
    assert (passport.kind, passport.value, passport.country) == ("passport", "042833", "LB")
    assert nasrallah.gender == "male"
    assert nasrallah.titles == ["Secretary General of Hizballah"]
    assert nasrallah.extra["Linked To"] == "HIZBALLAH"  # as the enhanced XML names it
    assert nasrallah.source_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=2686"


def test_sdn_weak_aliases_come_from_remarks(sdn: ParsedList) -> None:
    bnc = by_id(sdn, "306")
    weak = [n.name for n in bnc.names if n.kind is NameKind.WEAK_AKA]
    assert weak == ["BNC"]
    assert sum(1 for e in sdn.entries for n in e.names if n.kind is NameKind.WEAK_AKA) > 2000


def test_sdn_vessel_and_aircraft_identifiers(sdn: ParsedList) -> None:
    kinds = Counter(i.kind for e in sdn.entries for i in e.identifiers)
    assert kinds["imo"] > 400
    assert kinds["mmsi"] > 40
    assert kinds["aircraft_msn"] > 200
    hermann = by_id(sdn, "4234")
    assert hermann.entity_type is EntityType.VESSEL
    assert hermann.countries == ["CU"]
    assert hermann.extra["Vessel type"] == "General Cargo"
    assert any(i.kind == "call_sign" and i.value == "CL2685" for i in hermann.identifiers)


def test_sdn_birth_date_kinds(sdn: ParsedList) -> None:
    precisions = Counter(d.precision for e in sdn.entries for d in e.birth_dates)
    assert precisions["day"] > 4000
    assert precisions["year"] > 900
    assert precisions["range"] > 100
    circa = [d for e in sdn.entries for d in e.birth_dates if d.text.startswith("circa")]
    assert circa and all(d.approximate for d in circa)


def test_sdn_long_remarks_continue_from_comments_file(sdn: ParsedList) -> None:
    entry = by_id(sdn, "30518")
    assert entry.remarks is not None
    assert entry.remarks.endswith("Linked To: INTERNET RESEARCH AGENCY LLC.")
    assert sum(1 for i in entry.identifiers if i.kind == "crypto_wallet") > 5


def test_consolidated_csv(shared_data: Path) -> None:
    parsed = read_ofac_csv(shared_data / "lists/ofac_cons_2025/cons_prim.csv")
    assert parsed.source == "ofac_cons"
    # The legacy CSV (Feb 2025) has 442 records; the enhanced XML beside it has 443.
    assert len(parsed.entries) == 442
    haniya = by_id(parsed, "9639")
    assert haniya.programs == ["NS-PLC"]
    assert haniya.birth_dates[0].precision == "year"


def test_consolidated_enhanced_xml_from_zip(shared_data: Path) -> None:
    parsed = read_ofac_xml(shared_data / "lists/ofac_cons_2025/CONS_ENHANCED.ZIP")
    assert parsed.source == "ofac_cons"
    assert len(parsed.entries) == 443
    assert parsed.publication_date == date(2025, 1, 10)
    evren = by_id(parsed, "26182")
    assert evren.entity_type is EntityType.PERSON
    assert evren.names[0].family_name == "KAYAKIRAN"
    assert evren.birth_dates[0].date_from == date(1980, 2, 8)
    assert evren.nationalities == ["TR"]
    assert (evren.identifiers[0].kind, evren.identifiers[0].value) == ("passport", "U00242309")
    assert "FSE List" in evren.tags
    kinds = Counter(n.kind for e in parsed.entries for n in e.names)
    assert kinds[NameKind.WEAK_AKA] > 0  # isLowQuality="true"
    assert kinds[NameKind.NATIVE] > 0  # Chinese and Cyrillic translations
    native = next(n for e in parsed.entries for n in e.names if n.script == "Hans")
    assert native.kind is NameKind.NATIVE


def test_truncated_enhanced_xml_is_a_clear_error(shared_data: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(shared_data / "lists/ofac_cons_2025/CONS_ENHANCED.ZIP") as archive:
        xml = archive.read(archive.namelist()[0])
    broken = tmp_path / "CONS_ENHANCED.XML"
    broken.write_bytes(xml[: len(xml) // 2])
    with pytest.raises(ListParseError) as caught:
        read_ofac_xml(broken)
    assert caught.value.path == str(broken)
    assert caught.value.location is not None and caught.value.location.startswith("line ")
    assert "malformed XML" in caught.value.problem


def test_damaged_zip_is_a_clear_error(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists/ofac_cons_2025/CONS_ENHANCED.ZIP").read_bytes()
    broken = tmp_path / "CONS_ENHANCED.ZIP"
    broken.write_bytes(data[: len(data) - 200])
    with pytest.raises(ListParseError) as caught:
        read_ofac_xml(broken)
    assert caught.value.path == str(broken)
    assert "not a readable zip file" in caught.value.problem


def test_row_with_a_missing_column_names_its_line(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sdn"
    shutil.copytree(shared_data / "lists/ofac_sdn_2021", folder)
    lines = (folder / "sdn.csv").read_bytes().split(b"\r\n")
    lines[4] = lines[4].rsplit(b",", 1)[0]  # drop the remarks column of the fifth record
    (folder / "sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ListParseError) as caught:
        read_ofac_csv(folder / "sdn.csv")
    assert caught.value.location == "line 5"
    assert caught.value.problem == "expected 12 columns, found 11"


def test_missing_side_file_is_a_warning_not_a_failure(shared_data: Path, tmp_path: Path) -> None:
    shutil.copy(shared_data / "lists/ofac_sdn_2021/sdn.csv", tmp_path / "sdn.csv")
    parsed = read_ofac_csv(tmp_path / "sdn.csv")
    assert len(parsed.entries) == 8976
    assert any("add.csv" in warning for warning in parsed.warnings)


def test_sdn_enhanced_xml_vessel_and_person() -> None:
    parsed = read_ofac_xml(Path(__file__).parent / "data/sdn_enhanced_sample.xml")
    assert parsed.source == "ofac_sdn"  # from the file's own filter, whatever its name
    assert parsed.publication_date == date(2025, 3, 4)
    vessel, person = parsed.entries
    assert vessel.entity_type is EntityType.VESSEL
    assert [(n.name, n.kind) for n in vessel.names] == [
        ("EXAMPLE TRADER", NameKind.PRIMARY),
        ("OLD TRADER", NameKind.FKA),
    ]
    assert sorted((i.kind, i.value) for i in vessel.identifiers) == [
        ("imo", "9187629"),
        ("mmsi", "422026300"),
    ]
    assert vessel.countries == ["IR"]
    assert vessel.extra == {
        "VESSEL TYPE": "Crude Oil Tanker",
        "Linked To": "EXAMPLE SHIPPING LINES",
    }
    assert vessel.listed_on == date(2019, 9, 4)
    assert [(n.name, n.kind, n.script) for n in person.names] == [
        ("EXAMPLEZADEH, Ali", NameKind.PRIMARY, "Latn"),
        ("علی مثال‌زاده", NameKind.NATIVE, "Arab"),
        ("HAJ ALI", NameKind.WEAK_AKA, "Latn"),
    ]
    (born,) = person.birth_dates
    assert (born.precision, born.date_from, born.date_to) == (
        "range",
        date(1955, 1, 1),
        date(1957, 12, 31),
    )
    assert person.nationalities == ["IR"]
    # The vessel is "Property in the interest of" the shipping line: a link both ways can read.
    (link,) = parsed.relations
    assert (link.kind, link.subject_id, link.object_id) == (RelationKind.LINK, "90001", "90002")
    assert link.label == "Property in the interest of"


def test_consolidated_enhanced_xml_keeps_ownership(shared_data: Path) -> None:
    (parsed,) = load_path(shared_data / "lists/ofac_cons_2025")
    ownership = [r for r in parsed.relations if r.kind is RelationKind.OWNERSHIP]
    assert len(ownership) == 278 + 4
    # Entity 17017 is "Owned or Controlled By" 17013: the owner is the relation's subject.
    owned = next(r for r in ownership if r.object_id == "17017")
    assert (owned.subject_id, owned.label) == ("17013", "Owned or Controlled By")


def test_windows_1252_file_is_read(tmp_path: Path) -> None:
    # Older OFAC and BIS files are Windows-1252, not UTF-8.
    row = '36,"CAFÉ EXAMPLE, S.A.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    (tmp_path / "sdn.csv").write_bytes(row.encode("cp1252") + b"\x1a")
    parsed = read_ofac_csv(tmp_path / "sdn.csv")
    assert parsed.entries[0].primary_name == "CAFÉ EXAMPLE, S.A."
    assert len(parsed.warnings) == 3  # add.csv, alt.csv and sdn_comments.csv are absent


def test_classic_sdn_xml() -> None:
    parsed = read_ofac_sdn_xml(Path(__file__).parent / "data/sdn_classic_sample.xml")
    assert parsed.source == "ofac_sdn"
    assert parsed.publication_date == date(2025, 3, 4)
    person, vessel = parsed.entries
    assert [(n.name, n.kind) for n in person.names] == [
        ("EXAMPLEALLAH, Hasan", NameKind.PRIMARY),
        ("EXAMPLEALLAH, Hasan Abd-al-Karim", NameKind.AKA),
        ("ABU HADI", NameKind.WEAK_AKA),  # category "weak"
    ]
    assert person.names[0].family_name == "EXAMPLEALLAH"
    assert [(i.kind, i.value, i.country) for i in person.identifiers] == [
        ("passport", "042833", "LB")
    ]
    assert person.gender == "male"
    assert person.extra == {
        "Additional Sanctions Information -": "Subject to Secondary Sanctions",
        "Linked To": "EXAMPLE GROUP",
    }
    assert [d.precision for d in person.birth_dates] == ["day", "year"]
    assert person.birth_dates[1].approximate
    assert person.nationalities == ["LB"]
    assert person.birth_places == ["Al Basuriyah, Lebanon"]
    assert person.programs == ["SDGT", "NPWMD"]
    assert vessel.entity_type is EntityType.VESSEL
    assert sorted((i.kind, i.value) for i in vessel.identifiers) == [
        ("call_sign", "9BAA"),
        ("imo", "9187629"),
        ("mmsi", "422026300"),
    ]
    assert vessel.countries == ["IR"]
    assert vessel.extra["Vessel type"] == "Crude Oil Tanker"


def test_classic_sdn_xml_zipped_and_detected(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "SDN_XML.ZIP", "w") as archive:
        archive.write(Path(__file__).parent / "data/sdn_classic_sample.xml", "SDN.XML")
    (parsed,) = load_path(tmp_path / "SDN_XML.ZIP")
    assert (parsed.format, len(parsed.entries)) == ("ofac_xml", 2)


def test_folder_with_several_ofac_formats_reads_the_richest(
    shared_data: Path, tmp_path: Path
) -> None:
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copy(shared_data / "lists/ofac_sdn_2021" / name, tmp_path / name)
    shutil.copy(Path(__file__).parent / "data/sdn_classic_sample.xml", tmp_path / "sdn.xml")
    assert [p.format for p in load_path(tmp_path)] == ["ofac_xml"]


def test_csv_cut_in_the_middle_of_a_record(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists/ofac_sdn_2021/sdn.csv").read_bytes()
    cut = data.index(b"\r\n", 100_000) + 40  # forty bytes into the record after 100 kB
    (tmp_path / "sdn.csv").write_bytes(data[:cut])
    with pytest.raises(ListParseError) as caught:
        read_ofac_csv(tmp_path / "sdn.csv")
    last_line = data[:cut].count(b"\r\n") + 1
    assert caught.value.location == f"line {last_line}"
    assert caught.value.problem.startswith("expected 12 columns, found ")
