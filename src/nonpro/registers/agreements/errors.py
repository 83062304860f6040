"""Errors of the register of nuclear cooperation agreements."""

from __future__ import annotations

from nonpro.registers.errors import UnreadableRegisterFile

__all__ = ["UnreadableRegisterFile"]
