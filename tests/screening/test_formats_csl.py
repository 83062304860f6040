"""trade.gov's Consolidated Screening List, read from the real gzipped file."""

from __future__ import annotations

import gzip
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.csl import read_csl, sub_list_code
from nonpro.screening.schemas import EntityType, ParsedList


@pytest.fixture(scope="module")
def csl(shared_data: Path) -> ParsedList:
    return read_csl(shared_data / "lists/csl_2025-02/consolidated.csv.gz")


def test_counts_by_sub_list(csl: ParsedList) -> None:
    assert len(csl.entries) == 14160
    assert Counter(entry.tags[0] for entry in csl.entries) == {
        "SDN": 10026,
        "EL": 2001,
        "DTC": 727,
        "DPL": 462,
        "SSI": 290,
        "UVL": 201,
        "ISN": 163,
        "PLC": 78,
        "MEU": 71,
        "CMIC": 68,
        "CAP": 53,
        "MBS": 17,
        "FSE": 3,
    }


def test_ids_are_unique_though_entities_repeat_across_sub_lists(csl: ParsedList) -> None:
    # An OFAC entity on SDN, SSI and CAP is three rows with one _id; ids carry the sub-list.
    banco = [e for e in csl.entries if e.source_id.endswith("-18725")]
    assert sorted(e.source_id for e in banco) == ["CAP-18725", "SDN-18725", "SSI-18725"]
    assert all(e.extra["entity_number"] == "18725" for e in banco)
    assert len({e.source_id for e in csl.entries}) == 14160
    assert csl.warnings == ["line 1980: CAP-15268 appears again; kept as a repeat"]


def test_sub_list_codes() -> None:
    assert sub_list_code("Nonproliferation Sanctions (ISN) - State Department") == "ISN"
    assert sub_list_code("Military End User (MEU) List - Bureau of Industry and Security") == "MEU"
    menu = "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"
    assert sub_list_code(menu) == "MBS"


def test_person_record(csl: ParsedList) -> None:
    entry = next(e for e in csl.entries if e.source_id == "SDN-9935")
    assert entry.entity_type is EntityType.PERSON
    assert entry.names[0].family_name == "'ABD AL-RAZZIQ"
    assert len(entry.names) == 15  # the name and fourteen aliases
    assert entry.nationalities == ["CA", "SD"]
    assert entry.birth_dates[0].date_from == date(1962, 8, 6)
    assert entry.birth_places == ["Al-Bawgah, Sudan", "Albaouga, Sudan"]
    passport = entry.identifiers[0]
    assert (passport.kind, passport.value, passport.country) == ("passport", "BC166787", "CA")
    assert entry.programs == ["SDGT"]


def test_isn_record_keeps_its_tag_and_dates(csl: ParsedList) -> None:
    isn = [e for e in csl.entries if e.tags == ["ISN"]]
    center = next(e for e in isn if e.primary_name == "27th Scientific Center")
    assert center.entity_type is EntityType.UNKNOWN  # the CSL gives no type for ISN records
    assert center.listed_on == date(2021, 3, 2)
    assert center.extra["federal_register_notice"] == "Vol. 86, No. 71, 04/15/2021"


def test_vessel_imo_and_flag(csl: ParsedList) -> None:
    vessel = next(e for e in csl.entries if e.source_id == "SDN-25277")
    assert vessel.entity_type is EntityType.VESSEL
    assert [(i.kind, i.value) for i in vessel.identifiers] == [("imo", "8984484")]
    assert vessel.countries == ["IR"]
    assert vessel.programs == ["NPWMD", "IRAN", "IFSR"]


def test_gender_and_labelled_facts_are_not_identifiers(csl: ParsedList) -> None:
    entry = next(e for e in csl.entries if e.source_id == "SDN-24904")
    assert entry.gender == "male"
    assert entry.identifiers == []


def test_missing_column_is_a_clear_error(shared_data: Path, tmp_path: Path) -> None:
    text = gzip.decompress((shared_data / "lists/csl_2025-02/consolidated.csv.gz").read_bytes())
    lines = text.decode().splitlines()[:5]
    header = lines[0].split(",")
    lines[0] = ",".join(name for name in header if name != "ids")
    broken = tmp_path / "consolidated.csv"
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(ListParseError) as caught:
        read_csl(broken)
    assert caught.value.location == "line 1"
    assert "29 columns" in caught.value.problem
