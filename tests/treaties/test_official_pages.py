"""The real UNTC and UNODA status pages: counts reconcile, statuses come out right."""

from __future__ import annotations

from datetime import date

import pytest

from nonpro.treaties.reconcile import reconcile
from nonpro.treaties.reference import get_instrument, load_instruments
from nonpro.treaties.rules import (
    changes,
    country_status,
    eif_outstanding,
    parties,
    signatories,
    status_of,
)
from nonpro.treaties.schemas import EventKind, ParticipationEvent, Status, TreatyImport

TODAY = date(2026, 11, 22)
UNTC_COUNTS = {  # as the pages state them on 2026-02-03: (signatories, parties)
    "ATT": (130, 117),
    "CCM": (107, 112),
    "CCW": (50, 128),
    "CCW_ART1": (None, 90),
    "CCW_AP2": (None, 107),
    "CCW_P4": (None, 111),
    "CCW_P5": (None, 99),
    "CTBT": (187, 178),
    "CWC": (165, 193),
    "ENMOD": (48, 78),
    "APMBC": (132, 162),
    "TPNW": (95, 74),
}
UNODA_PARTIES = {  # as index.html states them on 2026-08-22
    "NPT": 191,
    "CTBT": 179,
    "TPNW": 75,
    "BWC": 189,
    "PELINDABA": 43,
    "TLATELOLCO": 33,
    "RAROTONGA": 14,
    "BANGKOK": 10,
    "SEMIPALATINSK": 5,
}


def test_every_untc_page_reconciles(untc: TreatyImport) -> None:
    stated = {(c.instrument, c.measure): c.value for c in untc.stated_counts}
    for code, (signed, party) in UNTC_COUNTS.items():
        assert stated[(code, Status.PARTY)] == party
        assert stated.get((code, Status.SIGNATORY)) == signed
    assert reconcile(events=untc.events, stated=untc.stated_counts) == []
    assert untc.warnings == []


def test_every_unoda_count_reconciles(unoda: TreatyImport) -> None:
    assert {c.instrument: c.value for c in unoda.stated_counts} == UNODA_PARTIES
    # The page's cells list the states too, and the lists are compared, not only the counts.
    assert all(c.states is not None and len(c.states) == c.value for c in unoda.stated_counts)
    assert reconcile(events=unoda.events, stated=unoda.stated_counts) == []


def test_all_sources_together_still_reconcile_each_as_of_its_own_date(
    everything: TreatyImport,
) -> None:
    found = reconcile(events=everything.events, stated=everything.stated_counts)
    # Only the gaps the compiled data documents remain, each with its reason (the IAEA's 182
    # CSAs leave out the DPRK's, in force but not implemented).
    assert {(d.instrument, d.stated, d.derived) for d in found} == {
        ("HCOC", 145, 144),
        ("IAEA_AP", 137, 130),
        ("IAEA_CSA", 182, 183),
    }
    assert all(d.explanation for d in found)


def test_russia_ctbt_ratified_in_2023_not_in_2024(events: list[ParticipationEvent]) -> None:
    before = status_of("RUS", "CTBT", events=events, as_of=date(2023, 1, 1))
    after = status_of("RUS", "CTBT", events=events, as_of=date(2024, 1, 1))
    assert before.status is Status.CONSENTED  # ratified; the CTBT is not in force
    assert "CTBT has not entered into force" in before.notes[-1]
    assert after.status is Status.SIGNATORY
    revoked = [e for e in after.events if e.kind is EventKind.WITHDRAWAL_OF_RATIFICATION]
    assert [e.date for e in revoked] == [date(2023, 11, 3)]


def test_the_nine_annex_2_states_still_needed_today(events: list[ParticipationEvent]) -> None:
    found = eif_outstanding(get_instrument("CTBT"), events=events, as_of=TODAY)
    assert found.required_outstanding == [
        "CHN",
        "EGY",
        "IND",
        "IRN",
        "ISR",
        "PAK",
        "PRK",
        "RUS",
        "USA",
    ]
    assert found.required_not_signed == ["IND", "PAK", "PRK"]
    assert not found.in_force and found.entry_into_force is None
    # Before Russia revoked its ratification, eight were needed.
    assert (
        len(
            eif_outstanding(
                get_instrument("CTBT"), events=events, as_of=date(2023, 1, 1)
            ).required_outstanding
        )
        == 8
    )


@pytest.mark.parametrize(
    "code",
    [
        "NPT",
        "BWC",
        "CWC",
        "ATT",
        "TPNW",
        "APMBC",
        "CCM",
        "CCW",
        "CCW_P1",
        "CCW_P2",
        "CCW_P3",
        "CCW_P4",
        "CCW_P5",
        "CCW_ART1",
        "ENMOD",
        "RAROTONGA",
        "PELINDABA",
        "SEMIPALATINSK",
    ],
)
def test_eif_rule_reproduces_the_recorded_entry_into_force(
    code: str, events: list[ParticipationEvent]
) -> None:
    instrument = get_instrument(code)
    found = eif_outstanding(instrument, events=events, as_of=TODAY)
    assert found.in_force
    assert found.entry_into_force == instrument.entry_into_force


@pytest.mark.parametrize(
    ("state", "code", "day", "expected"),
    [
        # Successor states: bound from the date of succession the depositary records.
        ("SVK", "NPT", "1993-01-01", Status.PARTY),
        ("SVK", "NPT", "1992-12-31", Status.NONE),
        ("SVK", "CCW", "1993-02-01", Status.PARTY),  # notified 28 May 1993, effective 1 Jan
        ("BIH", "CCW", "1993-01-01", Status.PARTY),  # effective 6 March 1992
        ("SCG", "NPT", "1995-01-01", Status.PARTY),  # "Serbia inherited ... on 1992-04-27"
        ("SRB", "NPT", "2007-01-01", Status.PARTY),
        # The CTBT is not in force: a ratifier or successor is a consenting state, not a party.
        ("MNE", "CTBT", "2006-12-31", Status.CONSENTED),
        # Predecessors: party while they existed, nothing after.
        ("CSK", "CCW", "1990-01-01", Status.PARTY),
        ("CSK", "CCW", "1993-06-01", Status.NONE),
        ("CSK", "ENMOD", "1980-01-01", Status.PARTY),
        ("DDR", "CCW", "1985-01-01", Status.PARTY),
        ("DDR", "CCW", "1991-01-01", Status.NONE),
        ("YUG", "CCW", "1990-01-01", Status.PARTY),
        # The USSR, recorded under the Russian Federation, its continuator.
        ("SUN", "NPT", "1980-01-01", Status.PARTY),
        ("SUN", "NPT", "1992-06-01", Status.NONE),
        ("RUS", "NPT", "1992-06-01", Status.PARTY),
        ("RUS", "NPT", "1980-01-01", Status.NONE),  # the USSR was the party then
        ("SCG", "CWC", "2001-01-01", Status.PARTY),  # recorded under Serbia, its continuator
        ("SRB", "CWC", "2001-01-01", Status.NONE),
        ("SRB", "CWC", "2006-06-03", Status.PARTY),
        ("SUN", "ENMOD", "1980-01-01", Status.PARTY),
        # Withdrawals from the APMBC in 2025-26, notice and effective dates from the notes.
        ("FIN", "APMBC", "2026-01-09", Status.PARTY),
        ("FIN", "APMBC", "2026-01-10", Status.WITHDRAWN),
        ("POL", "APMBC", "2026-02-03", Status.PARTY),
        ("POL", "APMBC", "2026-02-20", Status.WITHDRAWN),
        ("LTU", "CCM", "2025-03-06", Status.WITHDRAWN),
        # The DPRK's 2003 NPT withdrawal is contested: shown, not applied.
        ("PRK", "NPT", "2026-11-22", Status.PARTY),
    ],
)
def test_status_as_of_historic_dates(
    state: str, code: str, day: str, expected: Status, events: list[ParticipationEvent]
) -> None:
    assert status_of(state, code, events=events, as_of=date.fromisoformat(day)).status is expected


def test_historic_counts_count_the_ussr_once(events: list[ParticipationEvent]) -> None:
    npt_1980 = parties("NPT", events=events, as_of=date(1980, 1, 1)).states
    assert "SUN" in npt_1980 and "RUS" not in npt_1980
    npt_1993 = parties("NPT", events=events, as_of=date(1993, 1, 1)).states
    assert "RUS" in npt_1993 and "SUN" not in npt_1993


def test_dprk_withdrawal_note_is_shown(events: list[ParticipationEvent]) -> None:
    found = status_of("PRK", "NPT", events=events, as_of=TODAY)
    assert any("disputed withdrawal of 2003-01-10" in n for n in found.notes)


def test_tonga_joins_the_ctbt_in_2026(events: list[ParticipationEvent]) -> None:
    ratified = Status.CONSENTED  # no state is party to the CTBT before it enters into force
    assert (
        "TON" not in parties("CTBT", events=events, as_of=date(2026, 7, 6), status=ratified).states
    )
    assert "TON" in parties("CTBT", events=events, as_of=date(2026, 7, 7), status=ratified).states
    assert parties("CTBT", events=events, as_of=TODAY).states == []
    assert len(signatories("CTBT", events=events, as_of=TODAY)) == 188


def test_country_status_lists_every_instrument(events: list[ParticipationEvent]) -> None:
    found = country_status("RUS", events=events, as_of=TODAY)
    by_code = {s.instrument: s.status for s in found.instruments}
    assert by_code["CTBT"] is Status.SIGNATORY
    assert by_code["NPT"] is Status.PARTY and by_code["MTCR"] is Status.PARTY
    assert by_code["HCOC"] is Status.PARTY and by_code["TPNW"] is Status.NONE
    assert by_code["PELINDABA_P1"] is Status.PARTY and by_code["RAROTONGA_P2"] is Status.PARTY
    assert set(by_code) == set(load_instruments())


def test_changes_in_the_ctbt_during_2023_and_2024(events: list[ParticipationEvent]) -> None:
    found = changes("CTBT", events=events, start=date(2023, 1, 1), end=date(2024, 12, 31))
    assert [(c.state, c.date, c.before, c.after) for c in found.changes] == [
        ("SLB", date(2023, 1, 20), Status.SIGNATORY, Status.CONSENTED),
        ("LKA", date(2023, 7, 25), Status.SIGNATORY, Status.CONSENTED),
        ("SOM", date(2023, 9, 8), Status.NONE, Status.SIGNATORY),
        ("RUS", date(2023, 11, 3), Status.CONSENTED, Status.SIGNATORY),
        ("PNG", date(2024, 3, 13), Status.SIGNATORY, Status.CONSENTED),
    ]


def test_eif_for_instruments_without_a_count_rule(events: list[ParticipationEvent]) -> None:
    found = eif_outstanding("TLATELOLCO", events=events, as_of=TODAY)
    assert found.in_force and found.entry_into_force == date(1968, 4, 22)
    assert found.consents == 33 and found.required_outstanding == []
    assert eif_outstanding("MTCR", events=events, as_of=TODAY).consents == 35
