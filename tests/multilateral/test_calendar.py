"""Bodies and sessions: seeding, projection two years ahead, confirmation, delegations,
versioned documents, and the iCalendar export read back with ``icalendar``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input
from nonpro.multilateral import services
from nonpro.multilateral.models import Meeting
from nonpro.multilateral.rules import DelegateRole, DocumentKind, Pattern
from nonpro.multilateral.schemas import DelegateIn, DocumentIn, MeetingIn, MeetingUpdate, VersionIn
from tests.multilateral.conftest import TODAY


def test_seed_is_idempotent_and_keeps_sources(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    bodies, sessions, projected = seeded
    assert bodies >= 15 and sessions >= 40 and projected >= 40
    assert services.load_reference(session=db_session, actor=operator, today=TODAY) == (0, 0, 0)
    june_2024 = services.list_meetings(
        session=db_session, start=date(2024, 6, 1), end=date(2024, 6, 30), body="IAEA-BOG"
    )
    assert [(m.start_date, m.end_date, m.projected) for m in june_2024] == [
        (date(2024, 6, 3), date(2024, 6, 7), False)
    ]
    assert "securengin" in june_2024[0].source and june_2024[0].confidence == "verified_excerpt"
    assert june_2024[0].as_of == date(2026, 11, 22)


def test_recurring_sessions_are_projected_two_years_ahead(
    db_session: Session, seeded: tuple[int, int, int]
) -> None:
    board = services.list_meetings(
        session=db_session, start=TODAY, end=date(2028, 12, 31), body="IAEA-BOG"
    )
    months = [(m.start_date.year, m.start_date.month) for m in board]
    # The Board's March, June, September and November sessions, each year to the end of 2028.
    for year in (2027, 2028):
        assert [mo for y, mo in months if y == year] == [3, 6, 9, 11]
    assert all(m.projected for m in board)
    assert all("Projected" in m.note for m in board)
    last = max(m.start_date for m in services.list_meetings(session=db_session, start=TODAY))
    assert (last - TODAY).days >= 730 - 60  # the latest session of the horizon year
    # Sessions are projected from today on, never into the past.
    past = services.list_meetings(session=db_session, end=date(2026, 11, 21))
    assert past and not any(m.projected for m in past)


def test_projection_skips_a_session_already_entered(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    count = db_session.scalar(select(func.count()).select_from(Meeting))
    assert services.project(session=db_session, actor=operator, today=TODAY) == 0
    assert db_session.scalar(select(func.count()).select_from(Meeting)) == count


def test_confirming_a_projected_session(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    (june,) = services.list_meetings(
        session=db_session, start=date(2027, 6, 1), end=date(2027, 6, 30), body="IAEA-BOG"
    )
    assert june.projected
    confirmed = services.update_meeting(
        june.id,
        MeetingUpdate(start_date=date(2027, 6, 7), end_date=date(2027, 6, 11), confirm=True),
        session=db_session,
        actor=operator,
    )
    assert not confirmed.projected and confirmed.start_date == date(2027, 6, 7)
    assert "confirmed by cli:pytest" in confirmed.source
    assert confirmed.confidence == "confirmed"
    (row,) = audit.entries(db_session, action="multilateral.meeting.update", limit=1)
    assert row.payload["confirmed"] is True


def test_create_meeting_with_delegation_and_documents(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    meeting = services.create_meeting(
        MeetingIn(
            body="iaea-bog",
            title="Board of Governors, special session",
            start_date=date(2027, 1, 11),
            end_date=date(2027, 1, 12),
            agenda=["Verification in Iran", " "],
        ),
        session=db_session,
        actor=operator,
    )
    assert meeting.venue == "Vienna International Centre" and meeting.agenda == [
        "Verification in Iran"
    ]
    services.add_delegate(
        meeting.id,
        DelegateIn(name="Ann Head", role=DelegateRole.HEAD, agency="state_isn_mnsa"),
        session=db_session,
        actor=operator,
    )
    after = services.add_delegate(
        meeting.id,
        DelegateIn(name="Ed Expert", role=DelegateRole.EXPERT, agency="ENERGY_NNSA"),
        session=db_session,
        actor=operator,
    )
    assert [(d.name, d.role, d.agency) for d in after.delegates] == [
        ("Ann Head", DelegateRole.HEAD, "STATE_ISN_MNSA"),
        ("Ed Expert", DelegateRole.EXPERT, "ENERGY_NNSA"),
    ]
    with pytest.raises(InvalidInput) as problem:
        services.add_delegate(
            meeting.id,
            DelegateIn(name="X", role=DelegateRole.ADVISER, agency="NOWHERE"),
            session=db_session,
            actor=operator,
        )
    assert problem.value.field == "agency"

    paper = services.add_document(
        meeting.id,
        DocumentIn(kind=DocumentKind.POSITION_PAPER, title="Iran", text="First draft."),
        session=db_session,
        actor=operator,
    )
    revised = services.revise_document(
        paper.id,
        VersionIn(text="Second draft.", note="tightened"),
        session=db_session,
        actor=operator,
    )
    assert [(v.number, v.text) for v in revised.versions] == [
        (1, "First draft."),
        (2, "Second draft."),
    ]
    with pytest.raises(InvalidInput):
        services.add_document(
            meeting.id,
            DocumentIn(kind=DocumentKind.INSTRUCTION, title="x", text="x"),
            session=db_session,
            actor=operator,
        )


def test_unknown_body_and_reversed_dates_are_refused(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    with pytest.raises(InvalidInput) as problem:
        services.list_meetings(session=db_session, body="NOPE")
    assert "IAEA-BOG" in problem.value.problem
    with pytest.raises(InvalidInput):
        services.list_meetings(session=db_session, start=date(2027, 1, 2), end=date(2027, 1, 1))


def test_ics_export_parses_back(db_session: Session, seeded: tuple[int, int, int]) -> None:
    data, found = services.calendar_ics(
        session=db_session,
        stamp=datetime(2026, 11, 22, tzinfo=UTC),
        body="IAEA-BOG",
        start=date(2024, 1, 1),
    )
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(found) > 8
    june = next(e for e in events if e.decoded("dtstart") == date(2024, 6, 3))
    assert june.decoded("dtend") == date(2024, 6, 8)  # exclusive end: the 7th is the last day
    assert str(june["status"]) == "CONFIRMED"
    assert str(june["location"]) == "Vienna International Centre"
    projected = [e for e in events if str(e["status"]) == "TENTATIVE"]
    assert projected and all("(projected)" in str(e["summary"]) for e in projected)
    assert len({str(e["uid"]) for e in events}) == len(events)
    every, _ = services.calendar_ics(session=db_session, stamp=datetime.now(UTC))
    assert len(list(icalendar.Calendar.from_ical(every).walk("VEVENT"))) > len(events)


@pytest.mark.parametrize(
    ("dates", "field", "problem"),
    [
        ({"start_date": "2027-01-12", "end_date": "2027-01-11"}, "end_date", "is before"),
        ({"start_date": "2027-01-11", "end_date": "9999-12-31"}, "end_date", "2200"),
        ({"start_date": "0001-01-01", "end_date": "2027-01-11"}, "start_date", "2200"),
        ({"start_date": "2027-01-11", "end_date": "2029-01-11"}, "end_date", "at most 366 days"),
    ],
)
def test_a_meeting_the_calendar_cannot_export_is_refused_naming_the_field(
    db_session: Session,
    operator: Principal,
    seeded: tuple[int, int, int],
    dates: dict[str, str],
    field: str,
    problem: str,
) -> None:
    """9999-12-31 used to be stored, and the .ics export then failed on its exclusive end."""
    before = db_session.scalar(select(func.count()).select_from(Meeting))
    with pytest.raises(InvalidInput) as refused:
        data = parse_input(MeetingIn, {"body": "IAEA-BOG", "title": "Board", **dates})
        services.create_meeting(data, session=db_session, actor=operator)
    assert (refused.value.field, problem in refused.value.problem) == (field, True)
    assert db_session.scalar(select(func.count()).select_from(Meeting)) == before
    services.calendar_ics(session=db_session, stamp=datetime(2026, 11, 22, tzinfo=UTC))


def test_the_last_day_the_calendar_holds_still_exports(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    last = MeetingIn(body="IAEA-BOG", title="Far", start_date="2200-12-30", end_date="2200-12-31")
    services.create_meeting(last, session=db_session, actor=operator)
    data, _ = services.calendar_ics(
        session=db_session, stamp=datetime(2026, 11, 22, tzinfo=UTC), start=date(2200, 1, 1)
    )
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("dtend") == date(2201, 1, 1)


def test_an_edit_that_breaks_the_session_names_the_day_changed(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    (june,) = services.list_meetings(
        session=db_session, start=date(2027, 6, 1), end=date(2027, 6, 30), body="IAEA-BOG"
    )
    later = MeetingUpdate(start_date=june.end_date.replace(day=june.end_date.day + 1))
    with pytest.raises(InvalidInput) as refused:
        services.update_meeting(june.id, later, session=db_session, actor=operator)
    assert (
        refused.value.field == "start_date" and "is before the first day" in refused.value.problem
    )
    with pytest.raises(InvalidInput) as refused:
        parse_input(MeetingUpdate, {"end_date": "9999-12-31"})
    assert refused.value.field == "end_date"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(1, 1, 1), None, "start"),
        (None, date(9999, 12, 31), "end"),
        (date(2027, 1, 2), date(2027, 1, 1), "end"),
    ],
)
def test_a_period_the_calendar_cannot_hold_is_refused(
    db_session: Session, start: date | None, end: date | None, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.list_meetings(session=db_session, start=start, end=end)
    assert refused.value.field == field
    with pytest.raises(InvalidInput) as refused:
        services.calendar_window(start, end, today=TODAY)
    assert refused.value.field == field
    # The page's default period a year on from the last day it may show is still a date.
    assert services.calendar_window(date(2200, 12, 31), None, today=TODAY)[1].year == 2201


def test_projection_far_ahead_is_refused(
    db_session: Session, operator: Principal, seeded: tuple[int, int, int]
) -> None:
    """Projecting to 9999 walked 8,000 years of recurrences and overflowed at the end."""
    with pytest.raises(InvalidInput) as refused:
        services.project(
            session=db_session, actor=operator, today=TODAY, through=date(9999, 12, 31)
        )
    assert refused.value.field == "through" and "2036-12-31 at the latest" in refused.value.problem
    assert (
        services.project(
            session=db_session, actor=operator, today=TODAY, through=date(2036, 12, 31)
        )
        > 0
    )


def test_a_pattern_outside_the_calendar_years_is_refused() -> None:
    with pytest.raises(ValidationError, match="first_year"):
        Pattern(key="x", label="x", month=1, weekday="MON", nth=1, days=1, first_year=0)
