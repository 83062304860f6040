"""A seeded calendar and the agencies, in the test's rolled-back session (both databases), and
an instruction drafted by one officer, cleared by another and approved by a third."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import instructions, services
from nonpro.multilateral.rules import Action
from nonpro.multilateral.schemas import ClearingOfficerIn, InstructionIn, InstructionOut, StepIn

TODAY = date(2026, 11, 22)


@pytest.fixture
def seeded(db_session: Session, operator: Principal) -> tuple[int, int, int]:
    accounts.seed_agencies(session=db_session, actor=operator)
    return services.load_reference(session=db_session, actor=operator, today=TODAY)


OFFICER = Principal(username="mo", role=Role.MULTILATERAL_OFFICER)
CLEARER = Principal(username="lawyer", role=Role.MULTILATERAL_OFFICER)
APPROVER = Principal(username="chief", role=Role.MULTILATERAL_OFFICER)


@pytest.fixture
def officers(db_session: Session, make_user: Any) -> None:
    """The drafter, the approver, and a lawyer who clears for both offices of the list."""
    for principal in (OFFICER, CLEARER, APPROVER):
        make_user(principal.username, Role.MULTILATERAL_OFFICER)
    for office in ("ISN/MNSA", "L/NPV"):
        appointment = ClearingOfficerIn(office=office, username=CLEARER.username)
        services.appoint_clearing_officer(appointment, session=db_session, actor=APPROVER)


@pytest.fixture
def drafted(db_session: Session, seeded: tuple[int, int, int], officers: None) -> InstructionOut:
    (june,) = services.list_meetings(
        session=db_session, start=date(2027, 6, 1), end=date(2027, 6, 30), body="IAEA-BOG"
    )
    return instructions.draft(
        june.id,
        InstructionIn(
            title="Agenda item 4: NPT safeguards agreement with Iran",
            mission="USMISSION UNVIE",
            text="Support the draft resolution.",
            offices=["ISN/MNSA", "L/NPV"],
        ),
        session=db_session,
        actor=OFFICER,
    )


# Each step by whoever takes it in the office: the lawyer clears, the chief approves and sends.
ACTORS = {
    Action.CLEAR: CLEARER,
    Action.COMMENT: CLEARER,
    Action.APPROVE: APPROVER,
    Action.SEND: APPROVER,
}


def step(db_session: Session, found: InstructionOut, action: Action, **kw: str) -> InstructionOut:
    actor = ACTORS.get(action, OFFICER)
    return instructions.act(found.id, StepIn(action=action, **kw), session=db_session, actor=actor)
