"""BIS Denied Persons List, tab-separated."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.dpl import read_dpl
from nonpro.screening.schemas import EntityType


def test_real_file_count_and_fields(shared_data: Path) -> None:
    parsed = read_dpl(shared_data / "lists/bis_dpl_2023-11/dpl.txt")
    assert parsed.source == "bis_dpl"
    assert len(parsed.entries) == 665
    assert len({entry.source_id for entry in parsed.entries}) == 665
    first = parsed.entries[0]
    assert first.primary_name == "I. ASH"
    assert first.entity_type is EntityType.UNKNOWN
    assert first.tags == ["DPL"]
    assert first.listed_on == date(2003, 6, 19)
    assert first.addresses[0].city == "SEAGOVILLE"
    assert first.countries == ["US"]
    assert first.extra["Expiration_Date"] == "06/29/2056"


def test_ids_are_stable_across_reads(shared_data: Path) -> None:
    path = shared_data / "lists/bis_dpl_2023-11/dpl.txt"
    first = [entry.source_id for entry in read_dpl(path).entries]
    again = [entry.source_id for entry in read_dpl(path).entries]
    assert first == again


def test_row_with_missing_column(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / "lists/bis_dpl_2023-11/dpl.txt").read_text().splitlines()
    lines[3] = lines[3].rsplit("\t", 1)[0]
    broken = tmp_path / "dpl.txt"
    broken.write_text("\n".join(lines[:10]) + "\n")
    with pytest.raises(ListParseError) as caught:
        read_dpl(broken)
    assert caught.value.location == "line 4"
    assert caught.value.problem == "expected 12 columns, found 11"
    assert str(broken) in str(caught.value)
