"""Party only once in force (issue 20, item 4): a ratifying state is not a party before the treaty
is in force for it; a late joiner becomes a party after the treaty's delay; no state is party to
the CTBT; one entry-into-force date per instrument, the depositary's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nonpro.treaties.questions import CROSS_QUESTIONS, having_but_not
from nonpro.treaties.reference import load_instruments
from nonpro.treaties.rules import eif_outstanding, parties, status_of
from nonpro.treaties.schemas import EventKind, ParticipationEvent, Status

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("state", "instrument", "deposit", "bound"),
    [
        ("GBR", "NPT", "1968-11-27", "1970-03-05"),  # before entry into force: bound from it
        ("SYR", "CWC", "2013-09-14", "2013-10-14"),  # art. XXI(2): the 30th day after
        ("AFG", "ATT", "2020-07-29", "2020-10-27"),  # art. 22(2): ninety days following
        ("TUV", "APMBC", "2011-09-13", "2012-03-01"),  # art. 17(2): 1st day of the 6th month
        ("PSE", "CCW", "2015-01-05", "2015-07-05"),  # art. 5(2): six months after
        ("SYC", "TPNW", "2021-07-09", "2021-10-07"),  # art. 15(2): 90 days after
    ],
)
def test_a_consent_makes_a_party_only_once_the_treaty_is_in_force_for_it(
    events: list[ParticipationEvent], state: str, instrument: str, deposit: str, bound: str
) -> None:
    bound_day = date.fromisoformat(bound)
    waiting = status_of(state, instrument, events=events, as_of=bound_day - timedelta(days=1))
    assert waiting.status is Status.CONSENTED, waiting.notes
    assert waiting.since_text == deposit
    assert any(bound in note for note in waiting.notes), waiting.notes
    party = status_of(state, instrument, events=events, as_of=bound_day)
    assert party.status is Status.PARTY
    assert (party.since, party.since_text) == (bound_day, bound)


def test_no_state_is_party_to_the_ctbt_ratifying_states_are_shown_as_such(
    events: list[ParticipationEvent],
) -> None:
    found = parties("CTBT", events=events, as_of=TODAY)
    assert found.states == [] and found.note is not None
    assert "has not entered into force" in found.note
    ratified = parties("CTBT", events=events, as_of=TODAY, status=Status.CONSENTED)
    assert "FRA" in ratified.states and "USA" not in ratified.states
    assert f"{len(ratified.states)} have ratified" in found.note
    france = status_of("FRA", "CTBT", events=events, as_of=TODAY)
    assert france.status is Status.CONSENTED and france.status.words.startswith("ratified")


def test_npt_not_ctbt_asks_who_has_not_ratified(events: list[ParticipationEvent]) -> None:
    question = CROSS_QUESTIONS["npt-not-ctbt"]
    assert "not ratified" in question.title
    answer = having_but_not(
        having=question.having, lacking=question.lacking, events=events, as_of=TODAY
    )
    assert "USA" in answer.states and "CHN" in answer.states  # signed, not ratified
    assert "FRA" not in answer.states and "GBR" not in answer.states  # ratified


def test_a_consent_whose_month_is_known_is_unknown_inside_the_delay() -> None:
    accession = ParticipationEvent(
        state="XXA",
        instrument="ATT",
        kind=EventKind.ACCESSION,
        date=date(2020, 7, 31),
        date_precision="month",
        source="test",
    )
    # Deposited some day in July 2020: bound some day from 29 September to 29 October.
    assert status_of("XXA", "ATT", events=[accession], as_of=date(2020, 9, 28)).status is (
        Status.CONSENTED
    )
    inside = status_of("XXA", "ATT", events=[accession], as_of=date(2020, 10, 15))
    assert inside.status is Status.UNKNOWN
    assert inside.possible == [Status.CONSENTED, Status.PARTY]
    assert status_of("XXA", "ATT", events=[accession], as_of=date(2020, 10, 29)).status is (
        Status.PARTY
    )


def test_every_instrument_has_one_entry_into_force_date_the_depositarys(
    events: list[ParticipationEvent],
) -> None:
    for code, instrument in load_instruments().items():
        found = eif_outstanding(instrument, events=events, as_of=TODAY)
        if instrument.entry_into_force is None:
            continue
        assert found.entry_into_force == instrument.entry_into_force, code
        if code == "CCW_AP2":
            # The depositary: 3 December 1998; the consents recorded give six months after the
            # 20th of 20 April 1998. The depositary's date is shown, and the difference said.
            assert found.note is not None and "1998-10-20" in found.note
        else:
            assert found.note is None, (code, found.note)
    assert load_instruments()["BANGKOK"].entry_into_force == date(1997, 3, 27)


def test_the_us_notice_not_to_become_party_to_the_att_is_shown(
    events: list[ParticipationEvent],
) -> None:
    # UNTC's note: "In a communication received on 18 July 2019, the Government of the United
    # States ... does not intend to become a party". It stays a signatory on the depositary's list.
    unsigned = [e for e in events if e.kind is EventKind.INTENT_NOT_TO_BECOME_PARTY]
    assert [(e.state, e.instrument, e.date) for e in unsigned] == [
        ("USA", "ATT", date(2019, 7, 18))
    ]
    now = status_of("USA", "ATT", events=events, as_of=TODAY)
    assert now.status is Status.SIGNATORY
    assert any("does not intend to become a party" in n for n in now.notes)
    before = status_of("USA", "ATT", events=events, as_of=date(2019, 7, 17))
    assert not any("does not intend" in n for n in before.notes)


def test_a_late_joiner_rule_says_whether_its_article_was_checked_against_the_text(
    events: list[ParticipationEvent],
) -> None:
    checked = status_of("SYR", "CWC", events=events, as_of=date(2013, 10, 1))
    assert any("art. XXI(2)" in note for note in checked.notes), checked.notes
    assert not any("recalled" in note for note in checked.notes)
    recalled = status_of("SYC", "TPNW", events=events, as_of=date(2021, 10, 1))
    assert any("recalled, not checked" in note for note in recalled.notes), recalled.notes
    sources = {
        code: found.eif_rule.joiner_source
        for code, found in load_instruments().items()
        if found.eif_rule is not None and found.eif_rule.joiner_text is not None
    }
    assert sources["CTBT"] is not None and sources["TPNW"] is None
