"""The instruction workflow as a table, the calendar arithmetic and the late-notice rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nonpro.multilateral.rules import (
    TRANSITIONS,
    Action,
    InstructionState,
    Pattern,
    allowed_actions,
    duty_conflict,
    is_late,
    nth_weekday,
    occurrence,
    projection_horizon,
)

S = InstructionState
EXPECTED = {
    (S.DRAFTED, Action.REVISE): S.DRAFTED,
    (S.DRAFTED, Action.SUBMIT): S.IN_CLEARANCE,
    (S.IN_CLEARANCE, Action.CLEAR): S.IN_CLEARANCE,
    (S.IN_CLEARANCE, Action.COMMENT): S.DRAFTED,
    (S.IN_CLEARANCE, Action.APPROVE): S.APPROVED,
    (S.APPROVED, Action.SEND): S.SENT,
}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", [a for a in Action if a is not Action.DRAFT])
def test_every_state_and_action(state: InstructionState, action: Action) -> None:
    """Each (state, action) pair either lands where the table says or is not an arrow at all."""
    assert TRANSITIONS.get((state, action)) == EXPECTED.get((state, action))


def test_sent_is_final_and_drafts_cannot_be_approved() -> None:
    assert allowed_actions(S.SENT) == []
    assert Action.APPROVE not in allowed_actions(S.DRAFTED)
    assert Action.SEND not in allowed_actions(S.IN_CLEARANCE)


@pytest.mark.parametrize(
    ("year", "month", "weekday", "nth", "expected"),
    [
        (2024, 6, "MON", 1, date(2024, 6, 3)),  # the Board's June 2024 session opened then
        (2025, 6, "MON", 2, date(2025, 6, 9)),  # ... and June 2025's
        (2024, 9, "MON", 3, date(2024, 9, 16)),  # GC68
        (2019, 7, "MON", -1, date(2019, 7, 29)),  # CD 2019 Part III
        (2026, 4, "MON", 4, date(2026, 4, 27)),  # NPT RevCon 2026
        (2026, 2, "MON", 5, date(2026, 2, 23)),  # no fifth Monday: the last one
    ],
)
def test_nth_weekday(year: int, month: int, weekday: str, nth: int, expected: date) -> None:
    assert nth_weekday(year, month, weekday, nth) == expected


def test_occurrence_respects_the_cycle() -> None:
    revcon = Pattern(
        key="revcon",
        label="RevCon",
        month=4,
        weekday="MON",
        nth=4,
        days=26,
        every_years=5,
        first_year=2026,
    )
    assert occurrence(revcon, 2026) == (date(2026, 4, 27), date(2026, 5, 22))
    assert occurrence(revcon, 2027) is None
    assert occurrence(revcon, 2031) is not None


def test_projection_reaches_at_least_two_years() -> None:
    for day in (date(2026, 1, 1), date(2026, 11, 22), date(2026, 12, 31)):
        horizon = projection_horizon(day)
        assert (horizon - day).days >= 730


def test_a_notice_once_the_window_is_open_is_late() -> None:
    opens = datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert not is_late(notified_at=datetime(2026, 2, 28, tzinfo=UTC), window_opens=opens)
    assert is_late(notified_at=opens, window_opens=opens)
    assert is_late(notified_at=datetime(2026, 3, 1, 13, tzinfo=UTC), window_opens=opens)


@pytest.mark.parametrize(
    ("action", "actor", "expected"),
    [
        (Action.CLEAR, "mo", "you wrote this text"),
        (Action.CLEAR, "ed", "you wrote this text"),  # a reviser wrote it too
        (Action.CLEAR, "lawyer", None),
        (Action.COMMENT, "mo", None),  # a comment only sends the text back
        (Action.APPROVE, "mo", "you wrote this text"),
        (Action.APPROVE, "lawyer", "you cleared this text"),
        (Action.APPROVE, "chief", None),
        (Action.SEND, "chief", None),
        (Action.SEND, "mo", None),  # sending transmits the approved text unchanged
    ],
)
def test_duty_conflicts(action: Action, actor: str, expected: str | None) -> None:
    found = duty_conflict(action, actor=actor, authors={"mo", "ed"}, clearers={"lawyer"})
    assert (found.split(":")[0] if found else None) == expected
