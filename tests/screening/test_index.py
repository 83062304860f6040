"""The candidate index: finds listed names despite typos, spacing, order and script."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from nonpro.screening.index import ScreeningIndex, readings_for
from nonpro.screening.normalize import name_readings
from nonpro.screening.schemas import EntityType, EntryName, Identifier, ListEntry, NameKind
from nonpro.screening.scoring import ReadingTable, compare_readings, score_rows

NAMES = [
    ("1", EntityType.PERSON, ["PUTIN, Vladimir Vladimirovich"]),
    ("2", EntityType.PERSON, ["ZARIF, Mohammad Javad"]),
    ("3", EntityType.ORGANIZATION, ["TACTICAL MISSILES CORPORATION JSC", "KTRV"]),
    ("4", EntityType.PERSON, ["XI, Jinping"]),
    ("5", EntityType.PERSON, ["KIM, Jong Un"]),
    ("6", EntityType.ORGANIZATION, ["Shahid Hemmat Industrial Group"]),
    ("7", EntityType.PERSON, ["VAHIDI, Ahmad"]),
    ("8", EntityType.VESSEL, ["OCEAN STAR"]),
]


def make_entry(source_id: str, kind: EntityType, names: list[str]) -> ListEntry:
    return ListEntry(
        source="test",
        source_id=source_id,
        entity_type=kind,
        names=[
            EntryName(name=name, kind=NameKind.PRIMARY if i == 0 else NameKind.AKA)
            for i, name in enumerate(names)
        ],
        identifiers=[Identifier(kind="imo", value="IMO 9123456")] if source_id == "8" else [],
    )


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build([make_entry(*row) for row in NAMES])


def first_entry(index: ScreeningIndex, query: str) -> str:
    found = index.candidates(readings_for(query, EntityType.UNKNOWN), 5)
    assert found, query
    return index.entries[index.names[found[0]].entry].source_id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Vladimir Putin", "1"),
        ("Vladmir Puttin", "1"),  # typos
        ("Vladimir Ptuin", "1"),  # a transposition
        ("Владимир Путин", "1"),  # another script
        ("Mohammad Javad Zarif", "2"),
        ("Muhammad Javad Zareef", "2"),
        ("Tactical Missiles Corp", "3"),
        ("K T R V", "3"),  # spacing
        ("Xi Jin Ping", "4"),
        ("김정은", "5"),
        ("ShahidHemmat Industrial Group", "6"),
    ],
)
def test_candidates_survive_typos_spacing_and_scripts(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert first_entry(index, query) == expected


def test_candidates_are_limited_and_ranked(index: ScreeningIndex) -> None:
    found = index.candidates(readings_for("Vladimir Putin", EntityType.UNKNOWN), 2)
    assert len(found) <= 2
    assert index.entries[index.names[found[0]].entry].source_id == "1"


def test_identifiers_are_looked_up_normalised(index: ScreeningIndex) -> None:
    (position,) = index.entries_with_identifier("imo9123456")
    assert index.entries[position].source_id == "8"


def test_the_index_pickles_for_workers(index: ScreeningIndex) -> None:
    again = pickle.loads(pickle.dumps(index))  # noqa: S301 - our own object, round-tripped
    assert len(again) == len(index)
    assert first_entry(again, "Ahmad Vahidi") == "7"


def test_batch_scores_equal_the_reference_comparison() -> None:
    listed = [
        r
        for n in (
            "Vladimir Putin",
            "PUTIN, V.",
            "Acme Trading Ltd",
            "Juan Marvin Garcia",
            "Salman bin Muhammad al-Rawi",
            "Xi Jinping",
        )
        for r in name_readings(n)
    ]
    table = ReadingTable.build(listed)
    rows = np.arange(len(listed))
    for query in (
        "Vladimir Putin",
        "V Putin",
        "Acme Trading Limited",
        "Juan Garcia",
        "Muhammad bin Salman al-Rawi",
        "Xi Jin Ping",
        "محمد",
    ):
        (reading, *_) = name_readings(query)
        batch = score_rows(reading, table, rows)
        reference = [compare_readings(reading, other).score for other in listed]
        assert batch == pytest.approx(reference), query
