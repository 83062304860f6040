"""Range and payload of complete rockets and UAVs, and the MTCR finding they lead to.

``estimate_range(spec)`` is the one entry point; ``load_spec(path)`` reads a YAML or JSON spec.
"""

from __future__ import annotations

from nonpro.controls.range.schemas import (
    AircraftSpec,
    MissileSpec,
    RangeEstimate,
    RocketSpec,
    StageSpec,
    TradeoffPoint,
)
from nonpro.controls.range.services import (
    estimate_range,
    example_specs,
    load_spec,
    parse_spec,
    parse_spec_text,
)

__all__ = [
    "AircraftSpec",
    "MissileSpec",
    "RangeEstimate",
    "RocketSpec",
    "StageSpec",
    "TradeoffPoint",
    "estimate_range",
    "example_specs",
    "load_spec",
    "parse_spec",
    "parse_spec_text",
]
