"""Dates with their certainty: a day, a month or a year (an interval), or only a bound ("in force
by the date of a list"). A question as of a day answers yes, no or unknown; a bound is never
shown as a day, and a year is neither its 1 January nor its 31 December."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import pytest

from nonpro.core.errors import InvalidInput
from nonpro.treaties.formats.compiled import (
    load_question_counts,
    parse_question_counts,
    parse_stated_counts,
)
from nonpro.treaties.questions import CROSS_QUESTIONS, ask, having_but_not
from nonpro.treaties.reconcile import reconcile_questions
from nonpro.treaties.rules import parties, status_of
from nonpro.treaties.schemas import (
    EventKind,
    ParticipationEvent,
    QuestionCount,
    Status,
    TreatyImport,
)

Precision = Literal["day", "month", "year", "known_by"]


def _joined(
    state: str, day: str, precision: Precision, instrument: str = "NSG"
) -> ParticipationEvent:
    return ParticipationEvent(
        state=state,
        instrument=instrument,
        kind=EventKind.ADMISSION,
        date=date.fromisoformat(day),
        date_precision=precision,
        source="test",
    )


@pytest.mark.parametrize(
    ("precision", "stored", "asked", "expected"),
    [
        ("day", "2011-06-30", "2011-06-29", Status.NONE),
        ("day", "2011-06-30", "2011-06-30", Status.PARTY),
        # a month: unknown inside it, known either side
        ("month", "2011-06-30", "2011-05-31", Status.NONE),
        ("month", "2011-06-30", "2011-06-01", Status.UNKNOWN),
        ("month", "2011-06-30", "2011-06-29", Status.UNKNOWN),
        ("month", "2011-06-30", "2011-06-30", Status.PARTY),
        # a year: not counted from 1 January, nor only from 31 December
        ("year", "1997-12-31", "1996-12-31", Status.NONE),
        ("year", "1997-12-31", "1997-01-01", Status.UNKNOWN),
        ("year", "1997-12-31", "1997-12-30", Status.UNKNOWN),
        ("year", "1997-12-31", "1998-01-01", Status.PARTY),
        # a bound: known from it on, never "no" before it
        ("known_by", "2024-12-31", "1980-01-01", Status.UNKNOWN),
        ("known_by", "2024-12-31", "2024-12-30", Status.UNKNOWN),
        ("known_by", "2024-12-31", "2024-12-31", Status.PARTY),
    ],
)
def test_a_status_is_known_only_where_the_date_allows(
    precision: Precision, stored: str, asked: str, expected: Status
) -> None:
    event = _joined("ARG", stored, precision)
    found = status_of("ARG", "NSG", events=[event], as_of=date.fromisoformat(asked))
    assert found.status is expected
    if expected is Status.UNKNOWN:
        assert found.possible == [Status.NONE, Status.PARTY]
        assert found.since is None and found.since_text is None
        assert any("not known whether it took effect" in note for note in found.notes)
        assert found.events == [event]  # the event the answer hangs on is shown
    else:
        assert found.possible == []


def test_since_is_a_day_only_when_the_source_gives_the_day() -> None:
    exact = status_of(
        "IND", "MTCR", events=[_joined("IND", "2016-06-27", "day", "MTCR")], as_of=date(2020, 1, 1)
    )
    assert (exact.since, exact.since_text) == (date(2016, 6, 27), "2016-06-27")
    yearly = status_of(
        "TUR", "MTCR", events=[_joined("TUR", "1997-12-31", "year", "MTCR")], as_of=date(2020, 1, 1)
    )
    assert (yearly.since, yearly.since_text) == (None, "in 1997")
    bound = status_of(
        "ARG", "NSG", events=[_joined("ARG", "2026-01-22", "known_by")], as_of=date(2026, 2, 1)
    )
    assert bound.status is Status.PARTY and bound.since is None
    assert bound.since_text == "by 2026-01-22 (exact date not compiled)"


def test_a_later_exact_event_settles_what_an_earlier_uncertain_one_left_open() -> None:
    # Admitted "in 1997" and withdrawn on a known day in 2005: in 2010 the answer is known.
    events = [
        _joined("XXA", "1997-12-31", "year", "MTCR"),
        ParticipationEvent(
            state="XXA",
            instrument="MTCR",
            kind=EventKind.WITHDRAWAL,
            date=date(2005, 3, 1),
            source="test",
        ),
    ]
    later = status_of("XXA", "MTCR", events=events, as_of=date(2010, 1, 1))
    assert later.status is Status.WITHDRAWN and later.since == date(2005, 3, 1)
    assert status_of("XXA", "MTCR", events=events, as_of=date(1997, 6, 1)).status is Status.UNKNOWN


def test_parties_count_the_known_and_name_the_unknown_apart() -> None:
    events = [
        _joined("ARG", "1994-04-01", "day"),
        _joined("AUS", "2026-01-22", "known_by"),
        _joined("AUT", "1990-12-31", "year"),
    ]
    found = parties("NSG", events=events, as_of=date(2020, 1, 1))
    assert (found.states, found.unknown) == (["ARG", "AUT"], ["AUS"])
    early = parties("NSG", events=events, as_of=date(1990, 6, 1))
    assert (early.states, early.unknown) == ([], ["AUS", "AUT"])


def test_the_compiled_data_says_unknown_for_the_past_where_it_has_only_a_list_date(
    compiled: TreatyImport,
) -> None:
    # The examples: every one was "0 states" or "not a party" before. The NSG's own
    # participants table now dates every participant (a year, a month or a day); a bound or a
    # year still answers "unknown" inside it, never "no".
    nsg = parties("NSG", events=compiled.events, as_of=date(2020, 1, 1))
    assert (len(nsg.states), len(nsg.unknown)) == (48, 0)
    in_1990 = parties("NSG", events=compiled.events, as_of=date(1990, 1, 1))
    assert (len(in_1990.states), in_1990.unknown) == (24, ["ROU"])  # Romania: "(1990)"
    in_2000 = parties("NSG", events=compiled.events, as_of=date(2000, 1, 1))
    assert (len(in_2000.states), in_2000.unknown) == (35, ["BLR", "CYP", "SVN", "TUR"])
    # A row still dated only by its list: Belarus in the Zangger Committee (Factbook 2026).
    belarus = status_of("BLR", "ZC", events=compiled.events, as_of=date(2020, 1, 1))
    assert belarus.status is Status.UNKNOWN
    assert belarus.possible == [Status.NONE, Status.PARTY]
    csa = parties("IAEA_CSA", events=compiled.events, as_of=date(2020, 1, 1))
    # 113 dated before issue 20's research, 17 dated since (10 by day and Belize by year from the
    # Ban Monitor's profiles, 6 more by day before) and the DPRK's agreement (in force,
    # GOV/2003/14); unknown: 47 still dated by the end-2024 list, and Benin (by 2020-01-31).
    # Vanuatu's agreement dates from 2013, so it counts as in force on 2020-01-01.
    assert (len(csa.states), len(csa.unknown)) == (131, 48)
    assert "IRN" in csa.states and "IRN" not in csa.unknown  # Iran's date is known
    iran = status_of("IRN", "IAEA_CSA", events=compiled.events, as_of=date(2017, 1, 1))
    assert iran.status is Status.PARTY and iran.since == date(1974, 5, 15)
    usa = status_of("USA", "IAEA_AP", events=compiled.events, as_of=date(2010, 1, 1))
    assert usa.status is Status.PARTY and usa.since == date(2009, 1, 6)
    india = status_of("IND", "IAEA_AP", events=compiled.events, as_of=date(2014, 7, 25))
    assert india.status is Status.PARTY and india.since == date(2014, 7, 25)
    assert status_of("IND", "IAEA_AP", events=compiled.events, as_of=date(2014, 7, 24)).status is (
        Status.NONE
    )


def test_the_dprk_npt_withdrawal_shows_both_views_of_when_it_took_effect(
    compiled: TreatyImport,
) -> None:
    # Contested, so not applied: the depositaries still list the 1985 accession. Both views of
    # its effective date are shown with their text: the DPRK's own (the next day, counting the
    # suspended 1993 notice) and Article X's three months from the notice.
    # The accession comes from the UNODA page a user loads; the compiled data holds the withdrawal.
    accession = _joined("PRK", "1985-12-12", "day", "NPT").model_copy(
        update={"kind": EventKind.ACCESSION}
    )
    events = [*compiled.events, accession]
    found = status_of("PRK", "NPT", events=events, as_of=date(2010, 1, 1))
    assert found.status is Status.PARTY
    (note,) = [n for n in found.notes if n.startswith("disputed withdrawal of 2003-01-10")]
    assert "effective 2003-01-11" in note and "automatic and immediate effectuation" in note
    assert "no earlier than 2003-04-10" in note and "three months in advance" in note
    before = status_of("PRK", "NPT", events=events, as_of=date(2003, 1, 9))
    assert not any("disputed" in n for n in before.notes)


_BY_1975 = "by 1975-12-31 (exact date not compiled)"

# The dated questions of docs/treaties.md ("Yes, no or unknown"), each answered from the
# compiled reference data: (state, instrument, asked, answer, since_text when a party).
DATED_QUESTIONS = [
    # Nuclear Suppliers Group: the NSG's participants table (year of adherence)
    ("ARG", "NSG", "1993-12-31", Status.NONE, None),
    ("ARG", "NSG", "1994-06-01", Status.UNKNOWN, None),
    ("ARG", "NSG", "1995-01-01", Status.PARTY, "in 1994"),
    ("CHN", "NSG", "2004-04-30", Status.NONE, None),
    ("CHN", "NSG", "2004-05-15", Status.UNKNOWN, None),
    ("CHN", "NSG", "2004-06-01", Status.PARTY, "in 2004-05"),
    ("FRA", "NSG", "1975-06-01", Status.UNKNOWN, None),
    ("FRA", "NSG", "1976-01-01", Status.PARTY, _BY_1975),
    ("SUN", "NSG", "1980-01-01", Status.PARTY, _BY_1975),
    ("CZE", "NSG", "1993-03-04", Status.NONE, None),
    ("CZE", "NSG", "1993-03-05", Status.PARTY, "1993-03-05"),
    ("ISL", "NSG", "2008-12-31", Status.NONE, None),
    ("ISL", "NSG", "2010-01-01", Status.PARTY, "in 2009"),
    ("MEX", "NSG", "2012-06-22", Status.UNKNOWN, None),
    ("SRB", "NSG", "2012-12-31", Status.NONE, None),
    ("BEL", "NSG", "1977-01-01", Status.UNKNOWN, None),
    ("BEL", "NSG", "1979-01-01", Status.PARTY, "by 1978-12-31 (exact date not compiled)"),
    # Australia Group: its participants table, Australian statements
    ("MEX", "AG", "2013-08-11", Status.NONE, None),
    ("MEX", "AG", "2013-08-12", Status.PARTY, "2013-08-12"),
    ("EST", "AG", "2004-05-31", Status.NONE, None),
    ("EST", "AG", "2004-06-15", Status.UNKNOWN, None),
    ("EST", "AG", "2004-07-01", Status.PARTY, "in 2004-06"),
    ("UKR", "AG", "2005-01-01", Status.UNKNOWN, None),
    ("UKR", "AG", "2005-04-21", Status.PARTY, "by 2005-04-21 (exact date not compiled)"),
    ("HRV", "AG", "2006-12-31", Status.NONE, None),
    ("USA", "AG", "1986-01-01", Status.PARTY, "in 1985"),
    # Wassenaar Arrangement
    ("USA", "WA", "1996-01-01", Status.UNKNOWN, None),
    ("USA", "WA", "1996-07-12", Status.PARTY, "by 1996-07-12 (exact date not compiled)"),
    ("MEX", "WA", "2012-01-24", Status.NONE, None),
    ("MEX", "WA", "2012-01-25", Status.PARTY, "2012-01-25"),
    ("HRV", "WA", "2005-06-29", Status.UNKNOWN, None),
    ("HRV", "WA", "2005-07-01", Status.PARTY, "in 2005-06"),
    ("EST", "WA", "2005-12-14", Status.PARTY, "by 2005-12-14 (exact date not compiled)"),
    ("ZAF", "WA", "2010-01-01", Status.UNKNOWN, None),
    # Zangger Committee
    ("CHN", "ZC", "2000-01-01", Status.UNKNOWN, None),
    ("CHN", "ZC", "2007-02-08", Status.PARTY, "by 2007-02-08 (exact date not compiled)"),
    ("BLR", "ZC", "2020-01-01", Status.UNKNOWN, None),
    # Hague Code of Conduct
    ("NER", "HCOC", "2003-03-31", Status.PARTY, "by 2003-03-31 (exact date not compiled)"),
    ("USA", "HCOC", "2002-11-24", Status.NONE, None),
    ("USA", "HCOC", "2020-01-01", Status.PARTY, "2002-11-25"),
    ("RUS", "HCOC", "2002-11-25", Status.PARTY, "2002-11-25"),
    ("LBY", "HCOC", "2002-11-25", Status.PARTY, "2002-11-25"),
    ("KOR", "HCOC", "2002-12-01", Status.PARTY, "in 2002-11"),
    ("CAN", "HCOC", "2020-01-01", Status.UNKNOWN, None),
    ("QAT", "HCOC", "2024-03-10", Status.NONE, None),
    ("QAT", "HCOC", "2024-03-11", Status.PARTY, "2024-03-11"),
    ("IND", "HCOC", "2016-05-31", Status.NONE, None),
    # MTCR
    ("IND", "MTCR", "2015-06-01", Status.NONE, None),
    ("TUR", "MTCR", "1997-06-01", Status.UNKNOWN, None),
    # IAEA comprehensive safeguards agreements and Additional Protocols
    ("JPN", "IAEA_CSA", "1977-12-01", Status.NONE, None),
    ("JPN", "IAEA_CSA", "1977-12-02", Status.PARTY, "1977-12-02"),
    ("ZAF", "IAEA_CSA", "1991-09-16", Status.PARTY, "1991-09-16"),
    ("BRA", "IAEA_CSA", "1994-03-15", Status.UNKNOWN, None),
    ("BRA", "IAEA_CSA", "1994-04-01", Status.PARTY, "in 1994-03"),
    ("EGY", "IAEA_CSA", "1981-12-31", Status.NONE, None),
    ("EGY", "IAEA_CSA", "1983-01-01", Status.PARTY, "in 1982"),
    ("LBY", "IAEA_CSA", "2000-01-01", Status.UNKNOWN, None),
    ("LBY", "IAEA_CSA", "2004-03-01", Status.PARTY, "by 2004-02-20 (exact date not compiled)"),
    ("SYR", "IAEA_CSA", "2011-07-01", Status.PARTY, "by 2011-06-30 (exact date not compiled)"),
    ("IRQ", "IAEA_CSA", "2000-01-01", Status.PARTY, "by 1995-02-01 (exact date not compiled)"),
    ("DEU", "IAEA_CSA", "2010-01-01", Status.UNKNOWN, None),
    ("DEU", "IAEA_CSA", "2020-01-01", Status.PARTY, "by 2011-06-30 (exact date not compiled)"),
    ("BLR", "IAEA_CSA", "1995-08-01", Status.NONE, None),
    ("BLR", "IAEA_CSA", "1995-08-02", Status.PARTY, "1995-08-02"),
    ("UKR", "IAEA_CSA", "1998-01-22", Status.PARTY, "1998-01-22"),
    ("KOR", "IAEA_CSA", "2000-01-01", Status.UNKNOWN, None),
    ("KOR", "IAEA_AP", "2005-01-01", Status.PARTY, "by 2004-11-26 (exact date not compiled)"),
    ("IRN", "IAEA_AP", "2004-01-01", Status.SIGNATORY, "2003-12-18"),
    # Iran applied its AP provisionally under the JCPOA, 2016-01-16 to 2021-02-23; never bound
    ("IRN", "IAEA_AP", "2016-01-15", Status.SIGNATORY, "2003-12-18"),
    ("IRN", "IAEA_AP", "2018-01-01", Status.PROVISIONAL, "2016-01-16"),
    ("IRN", "IAEA_AP", "2021-02-23", Status.SIGNATORY, "2003-12-18"),
    ("IRQ", "IAEA_AP", "2012-09-30", Status.NONE, None),
    ("IRQ", "IAEA_AP", "2012-11-01", Status.PARTY, "in 2012-10"),
    # CSAs once dated only by the IAEA's end-2024 count (issue 20): INFCIRC/586, the Ban Monitor
    ("KHM", "IAEA_CSA", "1999-12-16", Status.NONE, None),
    ("KHM", "IAEA_CSA", "1999-12-17", Status.PARTY, "1999-12-17"),
    ("THA", "IAEA_CSA", "1974-05-16", Status.PARTY, "1974-05-16"),
    ("MYS", "IAEA_CSA", "1972-02-28", Status.NONE, None),
    ("MYS", "IAEA_CSA", "2020-01-01", Status.PARTY, "1972-02-29"),
    ("KIR", "IAEA_CSA", "1990-12-19", Status.PARTY, "1990-12-19"),
    ("TTO", "IAEA_CSA", "1992-11-03", Status.NONE, None),
    ("TTO", "IAEA_CSA", "1992-11-04", Status.PARTY, "1992-11-04"),
    ("WSM", "IAEA_CSA", "1979-01-21", Status.NONE, None),
    ("WSM", "IAEA_CSA", "1979-01-22", Status.PARTY, "1979-01-22"),
    ("PSE", "IAEA_CSA", "2020-01-01", Status.NONE, None),
    ("PSE", "IAEA_CSA", "2022-06-01", Status.UNKNOWN, None),
    ("PSE", "IAEA_CSA", "2023-01-01", Status.PARTY, "in 2022"),
    ("GNB", "IAEA_CSA", "2021-12-31", Status.NONE, None),
    ("STP", "IAEA_CSA", "2020-01-01", Status.NONE, None),
    ("STP", "IAEA_CSA", "2024-01-01", Status.PARTY, "in 2023"),
    ("TLS", "IAEA_CSA", "2023-12-31", Status.NONE, None),
    ("BEN", "IAEA_CSA", "2019-06-01", Status.UNKNOWN, None),
    ("BEN", "IAEA_CSA", "2020-02-01", Status.PARTY, "by 2020-01-31 (exact date not compiled)"),
    ("PRK", "IAEA_CSA", "1992-04-09", Status.NONE, None),
    ("PRK", "IAEA_CSA", "2010-01-01", Status.PARTY, "1992-04-10"),
    # Dated since from the Ban Monitor's 2023 profiles (Namibia's month also by its Atomic Energy
    # Board, Viet Nam's year by NTI); Belize's 2024 profile gives the year only
    ("BOL", "IAEA_CSA", "1995-02-05", Status.NONE, None),
    ("BOL", "IAEA_CSA", "1995-02-06", Status.PARTY, "1995-02-06"),
    ("HND", "IAEA_CSA", "1975-04-17", Status.NONE, None),
    ("HND", "IAEA_CSA", "2020-01-01", Status.PARTY, "1975-04-18"),
    ("NAM", "IAEA_CSA", "1998-04-14", Status.NONE, None),
    ("NAM", "IAEA_CSA", "1998-04-15", Status.PARTY, "1998-04-15"),
    ("VNM", "IAEA_CSA", "1990-02-23", Status.PARTY, "1990-02-23"),
    ("LKA", "IAEA_CSA", "1984-08-05", Status.NONE, None),
    ("CIV", "IAEA_CSA", "1983-09-08", Status.PARTY, "1983-09-08"),
    ("GUY", "IAEA_CSA", "1997-05-22", Status.NONE, None),
    ("SMR", "IAEA_CSA", "1998-09-21", Status.PARTY, "1998-09-21"),
    ("TUV", "IAEA_CSA", "1991-03-15", Status.PARTY, "1991-03-15"),
    ("VUT", "IAEA_CSA", "2013-05-20", Status.NONE, None),
    ("VUT", "IAEA_CSA", "2013-05-21", Status.PARTY, "2013-05-21"),
    ("BLZ", "IAEA_CSA", "1996-12-31", Status.NONE, None),
    ("BLZ", "IAEA_CSA", "1997-06-01", Status.UNKNOWN, None),
    ("BLZ", "IAEA_CSA", "1998-01-01", Status.PARTY, "in 1997"),
]


@pytest.mark.parametrize(
    ("state", "instrument", "asked", "expected", "since_text"),
    DATED_QUESTIONS,
    ids=[f"{q[1]}-{q[0]}-{q[2]}" for q in DATED_QUESTIONS],
)
def test_a_dated_question_gets_the_answer_its_source_supports(
    compiled: TreatyImport,
    state: str,
    instrument: str,
    asked: str,
    expected: Status,
    since_text: str | None,
) -> None:
    found = status_of(state, instrument, events=compiled.events, as_of=date.fromisoformat(asked))
    assert found.status is expected, found.notes
    assert found.since_text == since_text
    if expected is Status.UNKNOWN:
        assert found.possible == [Status.NONE, Status.PARTY]


def test_a_cross_question_never_says_no_where_a_date_is_missing() -> None:
    events = [
        _joined("ARG", "1994-04-01", "day"),
        _joined("AUS", "1994-04-01", "day"),
        _joined("AUT", "1994-04-01", "day"),
        _joined("ARG", "2011-06-30", "known_by", "IAEA_AP"),
        _joined("AUS", "1997-12-12", "day", "IAEA_AP"),
    ]
    answer = having_but_not(
        having=["NSG"], lacking=["IAEA_AP"], events=events, as_of=date(2005, 1, 1)
    )
    assert (answer.states, answer.unknown) == (["AUT"], ["ARG"])  # AUS is known to have one
    later = having_but_not(
        having=["NSG"], lacking=["IAEA_AP"], events=events, as_of=date(2012, 1, 1)
    )
    assert (later.states, later.unknown) == (["AUT"], [])


def test_a_continuing_state_before_its_predecessor_ended_is_not_counted_twice_as_unknown(
    compiled: TreatyImport,
) -> None:
    # Russia's NSG record is the USSR's until 1991-12-25: only one of the two may be unknown.
    found = parties("NSG", events=compiled.events, as_of=date(1975, 6, 1))
    assert not {"RUS", "SUN"} <= set(found.unknown)
    russia = status_of("RUS", "NSG", events=compiled.events, as_of=date(1975, 6, 1))
    assert (russia.status, russia.possible) == (Status.NONE, [])


# The IAEA Safeguards Statements count NPT parties that "had yet to bring into force
# comprehensive safeguards agreements": non-nuclear-weapon states only (Article III(1)).
WITHOUT_CSA_KNOWN = ["GIN", "GNB", "GNQ", "PSE", "SOM", "STP", "TLS"]


def test_npt_without_csa_asks_what_the_safeguards_statement_counts(
    events: list[ParticipationEvent],
) -> None:
    asked = CROSS_QUESTIONS["npt-without-csa"]
    assert set(asked.excluding) == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert "non-nuclear-weapon" in asked.title
    answer = ask(asked, events=events, as_of=date(2019, 12, 31))
    assert answer.states == WITHOUT_CSA_KNOWN
    assert answer.excluding == ["CHN", "FRA", "GBR", "RUS", "USA"]
    # The nuclear-weapon states are neither answers nor unknown; the DPRK's CSA is in force.
    assert not {"CHN", "FRA", "GBR", "RUS", "USA", "PRK"} & {*answer.states, *answer.unknown}
    # Benin's CSA is known in force only by end-January 2020: unknown on 2019-12-31, never "no".
    assert "BEN" in answer.unknown
    assert {"CPV", "ERI", "FSM"} <= set(answer.unknown)
    assert {"KHM", "THA", "MYS", "KIR", "WSM", "TTO"}.isdisjoint(answer.unknown)


@pytest.mark.parametrize(("as_of", "stated"), [("2018-12-31", 11), ("2020-12-31", 10)])
def test_npt_without_csa_reconciles_with_each_safeguards_statement(
    events: list[ParticipationEvent], as_of: str, stated: int
) -> None:
    counts = [c for c in load_question_counts() if c.as_of == date.fromisoformat(as_of)]
    assert [(c.question, c.value) for c in counts] == [("npt-without-csa", stated)]
    (found,) = reconcile_questions(events=events, counts=counts)
    # The seven known, and the difference named among the states whose dates cannot say.
    assert (found.stated, found.derived) == (stated, len(WITHOUT_CSA_KNOWN))
    assert stated - found.derived <= len(found.unknown)
    assert found.explanation and f"{stated - 7} of the {len(found.unknown)}" in found.explanation
    assert "Safeguards Statement" in found.source


def test_a_question_count_that_the_answer_cannot_reach_stays_unexplained(
    events: list[ParticipationEvent],
) -> None:
    # Fewer than the seven known: no unknown state can make up the difference.
    count = QuestionCount(
        question="npt-without-csa", value=3, as_of=date(2020, 12, 31), source="test"
    )
    (found,) = reconcile_questions(events=events, counts=[count])
    assert found.explanation is None


def test_a_question_count_names_a_known_question(tmp_path: Path) -> None:
    path = tmp_path / "stated_counts.csv"
    header = "instrument,measure,value,among,as_of,source,explanation,question\n"
    path.write_text(header + ",,10,,2020-12-31,a test,,npt-without-ksa\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="question"):
        parse_question_counts(path)
    path.write_text(header + ",,10,,2020-12-31,a test,,npt-without-csa\n", encoding="utf-8")
    assert [c.value for c in parse_question_counts(path)] == [10]
    # The instrument counts of the same file skip the question's row.
    assert parse_stated_counts(path).stated_counts == []
