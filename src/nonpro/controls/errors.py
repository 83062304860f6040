"""Errors of the controls capability; each is a ``NonproError`` so the delivery layers map them."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput, NonproError, NotFound


class AnnexDataError(NonproError):
    """The Annex reference data cannot be used: names the file and what is wrong with it.

    Raised at load time so that a broken data file stops the program instead of producing
    classifications from half an Annex.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnknownAnnexVersion(NotFound):
    """No Annex version with that name is loaded."""

    def __init__(self, version: str) -> None:
        super().__init__("Annex version", version)


class UnknownAnnexItem(NotFound):
    """No Annex entry has that number (or starts with it)."""

    def __init__(self, number: str) -> None:
        super().__init__("Annex item", number)


class InvalidQuantity(InvalidInput):
    """A value given for a parameter is not a number in a unit the parameter accepts."""


__all__ = [
    "AnnexDataError",
    "InvalidQuantity",
    "UnknownAnnexItem",
    "UnknownAnnexVersion",
]
