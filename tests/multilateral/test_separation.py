"""Separation of duties on instructions: no one writes, clears and approves the same text, and
an office clears only through its clearing officers. Refusals leave nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.multilateral import instructions, services
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.rules import Action, ClearanceStatus, InstructionState
from nonpro.multilateral.schemas import ClearingOfficerIn, InstructionOut, StepIn
from tests.multilateral.conftest import APPROVER, CLEARER, OFFICER, step

OUTSIDER = Principal(username="intern", role=Role.MULTILATERAL_OFFICER)


def act_as(
    db_session: Session, actor: Principal, found: InstructionOut, action: Action, **kw: str
) -> InstructionOut:
    return instructions.act(found.id, StepIn(action=action, **kw), session=db_session, actor=actor)


def cleared(db_session: Session, drafted: InstructionOut) -> InstructionOut:
    found = step(db_session, drafted, Action.SUBMIT)
    for office in ("ISN/MNSA", "L/NPV"):
        found = step(db_session, found, Action.CLEAR, office=office)
    return found


def refused(db_session: Session, actor: Principal, found: InstructionOut, action: Action) -> str:
    """The refusal's message; the instruction is as it was and nothing more was logged."""
    logged = len(audit.entries(db_session, target=f"multilateral:instruction:{found.id}"))
    with pytest.raises(DutiesNotSeparated) as refusal:
        act_as(db_session, actor, found, action, office=found.next_office or "", note="Why?")
    after = instructions.show(found.id, session=db_session)
    assert (after.state, after.steps, after.clearances) == (
        found.state,
        found.steps,
        found.clearances,
    )
    assert len(audit.entries(db_session, target=f"multilateral:instruction:{found.id}")) == logged
    return refusal.value.message


def test_the_drafter_may_not_approve(db_session: Session, drafted: InstructionOut) -> None:
    found = cleared(db_session, drafted)
    assert "you wrote this text" in refused(db_session, OFFICER, found, Action.APPROVE)


def test_whoever_cleared_may_not_approve(db_session: Session, drafted: InstructionOut) -> None:
    found = cleared(db_session, drafted)
    assert "you cleared this text" in refused(db_session, CLEARER, found, Action.APPROVE)


def test_whoever_revised_the_text_may_not_approve_it(
    db_session: Session, drafted: InstructionOut
) -> None:
    revised = act_as(db_session, APPROVER, drafted, Action.REVISE, text="Abstain.")
    found = cleared(db_session, revised)
    assert "you wrote this text" in refused(db_session, APPROVER, found, Action.APPROVE)


def test_the_drafter_may_not_clear_even_as_a_clearing_officer(
    db_session: Session, drafted: InstructionOut
) -> None:
    appointment = ClearingOfficerIn(office="ISN/MNSA", username=OFFICER.username)
    services.appoint_clearing_officer(appointment, session=db_session, actor=APPROVER)
    found = step(db_session, drafted, Action.SUBMIT)
    assert "you wrote this text" in refused(db_session, OFFICER, found, Action.CLEAR)


@pytest.mark.parametrize("action", [Action.CLEAR, Action.COMMENT])
def test_only_a_clearing_officer_of_the_office_acts_for_it(
    db_session: Session, drafted: InstructionOut, make_user: Any, action: Action
) -> None:
    make_user(OUTSIDER.username, Role.MULTILATERAL_OFFICER)
    found = step(db_session, drafted, Action.SUBMIT)
    message = refused(db_session, OUTSIDER, found, action)
    assert message == "office: you do not clear for ISN/MNSA: only lawyer may clear for it"
    # Named for another office is not enough either.
    services.appoint_clearing_officer(
        ClearingOfficerIn(office="L/NPV", username=OUTSIDER.username),
        session=db_session,
        actor=APPROVER,
    )
    assert "you do not clear for ISN/MNSA" in refused(db_session, OUTSIDER, found, action)


def test_an_office_nobody_clears_for_says_so(db_session: Session, drafted: InstructionOut) -> None:
    for office in ("ISN/MNSA", "L/NPV"):
        dismissal = ClearingOfficerIn(office=office, username=CLEARER.username)
        services.dismiss_clearing_officer(dismissal, session=db_session, actor=APPROVER)
    found = step(db_session, drafted, Action.SUBMIT)
    message = refused(db_session, CLEARER, found, Action.CLEAR)
    assert message.endswith("no one is named to clear for it")


def test_the_approver_may_send(db_session: Session, drafted: InstructionOut) -> None:
    found = step(db_session, cleared(db_session, drafted), Action.APPROVE)
    found = act_as(db_session, APPROVER, found, Action.SEND)
    assert found.state is InstructionState.SENT
    people = {s.action: s.actor for s in found.steps}
    assert (people[Action.DRAFT], people[Action.CLEAR], people[Action.APPROVE]) == (
        "mo",
        "lawyer",
        "chief",
    )
    assert all(c.status is ClearanceStatus.CLEARED for c in found.clearances)


def test_clearing_officers_are_listed_and_their_changes_audited(
    db_session: Session, drafted: InstructionOut
) -> None:
    listed = services.list_clearing_officers(session=db_session)
    assert [(o.office, o.username, o.appointed_by) for o in listed] == [
        ("ISN/MNSA", "lawyer", "chief"),
        ("L/NPV", "lawyer", "chief"),
    ]
    assert [
        o.office for o in services.list_clearing_officers(session=db_session, office="l/npv")
    ] == ["L/NPV"]
    gone = services.dismiss_clearing_officer(
        ClearingOfficerIn(office="l/npv", username="Lawyer"), session=db_session, actor=OFFICER
    )
    assert (gone.office, gone.username) == ("L/NPV", "lawyer")
    logged = audit.entries(db_session, target="multilateral:office:L/NPV")
    assert [e.action for e in logged] == [
        "multilateral.clearing_officer.dismiss",
        "multilateral.clearing_officer.appoint",
    ]


@pytest.mark.parametrize(
    ("username", "error", "message"),
    [
        ("chief", DutiesNotSeparated, "you may not appoint yourself for L/NPV"),
        ("nobody", InvalidInput, "no user is named 'nobody'"),
        ("reader", InvalidInput, "reader cannot act on instructions"),
        ("lawyer", Conflict, "lawyer already clears for L/NPV"),
    ],
)
def test_an_appointment_that_is_refused(
    db_session: Session,
    drafted: InstructionOut,
    make_user: Any,
    username: str,
    error: type[Exception],
    message: str,
) -> None:
    make_user("reader", Role.VIEWER)
    before = services.list_clearing_officers(session=db_session)
    with pytest.raises(error, match=message):
        services.appoint_clearing_officer(
            ClearingOfficerIn(office="L/NPV", username=username), session=db_session, actor=APPROVER
        )
    assert services.list_clearing_officers(session=db_session) == before


def test_no_one_dismisses_themselves_or_an_appointment_that_is_not_there(
    db_session: Session, drafted: InstructionOut
) -> None:
    with pytest.raises(DutiesNotSeparated, match="you may not dismiss yourself"):
        services.dismiss_clearing_officer(
            ClearingOfficerIn(office="L/NPV", username="lawyer"), session=db_session, actor=CLEARER
        )
    with pytest.raises(NotFound):
        services.dismiss_clearing_officer(
            ClearingOfficerIn(office="PM", username="lawyer"), session=db_session, actor=APPROVER
        )
