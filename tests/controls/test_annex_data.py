"""The packaged Annex data: coverage, categories, verification marks, versions and diffs."""

from __future__ import annotations

import pytest

from nonpro.controls import UnknownAnnexItem, UnknownAnnexVersion, diff, load_annex, load_catalog
from nonpro.controls.annex import render_condition
from nonpro.core.errors import NotFound

# Entries the domain facts mark VX (verified from official or legislative excerpts).
DOMAIN_VERIFIED = {
    "1.A.1",
    "1.A.2",
    "2.A.1.c.1",
    "2.A.1.c.2",
    "2.A.1.d",
    "3.A.9",
    "4.C.2.c",
    "4.C.2.d",
    "4.C.2.e",
    "6.C.8",
    "9.A.3",
    "9.A.4",
    "9.A.6",
    "13.A.1",
    "19.A.1",
    "19.A.2",
    "19.A.3",
    "20.A.1.b.2",
}
# Entries raised to VX by the re-verification against implementing texts (issue 21 item 1):
# each names the text that confirmed it in its crosscheck.
REVERIFIED = {
    "1.B.1",
    "1.D.1",
    "2.A.1.a",
    "2.A.1.b",
    "2.A.1.e",
    "3.A.1.a",
    "3.A.1.b",
    "3.A.3",
    "3.A.4",
    "3.A.5",
    "3.A.6",
    "3.A.8",
    "3.A.10",
    "3.B.3",
    "3.C.1",
    "3.C.2",
    "4.B.1",
    "4.B.2",
    "4.B.3.a",
    "4.B.3.b",
    "4.B.3.c",
    "4.B.3.d",
    "4.C.2.f",
    "4.C.2.g",
    "4.C.7",
    "6.A.1",
    "6.B.1.a",
    "6.B.1.b",
    "6.B.1.d",
    "6.B.1.e",
    "6.B.2",
    "6.B.3",
    "6.B.4",
    "6.B.5",
    "6.C.1",
    "6.C.2",
    "6.C.3",
    "6.C.4",
    "6.C.5",
    "6.C.6",
    "6.C.7",
    "9.A.1",
    "9.A.2",
    "9.A.7",
    "9.A.8",
    "9.B.1",
    "9.B.2.a",
    "9.B.2.b",
    "9.B.2.c",
    "9.B.2.d",
    "9.B.2.e",
    "9.D.1",
    "9.D.2",
    "9.D.3",
    "9.D.4",
    "10.A.1",
    "10.A.2",
    "10.A.3",
    "11.A.1",
    "11.A.2",
    "11.A.5",
    "11.E.1",
    "12.A.1",
    "12.A.2",
    "12.A.3",
    "12.A.5.a",
    "12.A.5.b",
    "12.D.2",
    "15.B.1.a",
    "15.B.1.b",
    "15.B.1.c",
    "15.B.1.d",
    "15.B.3",
    "15.B.4",
    "15.B.5",
    "15.B.6",
    "16.A.1",
    "16.D.1",
    "17.A.1",
    "17.B.1",
    "17.C.1",
    "18.A.1",
    "18.A.3",
    "19.B.1",
    "20.A.1.a",
    "20.A.1.b.1",
    "20.B.1",
    "20.B.2",
    "20.D.1",
    "20.D.2",
}
VERIFIED = DOMAIN_VERIFIED | REVERIFIED


def test_every_item_of_the_annex_is_present() -> None:
    annex = load_annex()
    assert annex.version == "2024-03-14"
    assert len(annex) == 190
    assert {e.item for e in annex} == set(range(1, 21))
    assert [e.number for e in annex if e.reserved] == ["5", "7", "8"]


def test_categories_follow_the_guidelines() -> None:
    annex = load_annex()
    for entry in annex:
        if not entry.reserved:
            assert entry.category == ("I" if entry.item in (1, 2) else "II"), entry.number


def test_verified_marks_match_the_domain_facts() -> None:
    annex = load_annex()
    assert {e.number for e in annex if e.verified} == VERIFIED
    assert all(e.sources or e.confidence == "M" for e in annex)


def test_every_reverified_entry_names_the_text_that_confirmed_it() -> None:
    annex = load_annex()
    for number in REVERIFIED:
        check = annex.get(number).crosscheck
        assert check is not None and check.verdict in ("confirmed", "corrected"), number
        # a confirming text is among the entry's own sources (older cross-check keys may remain)
        assert set(check.sources) & set(annex.get(number).sources), number


def test_crosscheck_sources_are_in_the_sources_map() -> None:
    annex = load_annex()
    for entry in annex:
        if entry.crosscheck is not None:
            assert set(entry.crosscheck.sources) <= annex.sources.keys(), entry.number


def test_the_crosscheck_correction_of_9_b_2_c_is_in_the_data() -> None:
    rendered = render_condition(load_annex().get("9.B.2.c").test, load_annex())
    assert "single-axis rate ≥ 400 deg/s or single-axis rate ≤ 30 deg/s" in rendered
    assert load_annex().get("9.B.2.c").crosscheck.verdict == "corrected"  # type: ignore[union-attr]


def test_boundaries_follow_the_annex_not_the_eu_text() -> None:
    annex = load_annex()
    assert render_condition(annex.get("2.A.1.c.1").test, annex) == "total impulse ≥ 1.1e6 N·s"
    assert render_condition(annex.get("19.A.1").test, annex) == "range ≥ 300 km"


def test_show_returns_the_entry_and_its_children() -> None:
    annex = load_annex()
    assert [e.number for e in annex.lookup("2.A.1.c")] == ["2.A.1.c.1", "2.A.1.c.2"]
    assert [e.number for e in annex.lookup("3.A")][-1] == "3.A.10"
    with pytest.raises(UnknownAnnexItem) as err:
        annex.lookup("21.A.1")
    assert isinstance(err.value, NotFound)


def test_versions_and_diff() -> None:
    catalog = load_catalog()
    assert catalog.versions() == ["2024-03-14", "pre-2016"]
    assert catalog.get("pre-2016").info.reconstructed
    result = diff("pre-2016", "2024-03-14")
    assert [a.item for a in result.added] == ["15.B.6"]
    assert result.removed == []
    changed = {c.item: c for c in result.changed}
    assert set(changed) == {"3.A.1.a", "15.B.2"}
    test_change = next(f for f in changed["3.A.1.a"].changes if f.field == "test")
    assert "dry weight < 750 kg" in str(test_change.new) and "dry weight" not in str(
        test_change.old
    )
    with pytest.raises(UnknownAnnexVersion):
        diff("1999", "2024-03-14")


def test_diff_is_symmetric() -> None:
    forward, backward = diff("pre-2016", "2024-03-14"), diff("2024-03-14", "pre-2016")
    assert [a.item for a in forward.added] == [r.item for r in backward.removed]


def test_show_gives_printable_views() -> None:
    from nonpro.controls import show

    (view,) = show("2.A.1.c.1", annex=load_annex())
    assert view.test == "total impulse ≥ 1.1e6 N·s"
    assert view.verified and view.confidence_meaning.startswith("verified")
    assert {"CX", "EU07", "S3", "S4"} <= view.sources.keys()
    (unverified,) = show("9.A.5", annex=load_annex())
    assert not unverified.verified and unverified.confidence_meaning.startswith("unverified")


def test_tree_for_the_annex_browser() -> None:
    from nonpro.controls import tree

    nodes = tree(annex=load_annex())
    assert [n.item for n in nodes] == list(range(1, 21))
    first = nodes[0]
    assert (first.title, first.category) == ("Complete delivery systems", "I")
    assert [g.group for g in first.groups] == ["A", "B", "C", "D", "E"]
    assert [e.item for e in first.groups[0].entries] == ["1.A.1", "1.A.2"]
    assert nodes[4].title == "Reserved" and nodes[4].groups == []
    assert sum(len(g.entries) for n in nodes for g in n.groups) == 187
