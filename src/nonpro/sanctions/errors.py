"""Errors of the sanctions capability."""

from __future__ import annotations

from nonpro.core.errors import Conflict, NonproError


class StatuteDataError(NonproError):
    """The reviewed statute data is unusable: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DeterminationEnded(Conflict):
    """A waiver or termination was asked for on a determination that has already ended."""
