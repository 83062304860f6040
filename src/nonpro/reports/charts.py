"""Charts as PNG or SVG bytes (matplotlib, no display), the same bytes for the same figures.

matplotlib is imported when a chart is drawn: it is slow to import and most commands draw none.
Metadata that would differ run to run (software version, SVG ids) is fixed or left out.
"""

from __future__ import annotations

import io
from typing import Literal

ImageFormat = Literal["png", "svg"]
_INK = "#1b2a3a"
_BAR = "#2f5d8a"


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    image_format: ImageFormat = "png",
    horizontal: bool = False,
) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    matplotlib.rcParams["svg.hashsalt"] = "nonpro"
    figure, axes = pyplot.subplots(
        figsize=(6.4, 3.2 if not horizontal else 0.9 + 0.3 * len(labels))
    )
    try:
        if horizontal:
            axes.barh(labels, values, color=_BAR)
            axes.invert_yaxis()
            axes.set_xlabel(ylabel)
            axes.set_ylabel(xlabel)
        else:
            axes.bar(labels, values, color=_BAR)
            axes.set_xlabel(xlabel)
            axes.set_ylabel(ylabel)
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title, color=_INK, fontsize=11)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Software": None} if image_format == "png" else {"Date": None, "Creator": None}
        figure.savefig(buffer, format=image_format, dpi=150, metadata=metadata)
        return buffer.getvalue()
    finally:
        pyplot.close(figure)


# Colour-blind-safe (Okabe-Ito), in the order of the missile classes.
_SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _save(figure: object, image_format: ImageFormat) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Software": None} if image_format == "png" else {"Date": None, "Creator": None}
    figure.savefig(buffer, format=image_format, dpi=150, metadata=metadata)  # type: ignore[attr-defined]
    return buffer.getvalue()


def stacked_bar_chart(
    labels: list[str],
    series: dict[str, list[int]],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    image_format: ImageFormat = "png",
) -> bytes:
    """Bars of ``labels`` split by ``series`` (e.g. months by missile class), with the legend
    and the source written into the picture, so it reads on its own."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    matplotlib.rcParams["svg.hashsalt"] = "nonpro"
    figure, axes = pyplot.subplots(figsize=(6.4, 3.6))
    try:
        bottom = [0] * len(labels)
        for index, (name, values) in enumerate(series.items()):
            colour = _SERIES[index % len(_SERIES)]
            axes.bar(labels, values, bottom=bottom, color=colour, label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title, color=_INK, fontsize=11)
        if series:
            axes.legend(title="Class", fontsize=7, title_fontsize=8, frameon=False, loc="best")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.text(0.01, 0.01, f"Source: {source}", fontsize=6, color=_INK)
        figure.tight_layout(rect=(0, 0.04, 1, 1))
        return _save(figure, image_format)
    finally:
        pyplot.close(figure)


def matrix_chart(
    rows: list[str],
    columns: list[str],
    cells: list[list[str]],
    *,
    states: dict[str, str],
    title: str,
    source: str,
    image_format: ImageFormat = "png",
) -> bytes:
    """A grid of ``rows`` by ``columns``, each cell coloured by its state (a key of
    ``states``, whose values are the legend's words); the state is also written in the cell,
    so the picture does not rely on colour alone."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.patches import Patch, Rectangle

    matplotlib.rcParams["svg.hashsalt"] = "nonpro"
    colours = {key: _SERIES[i % len(_SERIES)] for i, key in enumerate(states)}
    figure, axes = pyplot.subplots(figsize=(6.4, 1.6 + 0.45 * len(rows)))
    try:
        for y, row in enumerate(cells):
            for x, state in enumerate(row):
                axes.add_patch(Rectangle((x, y), 0.96, 0.9, color=colours[state], alpha=0.35, lw=0))
                axes.text(x + 0.48, y + 0.45, states[state], ha="center", va="center", fontsize=6)
        axes.set_xlim(0, len(columns))
        axes.set_ylim(len(rows), 0)
        axes.set_xticks([x + 0.48 for x in range(len(columns))], columns, fontsize=8)
        axes.set_yticks([y + 0.45 for y in range(len(rows))], rows, fontsize=8)
        axes.xaxis.tick_top()
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)
        axes.set_title(title, color=_INK, fontsize=11, pad=18)
        handles = [Patch(color=colours[k], alpha=0.35, label=v) for k, v in states.items()]
        figure.legend(
            handles=handles, loc="lower center", ncol=len(states), fontsize=6, frameon=False
        )
        figure.text(0.01, 0.005, f"Source: {source}", fontsize=6, color=_INK)
        figure.tight_layout(rect=(0, 0.1, 1, 1))
        return _save(figure, image_format)
    finally:
        pyplot.close(figure)


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """SVG path data of ``M x,y L x,y … Z`` rings (as the reference map writes it) as points."""
    rings = []
    for part in path.split("M")[1:]:
        body = part.replace("Z", "")
        rings.append([(float(x), float(y)) for x, y in (p.split(",") for p in body.split("L"))])
    return rings


def map_chart(
    shapes: list[tuple[str, str]],
    highlighted: dict[str, tuple[str, str]],
    *,
    states: dict[str, str],
    title: str,
    source: str,
    image_format: ImageFormat = "png",
) -> bytes:
    """Country ``shapes`` ((code, SVG path) in map units, y downwards); each ``highlighted``
    code is coloured by its state and labelled with its name and the state's words, so the
    map does not rely on colour alone; the view frames the highlighted countries."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    matplotlib.rcParams["svg.hashsalt"] = "nonpro"
    colours = {key: _SERIES[i % len(_SERIES)] for i, key in enumerate(states)}
    figure, axes = pyplot.subplots(figsize=(6.4, 4.0))
    try:
        others = [r for code, path in shapes if code not in highlighted for r in _rings(path)]
        axes.add_collection(
            PolyCollection(others, facecolor="#e6e6e6", edgecolor="#ffffff", lw=0.3)
        )
        focus: list[tuple[float, float]] = []
        for code, path in shapes:
            if code not in highlighted:
                continue
            name, state = highlighted[code]
            rings = _rings(path)
            axes.add_collection(
                PolyCollection(rings, facecolor=colours[state], edgecolor=_INK, lw=0.4, alpha=0.8)
            )
            largest = max(rings, key=len)
            focus += [p for ring in rings for p in ring]
            x = sum(p[0] for p in largest) / len(largest)
            y = sum(p[1] for p in largest) / len(largest)
            # The label sits above its country, tied to it by a line: a small country stays
            # visible under it.
            axes.annotate(
                f"{name}\n{states[state]}",
                (x, y),
                xytext=(0, 22),
                textcoords="offset points",
                fontsize=6,
                ha="center",
                va="bottom",
                color=_INK,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.85, "lw": 0},
                arrowprops={"arrowstyle": "-", "lw": 0.5, "color": _INK},
            )
        xs, ys = [p[0] for p in focus] or [0.0, 960.0], [p[1] for p in focus] or [0.0, 480.0]
        margin = 40.0
        axes.set_xlim(min(xs) - margin, max(xs) + margin)
        axes.set_ylim(max(ys) + margin, min(ys) - margin)
        axes.set_aspect("equal")
        axes.set_axis_off()
        axes.set_title(title, color=_INK, fontsize=11)
        handles = [Patch(color=colours[k], alpha=0.8, label=v) for k, v in states.items()]
        handles.append(Patch(color="#e6e6e6", label="not a country of this report"))
        figure.legend(
            handles=handles,
            loc="lower center",
            ncol=3,
            fontsize=6,
            frameon=False,
            bbox_to_anchor=(0.5, 0.03),
        )
        figure.text(0.01, 0.005, f"Source: {source}", fontsize=6, color=_INK)
        figure.tight_layout(rect=(0, 0.14, 1, 1))
        return _save(figure, image_format)
    finally:
        pyplot.close(figure)
