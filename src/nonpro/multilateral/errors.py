"""Errors of the multilateral capability."""

from __future__ import annotations

from nonpro.core.errors import Conflict, NonproError, PermissionDenied


class CalendarDataError(NonproError):
    """The seeded calendar facts are unusable: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class TransitionNotAllowed(Conflict):
    """An instruction was asked to take a step its state does not allow; names what is allowed."""


class DutiesNotSeparated(PermissionDenied):
    """The actor may take this step in general, but not on this instruction: they already did
    a step the same person may not also do, or they do not clear for the office. ``field`` is
    the input the refusal concerns (``office`` for a clearance, ``action`` otherwise)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
