"""The world map of the treaty pages: the shapes come from the reference capability
(``reference.world_map``), which the reports' map of programmes reads too."""

from __future__ import annotations

from nonpro.reference.services import MAP_HEIGHT as HEIGHT
from nonpro.reference.services import MAP_WIDTH as WIDTH
from nonpro.reference.services import world_shapes

__all__ = ["HEIGHT", "WIDTH", "world_shapes"]
