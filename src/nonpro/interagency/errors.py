"""Errors of interagency review: plain exceptions, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied


class NotReferredToAgency(PermissionDenied):
    """A representative asked about a case that was not referred to their agency."""

    def __init__(self, agency: str | None, what: str) -> None:
        super().__init__(f"{what} is not referred to {agency or 'your agency'}")
        self.agency = agency


class IdempotencyKeyReused(Conflict):
    """The same idempotency key came with different advice: the first submission stands."""


class EscalationOutOfOrder(Conflict):
    """An escalation skipped a level, or the level below has not decided yet."""


class NonVotingAgency(InvalidInput):
    """A vote from a member the group lists as advising only (the intelligence community)."""

    def __init__(self, agency: str, group: str, voters: str) -> None:
        super().__init__(
            "agency",
            f"{agency} advises {group} but does not vote (the group's voting agencies: "
            f"{voters}); its advice on the referral is kept",
        )


class AppealSignature(InvalidInput):
    """An appeal not signed by the role the order names (EO 12981: the agency head for the
    EARB and the President, a PAS official for the ACEP)."""
