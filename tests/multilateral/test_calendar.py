"""Bodies and sessions: seeding, projection two years ahead, confirmation, delegations,
versioned documents, and the iCalendar export read back with ``icalendar``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import InvalidInput
from nonpro.multilateral import services
from nonpro.multilateral.models import Meeting
from nonpro.multilateral.rules import DelegateRole, DocumentKind
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
