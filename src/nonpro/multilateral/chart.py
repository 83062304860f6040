"""The contributions chart as numbers for a server-side SVG: stacked bars per year by fund.

Only geometry is computed here; the template draws it, and the same numbers go in a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from nonpro.multilateral.rules import Fund
from nonpro.multilateral.schemas_contributions import Totals

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40


@dataclass(frozen=True)
class Segment:
    fund: Fund
    amount: Decimal
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    year: int
    x: float
    width: float
    total: Decimal
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    y_ticks: list[tuple[float, str]]
    baseline: float


def _nice_step(top: Decimal) -> Decimal:
    raw = top / 4
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for factor in (1, 2, 5, 10):
        if raw <= magnitude * factor:
            return magnitude * factor
    return magnitude * 10


def _money(value: Decimal) -> str:
    if value >= 1_000_000:
        return f"${value / 1_000_000:,.1f}M"
    if value >= 1_000:
        return f"${value / 1_000:,.0f}k"
    return f"${value:,.0f}"


def build(totals: Totals) -> Chart | None:
    if not totals.by_year:
        return None
    years = sorted(totals.by_year)
    step = _nice_step(max(totals.by_year.values()))
    top = step * 4
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    baseline = float(HEIGHT - BOTTOM)
    bars = []
    for i, year in enumerate(years):
        y = baseline
        segments = []
        for fund in Fund:
            amount = sum(
                (r.total for r in totals.rows if r.year == year and r.fund is fund), Decimal(0)
            )
            if not amount:
                continue
            h = float(amount / top) * plot_h
            y -= h
            segments.append(Segment(fund=fund, amount=amount, y=round(y, 1), height=round(h, 1)))
        bars.append(
            Bar(
                year=year,
                x=round(LEFT + i * slot + slot * 0.2, 1),
                width=round(slot * 0.6, 1),
                total=totals.by_year[year],
                segments=segments,
            )
        )
    ticks = [
        (round(baseline - float(step * k / top) * plot_h, 1), _money(step * k)) for k in range(5)
    ]
    return Chart(width=WIDTH, height=HEIGHT, bars=bars, y_ticks=ticks, baseline=baseline)
