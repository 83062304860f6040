"""Errors of the cases capability: plain exceptions, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.cases.schemas import GateReason
from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied


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


class DecisionBlocked(Conflict):
    """The decision gates refuse the decision: every reason at once, each with its source."""

    def __init__(self, reference: str, decision: str, reasons: list[GateReason]) -> None:
        lines = "\n".join(f"  - {r.text} (source: {r.source})" for r in reasons)
        super().__init__(f"case {reference} cannot be decided ({decision}) now:\n{lines}")
        self.reasons = reasons
        self.reference = reference


class SelfCountersignature(PermissionDenied):
    """Two-person approval: whoever proposed a decision cannot countersign it."""
