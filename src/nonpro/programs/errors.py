"""Errors of the programs capability."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput


class UnreadableData(InvalidInput):
    """A program data file could not be read: names the file and what is wrong with it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
