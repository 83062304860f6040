"""Errors of the UN Register of Conventional Arms."""

from __future__ import annotations

from nonpro.registers.errors import UnreadableRegisterFile

__all__ = ["UnreadableRegisterFile"]
