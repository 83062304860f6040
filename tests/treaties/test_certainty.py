"""Dates with their certainty: a day, a month or a year (an interval), or only a bound ("in force
by the date of a list"). A question as of a day answers yes, no or unknown; a bound is never
shown as a day, and a year is neither its 1 January nor its 31 December."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest

from nonpro.treaties.questions import having_but_not
from nonpro.treaties.rules import parties, status_of
from nonpro.treaties.schemas import EventKind, ParticipationEvent, Status, TreatyImport

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
    # The examples: every one was "0 states" or "not a party" before.
    nsg = parties("NSG", events=compiled.events, as_of=date(2020, 1, 1))
    assert (len(nsg.states), len(nsg.unknown)) == (0, 48)
    assert len(parties("NSG", events=compiled.events, as_of=date(2026, 6, 1)).states) == 48
    csa = parties("IAEA_CSA", events=compiled.events, as_of=date(2020, 1, 1))
    assert len(csa.unknown) > 150 and "IRN" not in csa.unknown  # Iran's date is known
    iran = status_of("IRN", "IAEA_CSA", events=compiled.events, as_of=date(2017, 1, 1))
    assert iran.status is Status.PARTY and iran.since == date(1974, 5, 15)
    usa = status_of("USA", "IAEA_AP", events=compiled.events, as_of=date(2010, 1, 1))
    assert usa.status is Status.PARTY and usa.since == date(2009, 1, 6)
    india = status_of("IND", "IAEA_AP", events=compiled.events, as_of=date(2014, 7, 25))
    assert india.status is Status.PARTY and india.since == date(2014, 7, 25)
    assert status_of("IND", "IAEA_AP", events=compiled.events, as_of=date(2014, 7, 24)).status is (
        Status.NONE
    )


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
