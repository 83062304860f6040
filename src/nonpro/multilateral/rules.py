"""The vocabulary, the instruction workflow as an explicit table, and the calendar arithmetic.

Everything here is pure: no session, no clock. The services apply it and record who did what.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from dateutil.rrule import MONTHLY, YEARLY, rrule, weekdays
from pydantic import BaseModel, ConfigDict, Field


class DelegateRole(StrEnum):
    HEAD = "head"
    ALTERNATE = "alternate"
    ADVISER = "adviser"
    EXPERT = "expert"


class DocumentKind(StrEnum):
    POSITION_PAPER = "position_paper"
    STATEMENT = "statement"
    INSTRUCTION = "instruction"


class InstructionState(StrEnum):
    DRAFTED = "drafted"
    IN_CLEARANCE = "in_clearance"
    APPROVED = "approved"
    SENT = "sent"


class Action(StrEnum):
    DRAFT = "draft"  # the first step, recorded in the history; not an arrow of the table
    REVISE = "revise"
    SUBMIT = "submit"
    CLEAR = "clear"
    COMMENT = "comment"
    APPROVE = "approve"
    SEND = "send"


class ClearanceStatus(StrEnum):
    PENDING = "pending"
    CLEARED = "cleared"
    COMMENTED = "commented"


S = InstructionState
# Every step an instruction may take, and the state it lands in. CLEAR stays in clearance: the
# last office's clearance is what makes APPROVE possible (checked by the service). COMMENT sends
# the text back to the drafter; a revised text must be cleared again from the first office,
# because an earlier clearance was given to words that have since changed.
TRANSITIONS: dict[tuple[InstructionState, Action], InstructionState] = {
    (S.DRAFTED, Action.REVISE): S.DRAFTED,
    (S.DRAFTED, Action.SUBMIT): S.IN_CLEARANCE,
    (S.IN_CLEARANCE, Action.CLEAR): S.IN_CLEARANCE,
    (S.IN_CLEARANCE, Action.COMMENT): S.DRAFTED,
    (S.IN_CLEARANCE, Action.APPROVE): S.APPROVED,
    (S.APPROVED, Action.SEND): S.SENT,
}


def allowed_actions(state: InstructionState) -> list[Action]:
    return [action for (source, action) in TRANSITIONS if source == state]


def duty_conflict(
    action: Action, *, actor: str, authors: set[str], clearers: set[str]
) -> str | None:
    """Why ``actor`` may not take ``action`` on an instruction, or None (separation of duties).

    An instruction speaks for the government, so no one person may write it and release it:
    whoever wrote the text (drafted it, or revised it) may not clear it nor approve it, and whoever
    cleared it for an office may not approve it, so an approved instruction has always passed
    through at least three people: an author, a clearer, an approver. Sending only transmits the
    approved text unchanged, so anyone who may manage multilateral work may send it, the
    approver included. ``clearers`` are those who cleared the text now in clearance.
    """
    if action is Action.CLEAR and actor in authors:
        return "you wrote this text: a clearance must come from someone who did not"
    if action is Action.APPROVE and actor in authors:
        return "you wrote this text: another officer must approve it"
    if action is Action.APPROVE and actor in clearers:
        return "you cleared this text: another officer must approve it"
    return None


class VehicleClass(StrEnum):
    """Generic classes the HCOC declaration counts launches by."""

    SRBM = "SRBM"
    MRBM = "MRBM"
    IRBM = "IRBM"
    ICBM = "ICBM"
    SLBM = "SLBM"
    SLV = "SLV"

    @property
    def kind(self) -> str:
        return "space launch vehicle" if self is VehicleClass.SLV else "ballistic missile"


class LaunchOutcome(StrEnum):
    NOTIFIED = "notified"  # no outcome recorded yet
    LAUNCHED = "launched"
    CANCELLED = "cancelled"


def is_late(*, notified_at: datetime, window_opens: datetime) -> bool:
    """The Code asks for notice before the launch: one given once the window is open is late."""
    return notified_at >= window_opens


class Fund(StrEnum):
    TCF = "TCF"
    NSF = "NSF"
    PUI = "PUI"
    OTHER_EXB = "OTHER_EXB"

    @property
    def label(self) -> str:
        return FUND_LABELS[self]


FUND_LABELS = {
    Fund.TCF: "Technical Cooperation Fund",
    Fund.NSF: "Nuclear Security Fund",
    Fund.PUI: "Peaceful Uses Initiative",
    Fund.OTHER_EXB: "Other extrabudgetary",
}


class ContributionStatus(StrEnum):
    PLEDGED = "pledged"
    OBLIGATED = "obligated"
    DISBURSED = "disbursed"


STATUS_ORDER = list(ContributionStatus)

# The calendar's dates. Wide enough for every body followed (the IAEA's first General Conference
# met in 1957) and years of planning ahead; narrow enough that the arithmetic done on a date
# (the day after a session for the iCalendar DTEND, a year of sessions after a query's first day,
# the years a projection walks through) can never leave Python's date range (years 1 to 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2200
# The longest session: a UN General Assembly session runs a year.
MAX_SESSION_DAYS = 366
# How far ahead sessions may be projected: beyond that the usual timing says little.
MAX_PROJECTION_YEARS = 10


WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


class Pattern(BaseModel):
    """A recurring session: the ``nth`` ``weekday`` of ``month`` (-1 = the last), lasting
    ``days`` calendar days, every ``every_years`` years counted from ``first_year``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9-]+$")
    label: str
    month: int = Field(ge=1, le=12)
    weekday: Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
    nth: int = Field(ge=-1, le=5)
    days: int = Field(ge=1, le=120)
    every_years: int = Field(default=1, ge=1, le=10)
    first_year: int = Field(default=2000, ge=FIRST_YEAR, le=LAST_YEAR)
    confidence: str = ""

    def recurrence(self) -> rrule:
        """The session's first days, as a dateutil rule counted in years from ``first_year``."""
        return rrule(
            YEARLY,
            interval=self.every_years,
            dtstart=datetime(self.first_year, 1, 1),
            bymonth=self.month,
            byweekday=_rrule_weekday(self.weekday, self.nth),
        )


def _rrule_weekday(weekday: str, nth: int) -> Any:
    # A month has four or five of each weekday, so "the 5th, or the 4th when there is no 5th"
    # is always the last one: rrule's -1 (as is the 0 the pattern's range lets through).
    return weekdays[WEEKDAYS.index(weekday)](nth if 1 <= nth <= 4 else -1)


def nth_weekday(year: int, month: int, weekday: str, nth: int) -> date:
    """The ``nth`` given weekday of a month; ``nth=-1`` is the last; a missing 5th is the 4th."""
    rule = rrule(
        MONTHLY,
        count=1,
        dtstart=datetime(year, month, 1),
        bymonth=month,
        byweekday=_rrule_weekday(weekday, nth),
    )
    first: datetime = rule[0]
    return first.date()


def occurrence(pattern: Pattern, year: int) -> tuple[date, date] | None:
    """The projected first and last day of the pattern's session in ``year``, if it meets then."""
    found: list[datetime] = pattern.recurrence().between(
        datetime(year, 1, 1), datetime(year, 12, 31), inc=True
    )
    if not found:
        return None
    start = found[0].date()
    return start, start + timedelta(days=pattern.days - 1)


def projection_horizon(today: date) -> date:
    """Sessions are projected to the end of the year two years ahead: always two years or more."""
    return date(today.year + 2, 12, 31)


def date_problem(day: date) -> str | None:
    """Why the calendar cannot hold ``day``, or None."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"{day.isoformat()} is outside the years {FIRST_YEAR}–{LAST_YEAR}"
    return None


def session_problem(start: date, end: date) -> str | None:
    """Why a session cannot last from ``start`` to ``end``, or None (said of its last day)."""
    if end < start:
        return f"{end.isoformat()} is before the first day, {start.isoformat()}"
    days = (end - start).days + 1
    if days > MAX_SESSION_DAYS:
        return f"a session lasts at most {MAX_SESSION_DAYS} days; this one lasts {days}"
    return None


def projection_problem(today: date, through: date) -> str | None:
    """Why sessions cannot be projected from ``today`` to ``through``, or None."""
    if through.year > today.year + MAX_PROJECTION_YEARS:
        return (
            f"{through.isoformat()} is more than {MAX_PROJECTION_YEARS} years ahead: "
            f"project through {today.year + MAX_PROJECTION_YEARS}-12-31 at the latest"
        )
    return date_problem(through)
