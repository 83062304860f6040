"""Errors of interagency review: plain exceptions, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.core.errors import Conflict, PermissionDenied


class NotReferredToAgency(PermissionDenied):
    """A representative asked about a case that was not referred to their agency."""

    def __init__(self, agency: str | None, what: str) -> None:
        super().__init__(f"{what} is not referred to {agency or 'your agency'}")
        self.agency = agency


class IdempotencyKeyReused(Conflict):
    """The same idempotency key came with different advice: the first submission stands."""


class EscalationOutOfOrder(Conflict):
    """An escalation skipped a level, or the level below has not decided yet."""
