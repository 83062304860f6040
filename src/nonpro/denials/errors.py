"""Errors of the denial register."""

from __future__ import annotations

from nonpro.core.errors import Conflict
from nonpro.registers.errors import UnreadableRegisterFile


class DenialAlreadyWithdrawn(Conflict):
    """A denial is withdrawn once; a second withdrawal would rewrite the date it ended."""

    def __init__(self, reference: str, withdrawn_on: object) -> None:
        super().__init__(f"denial {reference} was already withdrawn on {withdrawn_on}")
        self.reference = reference


__all__ = ["DenialAlreadyWithdrawn", "UnreadableRegisterFile"]
