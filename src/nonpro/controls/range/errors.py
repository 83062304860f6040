"""Errors of the range estimator: plain domain errors, mapped to HTTP and exit codes elsewhere."""

from __future__ import annotations

from nonpro.core.errors import InvalidInput, NonproError

__all__ = ["InvalidInput", "UnreadableSpec"]


class UnreadableSpec(InvalidInput):
    """The spec file could not be read or parsed as YAML/JSON; ``field`` is the file path."""


class EstimationFailed(NonproError):
    """The physics gave no usable answer (e.g. the vehicle cannot lift off)."""
