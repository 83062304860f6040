"""The world's country shapes, from a vendored TopoJSON file: the treaty pages draw them as SVG,
the reports as a map of programmes.

No map library and no CDN: world-atlas's Natural Earth 1:110m shapes (keyed by ISO 3166-1
numeric code) are decoded here once, projected equirectangularly and turned into SVG path data;
the web templates add each shape's accessible name, its status and the legend. The file stays
where the web vendored it (``web/static/vendor``); this module only reads it, so the reports,
below the web in the layers, can draw the same shapes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

TOPOJSON = (
    Path(__file__).resolve().parents[1]
    / "web"
    / "static"
    / "vendor"
    / "world-atlas-2.0.2"
    / "countries-110m.json"
)
WIDTH = 960.0
NORTH, SOUTH = 84.0, -58.0  # Antarctica is left out: no state, and half the height
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
_OMIT = {"010"}  # Antarctica
# Shapes without an ISO numeric code in the file, and the codes nonpro records them under.
_UNCODED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


@dataclass(frozen=True)
class Shape:
    state: str  # ISO 3166 alpha-3
    name: str
    path: str  # SVG path data in the map's viewBox


def _project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) * SCALE, (NORTH - max(SOUTH, min(NORTH, lat))) * SCALE


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded integers; undo the deltas and the quantisation."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(_project(x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        # A negative index is the arc ~index walked backwards; consecutive arcs share a point.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    # A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps across the map; make
    # it continuous, then draw it again shifted by one map width so both sides show (the SVG
    # clips what falls outside the view box).
    unwrapped, shift = [points[0]], 0.0
    for (px, _), (x, y) in pairwise(points):
        if x - px > WIDTH / 2:
            shift -= WIDTH
        elif px - x > WIDTH / 2:
            shift += WIDTH
        unwrapped.append((x + shift, y))
    low, high = min(x for x, _ in unwrapped), max(x for x, _ in unwrapped)
    copies = [0.0] + ([WIDTH] if low < 0 else []) + ([-WIDTH] if high > WIDTH else [])
    return "".join(_path(unwrapped, offset) for offset in copies)


def _path(points: list[tuple[float, float]], offset: float) -> str:
    (hx, hy), *rest = points
    body = "".join(f"L{x + offset:.1f},{y:.1f}" for x, y in rest)
    return f"M{hx + offset:.1f},{hy:.1f}{body}Z"


def _alpha3(numeric: str | None, name: str) -> str | None:
    # Imported here: ``reference.services`` offers these shapes, so it imports this module.
    from nonpro.reference.services import country_by_numeric

    if numeric is None:
        return _UNCODED.get(name)
    country = country_by_numeric(numeric)
    return country.alpha_3 if country is not None else None


@cache
def world_shapes() -> tuple[Shape, ...]:
    """Every country shape of the vendored file, with its alpha-3 code and SVG path."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths: dict[str, str] = {}
    names: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric, name = geometry.get("id"), geometry["properties"]["name"]
        code = _alpha3(numeric, name)
        if numeric in _OMIT or code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        path = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        # Somaliland and N. Cyprus are drawn as part of the states the UN records.
        paths[code] = paths.get(code, "") + path
        names.setdefault(code, name)
    return tuple(Shape(state=c, name=names[c], path=p) for c, p in paths.items())
