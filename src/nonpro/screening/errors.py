"""Errors of the screening capability."""

from __future__ import annotations

from pathlib import Path

from nonpro.core.errors import NonproError


class ListParseError(NonproError):
    """A list file could not be read: names the file, where in it, and what is wrong.

    ``location`` is whatever locates the problem in that format: ``"line 12"`` for CSV and
    tab-separated files, an element path such as ``"entity[id=36]/names"`` or ``"line 40"`` for
    XML, ``"line 3"`` for JSON lines, or ``None`` when the whole file is the problem.
    """

    def __init__(self, path: Path | str, location: str | None, problem: str) -> None:
        self.path = str(path)
        self.location = location
        self.problem = problem
        where = f"{self.path}, {location}" if location else self.path
        super().__init__(f"{where}: {problem}")


class ListDownloadError(NonproError):
    """The download failed; nothing was loaded and the previous snapshot stays active."""

    def __init__(self, source: str, url: str, problem: str) -> None:
        super().__init__(f"{source}: download from {url} failed: {problem}")
        self.source = source
        self.url = url
        self.problem = problem
