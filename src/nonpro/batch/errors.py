"""Errors of bulk screening."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput


class TableError(InvalidInput):
    """An input or output table cannot be used: names the file (or column) and the problem."""
