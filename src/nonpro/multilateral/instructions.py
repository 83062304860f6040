"""Instructions to missions: drafted → in clearance (office by office) → approved → sent.

The arrows are ``rules.TRANSITIONS``; this module applies them, checks the clearance order, and
records each step twice: as an ``InstructionStep`` shown on the page and in the audit log.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values, get_row
from nonpro.core.errors import InvalidInput
from nonpro.multilateral.calendar import LOG, get_meeting
from nonpro.multilateral.clearing import require_clearing_officer
from nonpro.multilateral.documents import add_version, new_document
from nonpro.multilateral.errors import DutiesNotSeparated, TransitionNotAllowed
from nonpro.multilateral.models import Clearance, Instruction, InstructionStep
from nonpro.multilateral.rules import (
    TRANSITIONS,
    Action,
    ClearanceStatus,
    DocumentKind,
    InstructionState,
    allowed_actions,
    duty_conflict,
)
from nonpro.multilateral.schemas import (
    DocumentIn,
    DocumentOut,
    InstructionIn,
    InstructionOut,
    StepIn,
    VersionIn,
)


def instruction_out(instruction: Instruction) -> InstructionOut:
    state = InstructionState(instruction.state)
    pending = _next_pending(instruction)
    return InstructionOut.model_validate(
        {
            **column_values(instruction),
            "title": instruction.document.title,
            "state": state,
            "document": DocumentOut.model_validate(instruction.document),
            "clearances": instruction.clearances,
            "steps": instruction.steps,
            "allowed": [a for a in allowed_actions(state) if _possible(instruction, a)],
            "next_office": pending.office if pending and state == "in_clearance" else None,
        }
    )


def _next_pending(instruction: Instruction) -> Clearance | None:
    return next((c for c in instruction.clearances if c.status != ClearanceStatus.CLEARED), None)


def _possible(instruction: Instruction, action: Action) -> bool:
    """Whether an action the table allows can be taken now (approval waits for every office)."""
    if action is Action.APPROVE:
        return _next_pending(instruction) is None
    if action in (Action.CLEAR, Action.COMMENT):
        return _next_pending(instruction) is not None
    return True


def _clearances(offices: list[str]) -> list[Clearance]:
    return [
        Clearance(position=i, office=office, status=ClearanceStatus.PENDING)
        for i, office in enumerate(offices, start=1)
    ]


def draft(
    meeting_id: str | uuid.UUID, data: InstructionIn, *, session: Session, actor: Principal
) -> InstructionOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    meeting = get_meeting(meeting_id, session=session)
    document = new_document(
        meeting,
        DocumentIn(kind=DocumentKind.INSTRUCTION, title=data.title, text=data.text),
        session=session,
        actor=actor,
    )
    instruction = Instruction(
        meeting_id=meeting.id,
        document_id=document.id,
        mission=data.mission,
        state=InstructionState.DRAFTED,
        drafted_by=actor.username,
    )
    instruction.clearances.extend(_clearances(data.offices))
    instruction.steps.append(
        InstructionStep(
            action="draft", state_after=InstructionState.DRAFTED, actor=actor.username, at=utcnow()
        )
    )
    session.add(instruction)
    session.flush()
    LOG.record(
        session,
        actor,
        "instruction.draft",
        f"instruction:{instruction.id}",
        {"meeting": str(meeting.id), "mission": data.mission, "offices": data.offices},
    )
    session.refresh(instruction)
    return instruction_out(instruction)


def get_instruction(instruction_id: str | uuid.UUID, *, session: Session) -> Instruction:
    return get_row(session, Instruction, instruction_id, "instruction")


def show(instruction_id: str | uuid.UUID, *, session: Session) -> InstructionOut:
    return instruction_out(get_instruction(instruction_id, session=session))


def for_meeting(meeting_id: str | uuid.UUID, *, session: Session) -> list[InstructionOut]:
    meeting = get_meeting(meeting_id, session=session)
    found = session.scalars(
        select(Instruction)
        .where(Instruction.meeting_id == meeting.id)
        .order_by(Instruction.created_at)
    )
    return [instruction_out(i) for i in found.unique()]


def _refuse(instruction: Instruction, action: Action, why: str | None = None) -> None:
    state = InstructionState(instruction.state)
    allowed = [a.value for a in allowed_actions(state) if _possible(instruction, a)]
    reason = why or f"not allowed on an instruction that is {state.value.replace('_', ' ')}"
    hint = f"; allowed now: {', '.join(allowed)}" if allowed else "; it is final"
    raise TransitionNotAllowed(f"{action.value}: {reason}{hint}")


def _office_step(
    instruction: Instruction, step: StepIn, *, session: Session, actor: Principal
) -> Clearance:
    """The clearance row the office acts on: only the next office in the order may act, and
    only through one of its clearing officers."""
    if not step.office:
        raise InvalidInput("office", f"{step.action.value} needs the office that acts")
    pending = _next_pending(instruction)
    assert pending is not None  # _possible checked it
    if step.office.strip().upper() != pending.office.upper():
        offices = [c.office.upper() for c in instruction.clearances]
        if step.office.strip().upper() not in offices:
            _refuse(instruction, step.action, f"{step.office} is not in the clearance list")
        _refuse(
            instruction,
            step.action,
            f"{step.office} cannot act before {pending.office} (clearance is in order)",
        )
    require_clearing_officer(pending.office, session=session, actor=actor)
    pending.by = actor.username
    pending.at = utcnow()
    pending.comment = step.note
    return pending


def act(
    instruction_id: str | uuid.UUID, step: StepIn, *, session: Session, actor: Principal
) -> InstructionOut:
    """Take one step of the workflow; a step the table does not allow is refused (409)."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    instruction = get_instruction(instruction_id, session=session)
    state = InstructionState(instruction.state)
    after = TRANSITIONS.get((state, step.action))
    if after is None or not _possible(instruction, step.action):
        why = None
        if after is not None and step.action is Action.APPROVE:
            pending = _next_pending(instruction)
            why = f"{pending.office if pending else 'an office'} has not cleared yet"
        _refuse(instruction, step.action, why)
    assert after is not None
    _separate_duties(instruction, step.action, actor)
    office: str | None = None
    if step.action in (Action.CLEAR, Action.COMMENT):
        if step.action is Action.COMMENT and not step.note:
            raise InvalidInput("note", "a comment needs its text")
        cleared = _office_step(instruction, step, session=session, actor=actor)
        office = cleared.office
        is_clear = step.action is Action.CLEAR
        cleared.status = ClearanceStatus.CLEARED if is_clear else ClearanceStatus.COMMENTED
    elif step.action is Action.REVISE:
        _revise(instruction, step, session=session, actor=actor)
    elif step.action is Action.SUBMIT:
        if not instruction.clearances:
            raise InvalidInput("offices", "name at least one office to clear before submitting")
        # Clearance is given to a text: a (re)submitted text is cleared again from the start.
        for clearance in instruction.clearances:
            if clearance.status != ClearanceStatus.PENDING:
                clearance.status = ClearanceStatus.PENDING
    instruction.state = after
    instruction.steps.append(
        InstructionStep(
            action=step.action,
            state_after=after,
            actor=actor.username,
            office=office,
            note=step.note,
            at=utcnow(),
        )
    )
    session.flush()
    LOG.record(
        session,
        actor,
        f"instruction.{step.action.value}",
        f"instruction:{instruction.id}",
        {"from": state, "to": after, "office": office, "note": step.note},
    )
    return instruction_out(instruction)


def _separate_duties(instruction: Instruction, action: Action, actor: Principal) -> None:
    authors = {instruction.drafted_by} | {
        s.actor for s in instruction.steps if s.action == Action.REVISE
    }
    clearers = {
        c.by for c in instruction.clearances if c.status == ClearanceStatus.CLEARED and c.by
    }
    problem = duty_conflict(action, actor=actor.username, authors=authors, clearers=clearers)
    if problem:
        # A clearance is refused for the office it was to be given for, as in _office_step.
        field = "office" if action is Action.CLEAR else "action"
        raise DutiesNotSeparated(field, f"{action.value}: {problem}")


def _revise(instruction: Instruction, step: StepIn, *, session: Session, actor: Principal) -> None:
    if step.text is None and step.offices is None:
        raise InvalidInput("text", "a revision needs a new text or a new list of offices")
    if step.text is not None:
        add_version(
            instruction.document,
            VersionIn(text=step.text, note=step.note),
            session=session,
            actor=actor,
        )
    if step.offices is not None:
        offices = InstructionIn.model_validate(
            {"title": "x", "mission": "x", "text": "x", "offices": step.offices}
        ).offices
        instruction.clearances.clear()
        session.flush()
        instruction.clearances.extend(_clearances(offices))
