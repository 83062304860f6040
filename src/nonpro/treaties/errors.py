"""Errors of the treaties capability; a parse error names the file, the place and the problem."""

from __future__ import annotations

from pathlib import Path

from nonpro.core.errors import InvalidInput, NonproError, NotFound


class TreatiesError(NonproError):
    """Base of the treaties capability's errors."""


class TreatyParseError(InvalidInput):
    """A status page or file could not be read: ``file``, ``location`` and ``problem`` say why."""

    def __init__(self, file: Path | str, location: str, problem: str) -> None:
        where = f"{file}" + (f" ({location})" if location else "")
        super().__init__(where, problem)
        self.file = str(file)
        self.location = location


class UnknownState(InvalidInput):
    """A country name on a page could not be resolved to an ISO 3166 alpha-3 code."""

    def __init__(self, name: str, *, file: Path | str = "", location: str = "") -> None:
        where = f"{file} ({location})" if file else "state"
        super().__init__(where, f"unknown country name {name!r}")
        self.name = name


class UnknownInstrument(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__("instrument", code)
        self.code = code


class TreatyDownloadError(NonproError):
    """A page could not be fetched; nothing was stored."""

    def __init__(self, page: str, url: str, problem: str) -> None:
        super().__init__(f"{page}: download from {url} failed: {problem}")
        self.page = page
        self.url = url
