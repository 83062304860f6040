"""The negotiation files' vocabulary: the forums where states speak and the kinds of position."""

from __future__ import annotations

from enum import StrEnum


class Forum(StrEnum):
    CD = "CD"
    UNGA1 = "UNGA1"
    UNDC = "UNDC"
    NPT = "NPT"
    CTBTO = "CTBTO"
    OTHER = "OTHER"

    @property
    def label(self) -> str:
        return FORUM_LABELS[self]


FORUM_LABELS: dict[Forum, str] = {
    Forum.CD: "Conference on Disarmament",
    Forum.UNGA1: "UNGA First Committee",
    Forum.UNDC: "UN Disarmament Commission",
    Forum.NPT: "NPT review",
    Forum.CTBTO: "CTBTO",
    Forum.OTHER: "other",
}


def parse_forum(text: str) -> Forum:
    """``"cd"``, ``"UNGA First Committee"``, ``"npt review"`` → the forum."""
    wanted = " ".join(text.split()).casefold()
    for forum in Forum:
        if wanted in (forum.value.casefold(), forum.label.casefold()):
            return forum
    allowed = ", ".join(f"{f.value} ({f.label})" for f in Forum)
    raise ValueError(f"{text!r} is not a forum: {allowed}")


class PositionKind(StrEnum):
    STATEMENT = "statement"
    WORKING_PAPER = "working_paper"
    VOTE = "vote"
    OTHER = "other"
