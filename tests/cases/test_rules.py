"""The transition table, tested as a table: every arrow, its permission, and every refusal."""

from __future__ import annotations

import itertools

import pytest

from nonpro.accounts.rules import Permission
from nonpro.cases import rules
from nonpro.cases.rules import Status

S = Status

MANAGE, CHAIR = Permission.MANAGE_CASES, Permission.CHAIR_GROUPS

# The state machine, written out once more by hand: the code must agree row for row.
EXPECTED = {
    (S.DRAFT, S.SUBMITTED): MANAGE,
    (S.SUBMITTED, S.UNDER_REVIEW): MANAGE,
    (S.SUBMITTED, S.RETURNED_WITHOUT_ACTION): MANAGE,
    (S.UNDER_REVIEW, S.ON_HOLD): MANAGE,
    (S.UNDER_REVIEW, S.REFERRED): MANAGE,
    (S.UNDER_REVIEW, S.DECIDED): MANAGE,
    (S.UNDER_REVIEW, S.RETURNED_WITHOUT_ACTION): MANAGE,
    (S.ON_HOLD, S.UNDER_REVIEW): MANAGE,
    (S.ON_HOLD, S.REFERRED): MANAGE,
    (S.ON_HOLD, S.RETURNED_WITHOUT_ACTION): MANAGE,
    (S.REFERRED, S.ON_HOLD): MANAGE,
    (S.REFERRED, S.DECIDED): CHAIR,
    (S.REFERRED, S.UNDER_REVIEW): MANAGE,
    (S.DECIDED, S.CLOSED): MANAGE,
    (S.DECIDED, S.REOPENED): MANAGE,
    (S.RETURNED_WITHOUT_ACTION, S.CLOSED): MANAGE,
    (S.RETURNED_WITHOUT_ACTION, S.REOPENED): MANAGE,
    (S.CLOSED, S.REOPENED): MANAGE,
    (S.REOPENED, S.UNDER_REVIEW): MANAGE,
}


def test_the_table_is_the_expected_table() -> None:
    assert rules.TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("source", "target"), list(itertools.product(S, S)))
def test_every_pair_is_allowed_exactly_when_in_the_table(source: S, target: S) -> None:
    assert rules.permission_for(source, target) == EXPECTED.get((source, target))
    assert (target in rules.allowed_targets(source)) == ((source, target) in EXPECTED)


def test_every_status_is_reachable_from_draft() -> None:
    seen, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        for target in rules.allowed_targets(frontier.pop()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(S)


def test_no_status_is_a_dead_end_except_through_reopening() -> None:
    assert all(rules.allowed_targets(status) for status in S)
    assert S.REOPENED in rules.allowed_targets(S.CLOSED)


def test_only_on_hold_pauses_the_clock_and_final_states_are_not_open() -> None:
    assert {S.ON_HOLD} == rules.PAUSED_STATUSES
    assert not {S.DECIDED, S.CLOSED, S.RETURNED_WITHOUT_ACTION} & rules.OPEN_STATUSES


def test_review_days_cover_every_case_type() -> None:
    assert set(rules.REVIEW_DAYS) == set(rules.CaseType)
    assert rules.REVIEW_DAYS[rules.CaseType.MUNITIONS_LICENSE] == 60  # NSPD-56
