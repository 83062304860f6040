"""Pieces every report layout uses: number formats, the standard tables, the inputs section."""

from __future__ import annotations

import datetime as dt

from nonpro.reports.charts import bar_chart
from nonpro.reports.document import Block, Document, Figure, Paragraph, Section, Table
from nonpro.reports.schemas import (
    ActionRow,
    DeterminationRow,
    FlightTestRow,
    InputRef,
    OfficeRecordRow,
    Report,
    SystemRow,
    TransferRow,
    TreatyChangeRow,
)

ISSUER = "nonpro: Office of Missile, Biological, and Chemical Nonproliferation (working draft)"
CNS = "CNS North Korea Missile Test Database (James Martin CNS for NTI)"
SIPRI = "SIPRI Arms Transfers Database (c) SIPRI"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day_or_dash(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def km(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def count(value: int | None) -> str:
    return "no data recorded" if value is None else str(value)


def up_to(year: int, through: dt.date | None) -> str:
    """ "2025", or "2025 up to 2025-03-13 (where the data ends)"."""
    return f"{year} up to {through.isoformat()} (where the data ends)" if through else str(year)


def day(row: FlightTestRow) -> str:
    return row.day.strftime("%Y-%m") if row.date_precision == "month" else row.day.isoformat()


def systems_table(rows: list[SystemRow], caption: str) -> Table:
    stated = sorted({r.range_source for r in rows if r.range_source})
    return Table(
        caption=caption,
        headers=[
            "System",
            "Also known as",
            "Class",
            "Tests",
            "Max distance flown (km)",
            "Max apogee (km)",
            "Stated range (km)",
            "Payload (kg)",
        ],
        rows=[
            [
                r.name,
                ", ".join(r.aliases) or "—",
                r.missile_class,
                str(r.tests),
                km(r.max_distance_km),
                km(r.max_apogee_km),
                km(r.range_km),
                km(r.payload_kg),
            ]
            for r in rows
        ],
        source=CNS
        + "; distances and apogees as flown in tests"
        + ("; stated range and payload: " + "; ".join(stated) if stated else ""),
    )


def tests_table(rows: list[FlightTestRow], caption: str) -> Table:
    return Table(
        caption=caption,
        headers=[
            "Date",
            "System",
            "Class",
            "Launch site",
            "Apogee (km)",
            "Distance (km)",
            "Outcome",
        ],
        rows=[
            [
                day(r),
                r.system,
                r.missile_class,
                r.site or "unknown",
                km(r.apogee_km),
                km(r.distance_km),
                r.outcome,
            ]
            for r in rows
        ],
        source=CNS,
    )


def transfers_table(rows: list[TransferRow], caption: str) -> Table:
    return Table(
        caption=caption,
        headers=[
            "Supplier",
            "Recipient",
            "Designation",
            "Description",
            "Ordered",
            "Delivered",
            "Delivery years",
        ],
        rows=[
            [
                r.supplier,
                r.recipient,
                r.designation,
                r.description,
                f"{r.number_ordered or '—'} ({r.order_year or '?'})",
                str(r.number_delivered or "—"),
                ", ".join(str(y) for y in r.delivery_years) or "—",
            ]
            for r in rows
        ],
        source="Source: " + SIPRI,
        empty="No transfers of missiles or launchers recorded.",
    )


def determinations_table(rows: list[DeterminationRow], caption: str) -> Table:
    return Table(
        caption=caption,
        headers=["Date", "Entities", "Authorities", "Measures", "Federal Register", "Status"],
        rows=[
            [
                r.date.isoformat(),
                "; ".join(r.entities),
                ", ".join(r.authorities),
                ", ".join(r.measures),
                r.fr_citation or "—",
                r.status,
            ]
            for r in rows
        ],
        source="nonpro sanctions register",
        empty="No determinations recorded.",
    )


def actions_table(rows: list[ActionRow], caption: str) -> Table:
    """Waivers and terminations of determinations, as the register records them."""
    return Table(
        caption=caption,
        headers=["Action", "Effective", "Entities", "Authorities", "Citation"],
        rows=[
            [
                a.kind,
                a.date.isoformat(),
                "; ".join(a.entities),
                ", ".join(a.authorities),
                a.citation or "—",
            ]
            for a in rows
        ],
        source="nonpro sanctions register",
        empty="No waivers or terminations recorded.",
    )


def treaty_table(rows: list[TreatyChangeRow], caption: str) -> Table:
    return Table(
        caption=caption,
        headers=["Instrument", "Before", "After", "Since", "Source"],
        rows=[
            [r.instrument, r.before, r.after, r.date_text or day_or_dash(r.date), r.source]
            for r in rows
        ],
        source="nonpro treaties (depositary records)",
        empty="No treaty or regime status changes recorded.",
    )


def counts_figure(
    counts: dict[str, int],
    *,
    caption: str,
    alt_subject: str,
    label: str,
    source: str,
    labels: list[str] | None = None,
    horizontal: bool = False,
    value_label: str = "Count",
) -> Figure:
    """A bar chart of ``counts`` with its alt text and the same numbers as a table."""
    shown = labels or list(counts)
    # A short series reads best as one row under the chart; a long one as a column.
    wide = not horizontal and len(shown) <= 13
    values = list(counts.values())
    described = ", ".join(f"{name} {value}" for name, value in zip(shown, values, strict=True))
    png = bar_chart(
        shown,
        [float(v) for v in values],
        title=caption,
        xlabel=label,
        ylabel=value_label,
        horizontal=horizontal,
    )
    return Figure(
        caption=caption,
        alt=f"Bar chart of {alt_subject}: {described or 'none'}.",
        png=png,
        table=Table(
            caption=f"{caption} (data)",
            headers=[label, *shown] if wide else [label, value_label],
            rows=[[value_label, *(str(v) for v in values)]]
            if wide
            else [[name, str(value)] for name, value in zip(shown, values, strict=True)],
            source=source,
        ),
    )


def inputs_section(refs: list[InputRef], input_hash: str) -> Section:
    return Section(
        id="sources",
        title="Sources and inputs",
        blocks=[
            Paragraph(
                "This report was generated by nonpro from the data listed below. The same data "
                f"gives the same report; the SHA-256 of its figures is {input_hash}."
            ),
            Table(
                caption="Inputs",
                headers=["Input", "Source", "Data as of", "File SHA-256 or rows"],
                rows=[
                    [
                        r.name,
                        r.source,
                        r.data_as_of.isoformat() if r.data_as_of else "—",
                        r.file_hash[:16] + "…" if r.file_hash else f"{r.rows} rows",
                    ]
                    for r in refs
                ],
                source="nonpro",
            ),
        ],
    )


def report_document(
    report: Report,
    subtitle: str,
    sections: list[Section],
    *,
    basis: str = "",
    draft: list[str] | None = None,
) -> Document:
    """Every report's title page names the office, the data date, the input hash and the
    statute that orders it; ``draft`` says what is missing before it can go final."""
    return Document(
        title=report.title,
        subtitle=subtitle,
        issuer=ISSUER,
        meta=[
            ("Data as of", report.as_of.isoformat()),
            ("Input hash (SHA-256)", report.input_hash),
        ],
        sections=sections,
        basis=basis,
        draft=draft or [],
    )


def none_recorded(rows: list[OfficeRecordRow], what: str) -> list[Block]:
    """The office's records as marked paragraphs, each with its source; or the honest none."""
    if not rows:
        return [Paragraph(f"None recorded by the office ({what}).")]
    return [
        Paragraph(f"{r.date.isoformat()}: {r.text} (Source: {r.source})", marking=r.marking)
        for r in rows
    ]
