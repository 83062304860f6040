"""Batch name scores: the compiled scorer equals the reference, the bound never undercuts a
score, and the shortcuts change no score."""

from __future__ import annotations

import random

import numpy as np
import pytest

from nonpro.screening.index import ScreeningIndex, readings_for
from nonpro.screening.name_batch import (
    _joined_powers,
    _pair_sims,
    _upper_bounds,
    score_rows,
    score_rows_reaching,
)
from nonpro.screening.normalize import Reading, name_readings
from nonpro.screening.reading_table import ReadingTable, token_matrix
from nonpro.screening.schemas import EntityType, EntryName, ListEntry, NameKind
from nonpro.screening.similarity import compare_readings

LISTED = [
    "PUTIN, Vladimir Vladimirovich",
    "PUTIN, V.",
    "Vladimir Pudin",
    "Acme Trading Ltd",
    "ACME TRADING LIMITED",
    "Juan Marvin Garcia",
    "Salman bin Muhammad al-Rawi",
    "Muhammad bin Salman",
    "Xi Jinping",
    "KIM, Jong Un",
    "Trust 2004-1",
    "Trust 2004-2",
    "Abu Bakr al-Baghdadi al-Husayni al-Qurashi ibn Awwad ibn Ibrahim ibn Ali ibn Muhammad",
    "Ocean Star Shipping Company Limited Liability Partnership of the Islamic Republic",
    "J. R. R. Tolkien",
    "Mohammad Javad Zarif",
]
QUERIES = [
    "Vladimir Putin",
    "V Putin",
    "Putin Vladimir",
    "Acme Trading Limited",
    "Juan Garcia",
    "Muhammad bin Salman al-Rawi",
    "Xi Jin Ping",
    "Kim Jong-un",
    "Trust 2004 1",
    "Abu Bakr al Baghdadi ibn Awwad",
    "Ocean Star Shipping Co Ltd",
    "John Ronald Tolkien",
    "Muhammad Jawad Zareef",
    "Mary Smith",
    "X",
]


def _typo(name: str, rng: random.Random) -> str:
    """The name with a letter dropped, doubled or swapped, or its words shuffled."""
    way = rng.randrange(4)
    if way == 3:
        words = name.split()
        rng.shuffle(words)
        return " ".join(words)
    at = rng.randrange(max(len(name) - 1, 1))
    if way == 0:
        return name[:at] + name[at + 1 :]
    if way == 1:
        return name[:at] + name[at] + name[at:]
    return name[:at] + name[at + 1 : at + 2] + name[at : at + 1] + name[at + 2 :]


def _readings(names: list[str]) -> list[Reading]:
    return [r for n in names for person in (True, False) for r in name_readings(n, person=person)]


@pytest.fixture(scope="module")
def table() -> ReadingTable:
    rng = random.Random(3)
    names = LISTED + [_typo(name, rng) for name in LISTED for _ in range(3)]
    return ReadingTable.build(list(dict.fromkeys(_readings(names))))


def _queries() -> list[Reading]:
    rng = random.Random(5)
    names = QUERIES + [_typo(name, rng) for name in QUERIES + LISTED for _ in range(2)]
    return [r for r in _readings(names) if not r.abjad]


def _abjad_queries() -> list[Reading]:
    names = ["محمد جواد ظریف", "ولادیمیر پوتین", "سلمان بن محمد", "شی جین پینگ", "אקמה טריידינג"]
    return [r for name in names for r in name_readings(name, person=True) if r.abjad]


def test_the_padding_token_scores_nothing(table: ReadingTable) -> None:
    (query,) = name_readings("Vladimir Putin", person=True)
    matrix = token_matrix(query, table, np.array([-1, -1], dtype=np.int32))
    assert not matrix.any()


def test_batch_scores_equal_the_reference_comparison(table: ReadingTable) -> None:
    rows = np.arange(len(table.readings))
    for query in _queries():
        reference = [compare_readings(query, other).score for other in table.readings]
        # The compiled scorer takes the reference's steps in the reference's order.
        assert score_rows(query, table, rows).tolist() == reference, query.text


def test_queries_with_letters_beyond_ascii_and_long_names_score_as_the_reference() -> None:
    # Beyond ASCII and beyond 64 letters, the edit similarity takes its slower paths.
    listed = [
        Reading.of(("muller", "straße"), False, frozenset()),
        Reading.of(("o" * 70, "x"), False, frozenset()),
        Reading.of(("abcdefghij" * 7,), False, frozenset()),
        Reading.of(("ßtraße", "y"), False, frozenset()),
    ]
    table = ReadingTable.build(listed)
    rows = np.arange(len(listed))
    for tokens in [("müller", "strasse"), ("o" * 66, "x"), ("abcdefghij" * 7 + "k",), ("ßtrasse",)]:
        query = Reading.of(tokens, False, frozenset())
        reference = [compare_readings(query, other).score for other in listed]
        assert score_rows(query, table, rows).tolist() == reference, tokens


def test_the_bound_is_never_below_the_score(table: ReadingTable) -> None:
    rows = np.arange(len(table.readings))
    for query in _abjad_queries():
        sims, width = _pair_sims(query, table, rows)
        joined = _joined_powers(query, table, rows)
        bounds = _upper_bounds(query, table, rows, sims, width, joined)
        scores = score_rows(query, table, rows)
        assert (bounds >= scores - 1e-12).all(), query.text


@pytest.mark.parametrize("floor", [0.0, 0.3, 0.425, 0.6, 0.9])
def test_scores_reaching_a_floor_are_the_scores(table: ReadingTable, floor: float) -> None:
    rng = np.random.default_rng(7)
    for query in [*_queries(), *_abjad_queries()]:
        # Any subset of rows, in any order, with repeats: a row's score must not depend on it.
        rows = rng.choice(len(table.readings), size=12)
        exact = score_rows(query, table, rows)
        reaching = score_rows_reaching(query, table, rows, floor)
        kept = reaching >= 0
        assert (reaching[kept] == exact[kept]).all(), query.text
        assert (exact[~kept] < floor).all(), query.text


def test_abjad_queries_are_scored_by_the_reference_comparison(table: ReadingTable) -> None:
    rows = np.arange(len(table.readings))
    (query, *_) = name_readings("محمد جواد ظریف", person=True)
    assert query.abjad
    reaching = score_rows_reaching(query, table, rows, 0.3)
    kept = reaching >= 0
    assert kept.any()
    reference = np.array([compare_readings(query, other).score for other in table.readings])
    assert (reaching[kept] == reference[kept]).all()
    assert (reference[~kept] < 0.3).all()


def test_repeated_names_share_a_group_and_are_all_found() -> None:
    entries = [
        ListEntry(
            source=source,
            source_id=f"{source}-1",
            entity_type=EntityType.PERSON,
            names=[EntryName(name="PUTIN, Vladimir", kind=NameKind.PRIMARY)],
        )
        for source in ("ofac_sdn", "csl", "un")
    ]
    index = ScreeningIndex.build(entries)
    assert len(index.table.readings) == len(readings_for("PUTIN, Vladimir", EntityType.PERSON))
    found = index.candidates(readings_for("Vladimir Putin", EntityType.PERSON), 10)
    assert sorted(found) == [0, 1, 2]
