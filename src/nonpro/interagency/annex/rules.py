"""The vocabulary and the order of an Annex amendment proposal, as tables.

A proposal moves draft -> under_review (views requested from MARC's member agencies) ->
position_set (the chair records the U.S. position) -> tem_decided (the Technical Experts
Meeting) -> plenary_decided. A TEM that rejects or sees the proposal withdrawn ends it there; a
deferral keeps it where it was, for a later meeting to decide.
"""

from __future__ import annotations

from enum import StrEnum

# The interagency group that reviews Annex proposals (data/groups.yaml): its members give views.
COMMITTEE = "MARC"
UNITED_STATES = "United States"


class Status(StrEnum):
    DRAFT = "draft"
    UNDER_REVIEW = "under_review"
    POSITION_SET = "position_set"
    TEM_DECIDED = "tem_decided"
    PLENARY_DECIDED = "plenary_decided"


class ViewPosition(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NO_VIEW = "no_view"


class USPosition(StrEnum):
    SUPPORT = "support"
    SUPPORT_WITH_CHANGES = "support_with_changes"
    OPPOSE = "oppose"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


class Stage(StrEnum):
    TEM = "tem"
    PLENARY = "plenary"


# What each step needs the proposal to be in, and where it leaves it (per outcome for meetings).
REQUIRED_STATUS: dict[str, Status] = {
    "request_views": Status.DRAFT,
    "record_view": Status.UNDER_REVIEW,
    "set_position": Status.UNDER_REVIEW,
    Stage.TEM.value: Status.POSITION_SET,
    Stage.PLENARY.value: Status.TEM_DECIDED,
}

# Why a step cannot be taken yet: the prerequisite, in words.
PREREQUISITE: dict[str, str] = {
    "request_views": "views are requested once, from a draft",
    "record_view": "views are recorded once the chair has requested them, before the U.S. position",
    "set_position": "the U.S. position is set after the agencies' views are requested",
    Stage.TEM.value: "the Technical Experts Meeting decides after the U.S. position is set",
    Stage.PLENARY.value: "the plenary decides after the Technical Experts Meeting adopted it",
}

# A deferral keeps the proposal where it was; any other outcome decides the stage.
DECIDED: dict[Stage, Status] = {
    Stage.TEM: Status.TEM_DECIDED,
    Stage.PLENARY: Status.PLENARY_DECIDED,
}


def ended(status: Status, tem_outcome: Outcome | None) -> bool:
    """Whether nothing more can happen: the plenary decided, or the TEM did not adopt it."""
    if status == Status.PLENARY_DECIDED:
        return True
    return status == Status.TEM_DECIDED and tem_outcome not in (None, Outcome.ADOPTED)


# Case types a group does not take: MARC reviews proposals to amend the Annex, not licences
# (issue 22 item 9).
NOT_A_MATTER_FOR: dict[str, frozenset[str]] = {COMMITTEE: frozenset({"munitions_license"})}


def refusal_of_case(group: str, case_type: str, reference: str) -> str | None:
    """Why a case of ``case_type`` may not be referred to ``group``, or None when it may."""
    if case_type not in NOT_A_MATTER_FOR.get(group.upper(), frozenset()):
        return None
    return (
        f"case {reference} is a {case_type.replace('_', ' ')}: munitions cases are not a "
        f"{COMMITTEE} matter ({COMMITTEE} reviews proposals to amend the MTCR Annex)"
    )
