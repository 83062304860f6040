"""Errors of the reference capability."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput


class UnknownCountry(InvalidInput):
    def __init__(self, text: str, field: str = "country") -> None:
        super().__init__(field, f"{text!r} is not a state nonpro knows")
        self.text = text
