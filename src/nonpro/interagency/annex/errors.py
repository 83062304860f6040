"""Errors of Annex proposals: plain exceptions, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.core.errors import Conflict, InvalidInput


class ProposalOutOfOrder(Conflict):
    """A step taken before its prerequisite (a plenary before the TEM, a U.S. position before
    the views were requested), or after the proposal ended."""


class NotACommitteeMember(InvalidInput):
    """A view from an agency that is not one of MARC's members (by the group's config)."""

    def __init__(self, agency: str, members: list[str]) -> None:
        super().__init__(
            "agency", f"{agency} is not a member of MARC (its members: {', '.join(members)})"
        )
        self.agency = agency
