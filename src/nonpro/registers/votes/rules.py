"""The votes a state can cast on a resolution, and the spellings vote tables use for them."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Vote(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"  # did not vote, or was not present


# The spellings vote tables use, casefolded, for each vote.
VOTE_SPELLINGS: Final[dict[str, Vote]] = {
    **dict.fromkeys(("yes", "y", "for", "in favour", "in favor", "favour", "favor"), Vote.YES),
    **dict.fromkeys(("no", "n", "against"), Vote.NO),
    **dict.fromkeys(("abstain", "a", "abstention", "abstained", "abs"), Vote.ABSTAIN),
    **dict.fromkeys(("absent", "non-voting", "nv", "x", "did not vote", "not voting"), Vote.ABSENT),
}


def parse_vote(text: str) -> Vote:
    found = VOTE_SPELLINGS.get(" ".join(text.split()).casefold())
    if found is None:
        raise ValueError(f"{text!r} is not a vote: yes, no, abstain or absent")
    return found
