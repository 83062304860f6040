"""The project's own reference data, and the cross-questions asked of it."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from nonpro.treaties.formats.compiled import EVENT_FILES, parse_compiled_events
from nonpro.treaties.questions import having_but_not, mtcr_not_hcoc, npt_csa_without_ap
from nonpro.treaties.reconcile import reconcile
from nonpro.treaties.reference import DATA_DIR, get_instrument, load_instruments
from nonpro.treaties.rules import eif_outstanding, parties
from nonpro.treaties.schemas import InstrumentKind, ParticipationEvent, TreatyImport

TODAY = date(2026, 11, 22)
CODES = {
    "NPT",
    "CTBT",
    "CWC",
    "BWC",
    "ATT",
    "CCW",
    "CCW_P1",
    "CCW_P2",
    "CCW_P3",
    "CCW_P4",
    "CCW_P5",
    "CCW_AP2",
    "APMBC",
    "CCM",
    "TPNW",
    "ENMOD",
    "TLATELOLCO",
    "RAROTONGA",
    "BANGKOK",
    "PELINDABA",
    "SEMIPALATINSK",
    "IAEA_CSA",
    "IAEA_AP",
    "IAEA_SQP",
    "IAEA_VOA",
    "MTCR",
    "HCOC",
    "NSG",
    "AG",
    "WA",
    "ZC",
}


def test_every_code_is_defined_with_source_and_as_of() -> None:
    instruments = load_instruments()
    assert set(instruments) >= CODES
    for instrument in instruments.values():
        assert instrument.source and instrument.as_of <= TODAY
    protocols = [i for i in instruments.values() if i.kind is InstrumentKind.PROTOCOL]
    assert {p.parent for p in protocols} == {
        "CCW",
        "TLATELOLCO",
        "RAROTONGA",
        "PELINDABA",
        "BANGKOK",
        "SEMIPALATINSK",
    }
    assert get_instrument("MTCR").kind is InstrumentKind.REGIME


def test_annex_2_list_agrees_with_the_rule() -> None:
    with (DATA_DIR / "ctbt_annex2.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    rule = get_instrument("CTBT").eif_rule
    assert rule is not None
    assert sorted(r["state"] for r in rows) == sorted(rule.required_states)
    assert all(r["source"] and r["as_of"] for r in rows)


def test_every_compiled_record_names_source_and_as_of() -> None:
    for name in EVENT_FILES:
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        assert rows and all(r["source"] and r["as_of"] and r["confidence"] for r in rows), name
        assert len(parse_compiled_events(DATA_DIR / name).events) == len(rows)


def test_compiled_counts_reconcile_but_for_the_documented_gaps(compiled: TreatyImport) -> None:
    found = {
        d.instrument: d for d in reconcile(events=compiled.events, stated=compiled.stated_counts)
    }
    assert set(found) == {"HCOC", "IAEA_AP", "IAEA_CSA"}
    assert "140th subscriber" in (found["HCOC"].explanation or "")
    # The IAEA's 182 leave out the DPRK, whose agreement is in force but not implemented.
    assert (found["IAEA_CSA"].stated, found["IAEA_CSA"].derived) == (182, 183)
    assert "DPRK" in (found["IAEA_CSA"].explanation or "")
    for code, count in {
        "MTCR": 35,
        "NSG": 48,
        "AG": 43,
        "WA": 42,
        "ZC": 38,
        "IAEA_CSA": 183,  # the IAEA's 182 and the DPRK
    }.items():
        assert len(parties(code, events=compiled.events, as_of=TODAY).states) == count, code


def test_regime_dates_never_claim_membership_too_early(compiled: TreatyImport) -> None:
    # India joined the MTCR on 27 June 2016 and the Australia Group on 19 January 2018.
    assert "IND" not in parties("MTCR", events=compiled.events, as_of=date(2016, 6, 26)).states
    assert "IND" in parties("MTCR", events=compiled.events, as_of=date(2016, 6, 27)).states
    assert "IND" in parties("AG", events=compiled.events, as_of=date(2018, 1, 19)).states
    assert len(parties("MTCR", events=compiled.events, as_of=date(1987, 4, 16)).states) == 7


def test_mtcr_partners_that_are_not_hcoc_subscribers(events: list[ParticipationEvent]) -> None:
    answer = mtcr_not_hcoc(events=events, as_of=TODAY)
    assert answer.states == ["BRA"]
    assert answer.having == ["MTCR"] and answer.lacking == ["HCOC"]


def test_npt_parties_with_csa_but_no_additional_protocol(events: list[ParticipationEvent]) -> None:
    answer = npt_csa_without_ap(events=events, as_of=TODAY)
    assert {"IRN", "EGY", "ARG", "BRA", "SYR", "VEN", "SAU"} <= set(answer.states)
    # AP in force, or outside the NPT: not listed.
    assert not {"JPN", "DEU", "IND", "ISR", "PAK", "USA"} & set(answer.states)
    # 37 CSA states without an AP, the 15 unresolved ones, all NPT parties, and the DPRK: an
    # NPT party as the depositaries list it, with a CSA in force (GOV/2003/14) and no AP.
    assert "PRK" in answer.states
    assert len(answer.states) == 53


def test_having_but_not_is_general(events: list[ParticipationEvent]) -> None:
    answer = having_but_not(having=["NSG"], lacking=["CTBT"], events=events, as_of=TODAY)
    assert answer.states == ["CHN", "RUS", "USA"]


def _domain_rows(shared_dir: Path, name: str) -> list[dict[str, str]]:
    with (shared_dir / "domain" / "treaty_status" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("mtcr_partners.csv", "MTCR"),
        ("hcoc_subscribing_states.csv", "HCOC"),
        ("nsg_participants.csv", "NSG"),
        ("australia_group_participants.csv", "AG"),
        ("wassenaar_participants.csv", "WA"),
        ("zangger_committee_members.csv", "ZC"),
    ],
)
def test_compiled_regimes_match_the_domain_facts(
    name: str, code: str, shared_dir: Path, compiled: TreatyImport
) -> None:
    counted = {
        r["iso3"]
        for r in _domain_rows(shared_dir, name)
        if r["iso3"]
        and r["status"] not in ("permanent observer",)
        and not r["status"].startswith(("UNCERTAIN", "subscribing (identity"))
    }
    assert set(parties(code, events=compiled.events, as_of=TODAY).states) == counted


def test_compiled_annex_2_matches_the_domain_facts(
    shared_dir: Path, events: list[ParticipationEvent]
) -> None:
    rule = get_instrument("CTBT").eif_rule
    assert rule is not None
    rows = _domain_rows(shared_dir, "ctbt_annex2_states.csv")
    assert set(rule.required_states) == {r["iso3"] for r in rows}
    still_needed = {r["iso3"] for r in rows if r["ratification_still_needed_for_EIF"] == "yes"}
    derived = eif_outstanding("CTBT", events=events, as_of=TODAY).required_outstanding
    assert sorted(still_needed) == derived


def test_npt_parties_match_the_domain_facts(shared_dir: Path, unoda: TreatyImport) -> None:
    rows = _domain_rows(shared_dir, "npt_status.csv")
    expected = {r["iso3"] for r in rows if r["status"].startswith("party")}
    found = parties("NPT", events=unoda.events, as_of=date(2026, 8, 22)).states
    assert set(found) == expected and len(found) == 191
