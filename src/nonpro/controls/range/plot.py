"""The payload–range trade-off curve as a PNG, with the MTCR thresholds drawn in."""

from __future__ import annotations

import io
import warnings

from nonpro.controls.range.schemas import RangeEstimate

_CATEGORY_COLOUR = {"I": "#b2182b", "II": "#ef8a62", "none": "#4d4d4d"}


def tradeoff_png(estimate: RangeEstimate, *, dpi: int = 110) -> bytes:
    """Render the trade-off curve; the shaded corner is Category I (≥ 500 kg to ≥ 300 km)."""
    # Imported here: matplotlib takes a fifth of a second to import, which every command of
    # the CLI and every server worker would otherwise pay for a chart few of them draw.
    import matplotlib

    matplotlib.use("Agg")  # no display: rendered on servers and in the CLI
    from matplotlib.figure import Figure  # imported after choosing the backend

    fig = Figure(figsize=(6.4, 4.2), dpi=dpi)
    ax = fig.add_subplot()
    payloads = [p.payload_kg for p in estimate.tradeoff]
    ranges = [p.range_km for p in estimate.tradeoff]
    top_range = max([*ranges, 400.0]) * 1.08
    top_payload = max(payloads) * 1.05
    ax.axvspan(300.0, top_range, ymin=0, ymax=1, color="#f4f4f4", zorder=0)
    ax.fill_between(
        [300.0, top_range],
        500.0,
        top_payload,
        color="#fddbc7",
        zorder=0,
        label="Category I region (≥ 500 kg to ≥ 300 km)",
    )
    ax.axvline(300.0, color="#999999", linestyle="--", linewidth=1)
    ax.axhline(500.0, color="#999999", linestyle=":", linewidth=1)
    colour = _CATEGORY_COLOUR[estimate.category]
    ax.plot(ranges, payloads, marker="o", color=colour, label="payload–range trade-off")
    ax.plot(
        [estimate.max_range_km],
        [estimate.payload_kg],
        marker="*",
        markersize=14,
        color="black",
        linestyle="none",
        label="declared payload",
    )
    ax.set_xlim(0.0, top_range)
    ax.set_ylim(0.0, top_payload)
    ax.set_xlabel("range (km)")
    ax.set_ylabel("payload (kg)")
    label = "below thresholds" if estimate.category == "none" else f"Category {estimate.category}"
    name = "".join(ch for ch in estimate.name if ch.isprintable())
    ax.set_title(f"{name}: {label}")
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(True, alpha=0.3)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A name in a script the bundled font lacks is drawn as boxes: legible enough, no error.
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()
