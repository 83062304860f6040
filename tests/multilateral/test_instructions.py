"""Instructions through their workflow: every step recorded and audited, wrong steps refused."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from nonpro.core import audit
from nonpro.core.errors import InvalidInput
from nonpro.multilateral.errors import TransitionNotAllowed
from nonpro.multilateral.rules import Action, ClearanceStatus, InstructionState
from nonpro.multilateral.schemas import InstructionOut
from tests.multilateral.conftest import step


def test_drafted_cleared_by_two_offices_approved_and_sent(
    db_session: Session, drafted: InstructionOut
) -> None:
    assert drafted.state is InstructionState.DRAFTED
    assert drafted.allowed == [Action.REVISE, Action.SUBMIT]
    found = step(db_session, drafted, Action.SUBMIT)
    assert found.next_office == "ISN/MNSA" and found.allowed == [Action.CLEAR, Action.COMMENT]
    found = step(db_session, found, Action.CLEAR, office="isn/mnsa")
    assert found.next_office == "L/NPV" and Action.APPROVE not in found.allowed
    found = step(db_session, found, Action.CLEAR, office="L/NPV", note="cleared as edited")
    assert found.allowed == [Action.APPROVE]
    found = step(db_session, found, Action.APPROVE)
    found = step(db_session, found, Action.SEND)
    assert found.state is InstructionState.SENT and found.allowed == []
    assert [(c.office, c.status, c.by) for c in found.clearances] == [
        ("ISN/MNSA", ClearanceStatus.CLEARED, "lawyer"),
        ("L/NPV", ClearanceStatus.CLEARED, "lawyer"),
    ]
    assert found.clearances[1].comment == "cleared as edited"
    assert [(s.action, s.actor, s.office) for s in found.steps] == [
        (Action.DRAFT, "mo", None),
        (Action.SUBMIT, "mo", None),
        (Action.CLEAR, "lawyer", "ISN/MNSA"),
        (Action.CLEAR, "lawyer", "L/NPV"),
        (Action.APPROVE, "chief", None),
        (Action.SEND, "chief", None),
    ]
    logged = audit.entries(db_session, target=f"multilateral:instruction:{found.id}")
    assert [e.action.rsplit(".", 1)[1] for e in reversed(logged)] == [
        "draft",
        "submit",
        "clear",
        "clear",
        "approve",
        "send",
    ]
    assert audit.verify_chain(db_session).intact


@pytest.mark.parametrize(
    ("setup", "action", "kw", "message"),
    [
        ([], Action.APPROVE, {}, "not allowed on an instruction that is drafted"),
        ([], Action.SEND, {}, "allowed now: revise, submit"),
        ([], Action.CLEAR, {"office": "ISN/MNSA"}, "drafted"),
        ([Action.SUBMIT], Action.APPROVE, {}, "ISN/MNSA has not cleared yet"),
        ([Action.SUBMIT], Action.CLEAR, {"office": "L/NPV"}, "cannot act before ISN/MNSA"),
        ([Action.SUBMIT], Action.CLEAR, {"office": "PM"}, "PM is not in the clearance list"),
        ([Action.SUBMIT], Action.SUBMIT, {}, "in clearance"),
        ([Action.SUBMIT], Action.REVISE, {"text": "x"}, "in clearance"),
    ],
)
def test_steps_that_are_not_allowed(
    db_session: Session,
    drafted: InstructionOut,
    setup: list[Action],
    action: Action,
    kw: dict[str, str],
    message: str,
) -> None:
    for earlier in setup:
        drafted = step(db_session, drafted, earlier)
    with pytest.raises(TransitionNotAllowed) as refused:
        step(db_session, drafted, action, **kw)
    assert message in refused.value.message


def test_sent_is_final(db_session: Session, drafted: InstructionOut) -> None:
    found = step(db_session, drafted, Action.SUBMIT)
    for office in ("ISN/MNSA", "L/NPV"):
        found = step(db_session, found, Action.CLEAR, office=office)
    found = step(db_session, step(db_session, found, Action.APPROVE), Action.SEND)
    with pytest.raises(TransitionNotAllowed) as refused:
        step(db_session, found, Action.REVISE, text="too late")
    assert "it is final" in refused.value.message


def test_a_comment_sends_it_back_and_the_revision_is_cleared_again(
    db_session: Session, drafted: InstructionOut
) -> None:
    found = step(db_session, drafted, Action.SUBMIT)
    found = step(db_session, found, Action.CLEAR, office="ISN/MNSA")
    with pytest.raises(InvalidInput):
        step(db_session, found, Action.COMMENT, office="L/NPV")  # a comment needs its text
    found = step(db_session, found, Action.COMMENT, office="L/NPV", note="cite the 2020 report")
    assert found.state is InstructionState.DRAFTED
    assert found.clearances[1].status is ClearanceStatus.COMMENTED
    found = step(db_session, found, Action.REVISE, text="Support it; cite GOV/2020/30.")
    assert [v.number for v in found.document.versions] == [1, 2]
    found = step(db_session, found, Action.SUBMIT)
    # New words need new clearances: the first office clears again.
    assert found.next_office == "ISN/MNSA"
    assert all(c.status is ClearanceStatus.PENDING for c in found.clearances)
