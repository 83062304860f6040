"""What the treaty templates draw: map shapes with a status each, and the chart's geometry.

Plain data for the templates; every mark also gets a text label, so colour is never the only
carrier of meaning (the legend names each fill and pattern, the tables repeat the data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from nonpro.reference.services import try_resolve_country
from nonpro.treaties.schemas import StateStatus, Status, TimelinePoint
from nonpro.treaties.services import load_state_lineage
from nonpro.web.treaties_map import HEIGHT, WIDTH, world_shapes

STATUS_LABELS = {
    Status.PARTY: "party",
    Status.CONSENTED: "ratified, not yet in force for it",
    Status.PROVISIONAL: "applies it provisionally, not bound",
    Status.SIGNATORY: "signatory, not party",
    Status.WITHDRAWN: "withdrawn",
    Status.NONE: "not party or signatory",
    Status.UNKNOWN: "unknown on this date",
}


@cache
def state_name(code: str) -> str:
    country = try_resolve_country(code)
    return country.name if country is not None else code


@dataclass(frozen=True)
class MapShape:
    state: str
    name: str
    path: str
    key: str  # the legend key: a status, or "in"/"out"/"this" on other maps
    label: str  # the accessible name: "Russian Federation: party since 1970-03-05"


def status_map(statuses: Mapping[str, StateStatus], as_of: date) -> list[MapShape]:
    """Every shape coloured by its state's status; before a successor existed, its
    predecessor's (the Russian Federation's shape shows the USSR before 1991-12-25)."""
    lineage = load_state_lineage()
    shapes = []
    for shape in world_shapes():
        found, via = statuses.get(shape.state), ""
        for record in lineage.records:
            if record.successor == shape.state and as_of < record.date:
                found, via = statuses.get(record.predecessor), f" (as {record.predecessor})"
        status = found.status if found else Status.NONE
        since = f" since {found.since_text}" if found and found.since_text else ""
        label = f"{state_name(shape.state)}: {STATUS_LABELS[status]}{since}{via}"
        shapes.append(MapShape(shape.state, shape.name, shape.path, status.value, label))
    return shapes


def membership_map(
    members: set[str], *, inside: str, outside: str, unknown: set[str] | None = None
) -> list[MapShape]:
    """Shapes split in two, or three: the states an answer lists, those it cannot decide (their
    dates cannot say), and the rest."""
    unknown = unknown or set()

    def key(state: str) -> tuple[str, str]:
        if state in members:
            return "in", inside
        if state in unknown:
            return "unknown", "unknown on this date (the dates cannot say)"
        return "out", outside

    return [
        MapShape(
            s.state, s.name, s.path, key(s.state)[0], f"{state_name(s.state)}: {key(s.state)[1]}"
        )
        for s in world_shapes()
    ]


def highlight_map(state: str) -> list[MapShape]:
    return [
        MapShape(
            s.state,
            s.name,
            s.path,
            "this" if s.state == state else "out",
            f"{state_name(s.state)}" + (" (this state)" if s.state == state else ""),
        )
        for s in world_shapes()
    ]


MAP_VIEWBOX = f"0 0 {WIDTH:.0f} {HEIGHT:.0f}"

CHART_W, CHART_H, PAD_L, PAD_B, PAD_T, PAD_R = 720.0, 260.0, 48.0, 28.0, 12.0, 96.0


@dataclass(frozen=True)
class Chart:
    parties: str  # polyline points
    signatories: str
    consented: str  # ratified, not yet in force for them (every CTBT ratifier)
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    width: float
    height: float
    last: TimelinePoint | None
    last_y: tuple[float, float]  # where the direct labels go
    x_end: float


def chart(points: list[TimelinePoint]) -> Chart:
    """A line chart of parties and signatories over time, in SVG user units."""
    if not points:
        return Chart("", "", "", [], [], CHART_W, CHART_H, None, (0, 0), PAD_L)
    top = max(max(p.parties, p.signatories, p.consented) for p in points)
    top = max(10, -(-top // 50) * 50)  # round up to a multiple of 50
    first, final = points[0].date.year, points[-1].date.year
    span = max(1, final - first)
    inner_w, inner_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B

    def x(year: float) -> float:
        return PAD_L + (year - first) / span * inner_w

    def y(value: float) -> float:
        return PAD_T + inner_h - value / top * inner_h

    def line(attr: str) -> str:
        return " ".join(f"{x(p.date.year):.1f},{y(getattr(p, attr)):.1f}" for p in points)

    step = 10 if span > 30 else 5 if span > 10 else 1
    years = range(first - first % step + step if first % step else first, final + 1, step)
    last = points[-1]
    return Chart(
        parties=line("parties"),
        signatories=line("signatories"),
        consented=line("consented") if any(p.consented for p in points) else "",
        x_ticks=[(x(year), str(year)) for year in years],
        y_ticks=[(y(v), str(v)) for v in range(0, top + 1, top // 5)],
        width=CHART_W,
        height=CHART_H,
        last=last,
        last_y=(
            y(last.consented if last.consented > last.parties else last.parties),
            y(last.signatories),
        ),
        x_end=x(final),
    )
