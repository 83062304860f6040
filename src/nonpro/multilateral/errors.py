"""Errors of the multilateral capability."""

from __future__ import annotations

from nonpro.core.errors import Conflict, NonproError


class CalendarDataError(NonproError):
    """The seeded calendar facts are unusable: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class TransitionNotAllowed(Conflict):
    """An instruction was asked to take a step its state does not allow; names what is allowed."""
