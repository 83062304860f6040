"""Consolidation of advice and the counting of votes, as tables."""

from __future__ import annotations

import pytest

from nonpro.interagency.rules import (
    AdviceKind as K,
)
from nonpro.interagency.rules import (
    Majority,
    Outcome,
    Position,
    Standing,
    VoteChoice,
    consolidate,
    dissenters,
    tally,
)

A = Standing.ADVISED


def test_approve_and_provisos_consolidate_to_provisos_of_all() -> None:
    result = consolidate(
        [
            Position("COMMERCE_BIS", A, K.APPROVE_WITH_PROVISOS, ("END-USE-ONLY",)),
            Position("ENERGY_NNSA", A, K.APPROVE),
            Position("DHS", A, K.APPROVE_WITH_PROVISOS, ("NO-RETRANSFER", "END-USE-ONLY")),
        ]
    )
    assert result.outcome == Outcome.APPROVE_WITH_PROVISOS
    assert result.provisos == ["END-USE-ONLY", "NO-RETRANSFER"]


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([Position("D", A, K.DENY), Position("C", A, K.APPROVE)], Outcome.CONFLICT),
        ([Position("D", A, K.DENY), Position("E", A, K.DENY)], Outcome.DENY),
        ([Position("D", A, K.DENY), Position("E", A, K.NO_POSITION)], Outcome.DENY),
        # Silence past the due date is no objection, so it stands against a denial.
        ([Position("D", A, K.DENY), Position("E", Standing.DEEMED_NO_OBJECTION)], Outcome.CONFLICT),
        ([Position("C", A, K.APPROVE), Position("E", Standing.PENDING)], Outcome.APPROVE),
        ([Position("E", Standing.PENDING)], Outcome.PENDING),
        ([Position("E", A, K.NO_POSITION)], Outcome.NO_POSITION),
        (
            [Position("C", A, K.APPROVE), Position("E", A, K.REQUEST_INFORMATION)],
            Outcome.INFORMATION_REQUESTED,
        ),
    ],
)
def test_consolidation_table(positions: list[Position], expected: Outcome) -> None:
    assert consolidate(positions).outcome == expected


def test_an_outstanding_agency_leaves_the_view_incomplete_and_says_so() -> None:
    result = consolidate([Position("C", A, K.APPROVE), Position("E", Standing.PENDING)])
    assert not result.complete and "still due from E" in result.explanation


V = VoteChoice


def test_simple_majority_with_a_dissenter() -> None:
    votes = {"S": V.DENY, "D": V.DENY, "E": V.DENY, "C": V.APPROVE_WITH_PROVISOS}
    counted = tally(votes, present=4, quorum=3, majority=Majority.SIMPLE)
    assert counted.outcome == V.DENY
    assert dissenters(votes, counted.outcome) == ["C"]


def test_no_quorum_no_decision() -> None:
    counted = tally({"S": V.DENY}, present=2, quorum=3, majority=Majority.SIMPLE)
    assert counted.outcome is None and not counted.quorate


def test_a_tie_decides_nothing_and_abstentions_are_not_cast() -> None:
    votes = {"S": V.DENY, "C": V.APPROVE, "E": V.ABSTAIN}
    assert tally(votes, present=3, quorum=3, majority=Majority.SIMPLE).outcome is None
    assert dissenters(votes, None) == []


def test_two_thirds_and_unanimity() -> None:
    votes = {"A": V.APPROVE, "B": V.APPROVE, "C": V.DENY}
    assert tally(votes, present=3, quorum=3, majority=Majority.TWO_THIRDS).outcome == V.APPROVE
    assert tally(votes, present=3, quorum=3, majority=Majority.UNANIMOUS).outcome is None
