"""Errors of the cases capability: plain exceptions, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.core.errors import Conflict, InvalidInput


class TransitionNotAllowed(Conflict):
    """The table has no arrow from the case's status to the one asked for."""

    def __init__(self, current: str, target: str, allowed: list[str]) -> None:
        options = ", ".join(allowed) or "none (the case is final)"
        super().__init__(
            f"a case in status {current!s} cannot go to {target!s}; allowed from here: {options}"
        )
        self.current = current
        self.target = target


class StaleVersion(Conflict):
    """Someone else changed the case since the caller read it: their change is kept."""

    def __init__(self, reference: str, expected: int, actual: int) -> None:
        super().__init__(
            f"case {reference} was changed by someone else (you had version {expected}, "
            f"it is now {actual}); reload it and apply your change again"
        )
        self.expected = expected
        self.actual = actual


class BadDocument(InvalidInput):
    """An uploaded document failed the size or type checks."""
