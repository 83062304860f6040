"""The multilateral officer's sections: meetings coming up, instructions waiting for her
clearance, and instructions not yet sent to a meeting that is near (the delegation needs them
before it opens)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.multilateral.models import ClearingOfficer, Instruction, Meeting
from nonpro.multilateral.rules import ClearanceStatus, InstructionState
from nonpro.worklist.schemas import WorkItem

MEETING_DAYS = 60
INSTRUCTION_DAYS = 30


def meetings(*, session: Session, on: date) -> list[WorkItem]:
    """Meetings under way or opening within ``MEETING_DAYS``."""
    query = select(Meeting).where(
        Meeting.end_date >= on, Meeting.start_date <= on + timedelta(days=MEETING_DAYS)
    )
    items = []
    for meeting in session.scalars(query).unique():
        when = f"{meeting.start_date} to {meeting.end_date}"
        if meeting.projected:
            when += " (projected from the usual pattern, not confirmed)"
        items.append(
            WorkItem(
                title=f"{meeting.body.name}: {meeting.title}",
                link=f"/multilateral/meetings/{meeting.id}",
                reason=f"{when}{', ' + meeting.venue if meeting.venue else ''}",
                due_on=meeting.start_date,
            )
        )
    return items


def _meeting_facts(
    session: Session, states: list[InstructionState]
) -> list[tuple[Instruction, Meeting]]:
    query = (
        select(Instruction, Meeting)
        .join(Meeting, Instruction.meeting_id == Meeting.id)
        .where(Instruction.state.in_([s.value for s in states]))
    )
    return [(i, m) for i, m in session.execute(query).unique().tuples()]


def awaiting_clearance(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    """Instructions in clearance whose next office is one the actor clears for."""
    offices = set(
        session.scalars(
            select(ClearingOfficer.office).where(ClearingOfficer.username == actor.username)
        )
    )
    if not offices:
        return []
    items = []
    for instruction, meeting in _meeting_facts(session, [InstructionState.IN_CLEARANCE]):
        pending = next(
            (c for c in instruction.clearances if c.status != ClearanceStatus.CLEARED), None
        )
        if pending is None or pending.office.upper() not in offices:
            continue
        items.append(
            WorkItem(
                title=f"{instruction.document.title} ({instruction.mission})",
                link=f"/multilateral/instructions/{instruction.id}",
                reason=f"waiting for {pending.office}'s clearance, which you give; "
                f"the meeting opens {meeting.start_date}",
                due_on=meeting.start_date,
                late=meeting.start_date < on,
            )
        )
    return items


def instructions_due(*, session: Session, on: date) -> list[WorkItem]:
    """Instructions not yet sent for meetings opening within ``INSTRUCTION_DAYS`` (or open
    already: then late)."""
    horizon = on + timedelta(days=INSTRUCTION_DAYS)
    waiting: list[InstructionState] = [s for s in InstructionState if s != InstructionState.SENT]
    items = []
    for instruction, meeting in _meeting_facts(session, waiting):
        if meeting.start_date > horizon or meeting.end_date < on:
            continue
        state = InstructionState(instruction.state).value.replace("_", " ")
        late = meeting.start_date < on
        items.append(
            WorkItem(
                title=f"{instruction.document.title} ({instruction.mission})",
                link=f"/multilateral/instructions/{instruction.id}",
                reason=f"{state}, not sent; "
                + (
                    f"late: the meeting opened {meeting.start_date}"
                    if late
                    else f"needed before the meeting opens {meeting.start_date}"
                ),
                due_on=meeting.start_date,
                late=late,
            )
        )
    return items
