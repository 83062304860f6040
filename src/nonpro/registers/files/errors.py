"""Errors of the negotiation files."""

from __future__ import annotations

from nonpro.registers.errors import UnreadableRegisterFile

__all__ = ["UnreadableRegisterFile"]
