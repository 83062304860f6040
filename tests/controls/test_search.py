"""Ranked Annex search."""

from __future__ import annotations

import pytest

from nonpro.controls import load_annex, search_annex

ANNEX = load_annex()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ring laser gyro", "9.A.4"),
        ("maraging steel", "6.C.8"),
        ("wind tunnel", "15.B.2"),
        ("thrust vector control", "2.A.1.e"),
        ("turboprop", "3.A.9"),
        ("hydrazine", "4.C.2.a"),
        ("GPS receiver anti-jam", "11.A.3"),
    ],
)
def test_best_hit(query: str, first: str) -> None:
    assert search_annex(query, annex=ANNEX)[0].item == first


def test_accelerometers_rank_the_accelerometer_entries() -> None:
    top = [h.item for h in search_annex("accelerometers", annex=ANNEX, limit=3)]
    assert {"9.A.3", "9.A.5"} <= set(top)


def test_item_number_ranks_its_subtree_first() -> None:
    hits = search_annex("2.A.1.c", annex=ANNEX)
    assert [h.item for h in hits[:2]] == ["2.A.1.c.1", "2.A.1.c.2"]
    assert search_annex("2.a.1.C", annex=ANNEX)[0].item.startswith("2.A.1.c")


def test_results_are_ranked_and_limited() -> None:
    hits = search_annex("rocket motor", annex=ANNEX, limit=5)
    assert len(hits) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_no_match_is_empty() -> None:
    assert search_annex("banana smoothie", annex=ANNEX) == []
    assert search_annex("", annex=ANNEX) == []
