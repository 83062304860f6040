"""UN Security Council consolidated list XML."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.un_xml import read_un_xml
from nonpro.screening.schemas import EntityType, NameKind, ParsedList


@pytest.fixture(scope="module")
def un(shared_data: Path) -> ParsedList:
    return read_un_xml(shared_data / "lists/un_2026-02/UN_consolidated.xml")


def test_counts_and_publication_date(un: ParsedList) -> None:
    assert Counter(entry.entity_type for entry in un.entries) == {
        EntityType.PERSON: 730,
        EntityType.ORGANIZATION: 273,
    }
    assert un.publication_date == date(2026, 2, 27)


def test_alias_qualities(un: ParsedList) -> None:
    kinds = Counter(name.kind for entry in un.entries for name in entry.names)
    assert kinds[NameKind.WEAK_AKA] == 615  # QUALITY "Low"
    assert kinds[NameKind.FKA] == 19
    assert kinds[NameKind.NATIVE] == 378  # NAME_ORIGINAL_SCRIPT
    scripts = Counter(n.script for e in un.entries for n in e.names if n.kind is NameKind.NATIVE)
    assert scripts["Arab"] > 300
    assert scripts["Cyrl"] > 0


def test_person_fields(un: ParsedList) -> None:
    badege = next(e for e in un.entries if e.source_id == "6907993")
    assert badege.primary_name == "ERIC BADEGE"
    assert badege.programs == ["DRC"]
    assert badege.listed_on == date(2012, 12, 31)
    assert badege.nationalities == ["CD"]
    assert badege.birth_dates[0].precision == "year"
    assert badege.addresses[0].country == "RW"
    assert badege.extra["Reference number"] == "CDi.001"


def test_birth_date_ranges_and_documents(un: ParsedList) -> None:
    ranges = [d for e in un.entries for d in e.birth_dates if d.precision == "range"]
    assert len(ranges) == 31
    assert ranges[0].date_from is not None and ranges[0].date_from.month == 1
    approximate = sum(1 for e in un.entries for d in e.birth_dates if d.approximate)
    assert approximate > 100
    kinds = Counter(i.kind for e in un.entries for i in e.identifiers)
    assert kinds["passport"] > 300
    assert kinds["national_id"] > 140


def test_truncated_file(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists/un_2026-02/UN_consolidated.xml").read_bytes()
    broken = tmp_path / "UN_consolidated.xml"
    broken.write_bytes(data[:100_000])
    with pytest.raises(ListParseError) as caught:
        read_un_xml(broken)
    assert caught.value.location is not None and caught.value.location.startswith("line ")
    assert "malformed XML" in caught.value.problem
