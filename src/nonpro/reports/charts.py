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
