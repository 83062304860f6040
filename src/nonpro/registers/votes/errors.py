"""Errors of the UNGA First Committee votes."""

from __future__ import annotations

from nonpro.registers.errors import UnreadableRegisterFile

__all__ = ["UnreadableRegisterFile"]
