"""Errors of the catch-all capability."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput, NonproError

__all__ = ["CatchAllDataError", "InvalidInput"]


class CatchAllDataError(NonproError):
    """A reference data file is unusable: names the file and the problem, at load time."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
