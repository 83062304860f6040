"""The annual report as a document, in the order of the statute (§1097): introduction and
summary with the map of programmes; each country of concern; transfers by suppliers; U.S.
measures taken; MTCR and HCOC developments; sources."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Block, Document, Paragraph, Section, Table
from nonpro.reports.layout_charts import programme_grid, programme_map
from nonpro.reports.layout_country import country_section
from nonpro.reports.schemas import AnnualReport, TransferRow

BASIS = (
    "Section 1097 of the National Defense Authorization Act for Fiscal Years 1992 and 1993 "
    "(Pub. L. 102-190, 105 Stat. 1489; 22 U.S.C. 2751 note)"
)


def _summary(report: AnnualReport) -> Table:
    return Table(
        caption=f"Summary across countries of concern, {report.year}",
        headers=[
            "Country",
            "Flight tests",
            "Classes",
            "Transfers in",
            "Transfers out",
            "Determinations",
            "Cases reviewed",
            "Cases denied",
            "Treaty changes",
        ],
        rows=[
            [
                r.name,
                c.count(r.flight_tests),
                ", ".join(r.classes) or "—",
                c.count(r.transfers_in),
                c.count(r.transfers_out),
                str(r.determinations),
                c.count(r.cases_reviewed),
                c.count(r.cases_denied),
                str(r.treaty_changes),
            ]
            for r in report.summary
        ],
        source=f"{c.CNS}; {c.SIPRI}; nonpro sanctions, cases and treaties",
    )


def _introduction(report: AnnualReport) -> Section:
    names = ", ".join(country.name for country in report.countries)
    return Section(
        "introduction",
        "Introduction and summary",
        [
            Paragraph(
                f"{BASIS} calls for an annual report on the transfer by any country of weapons, "
                "technology, or materials that can be used to deliver, manufacture, or "
                "weaponize nuclear, biological, or chemical weapons. This report covers "
                f"calendar year {report.year} for the countries of concern ({names}); each "
                "statement names its source, and where no loaded source covers a country it "
                "says no data, never zero."
            ),
            _summary(report),
            programme_map(report.countries, report.year),
            programme_grid(report.countries, report.year),
        ],
    )


def _transfers_by_supplier(report: AnnualReport) -> Section:
    seen: dict[tuple[str, str, str, int | None], TransferRow] = {}
    for country in report.countries:
        for row in [*country.transfers_in, *country.transfers_out]:
            seen.setdefault((row.supplier, row.recipient, row.designation, row.order_year), row)
    rows = sorted(seen.values(), key=lambda r: (r.supplier, r.recipient, r.designation))
    suppliers = sorted({r.supplier for r in rows})
    uncovered = [k.name for k in report.countries if not k.transfers_covered]
    ends = [k.transfers_through for k in report.countries if k.transfers_through]
    span = c.up_to(report.year, min(ends, default=None))
    text = (
        f"The transfers data records {len(rows)} transfers of missiles or launchers to or from "
        f"the countries of concern in {span}, by {len(suppliers)} suppliers "
        f"({', '.join(suppliers)}) (Source: {c.SIPRI})."
        if rows
        else f"The transfers data records no transfer of missiles or launchers to or from the "
        f"countries of concern in {span} (Source: {c.SIPRI})."
    )
    if uncovered:
        text += f" No loaded data source covers the transfers of {', '.join(uncovered)}: no data."
    return Section(
        "transfers-by-supplier",
        "Transfers by suppliers",
        [
            Paragraph(text),
            c.transfers_table(rows, f"Transfers by supplier, {report.year}"),
            Table(
                caption=f"Suppliers' MTCR and HCOC status at the end of {report.year}",
                headers=["Supplier", "MTCR", "HCOC"],
                rows=[[r.supplier, r.mtcr, r.hcoc] for r in report.supplier_regimes],
                source="nonpro treaties (regime records)",
                empty="No supplier recorded.",
            ),
        ],
    )


def _us_measures(report: AnnualReport) -> Section:
    actions = [*report.waivers, *report.terminations]
    return Section(
        "us-measures",
        "U.S. measures taken",
        [
            Paragraph(
                f"In {report.year}, {len(report.measures)} determinations imposing measures on "
                f"foreign persons were recorded, and {len(actions)} waivers or terminations "
                "took effect (Source: nonpro sanctions register)."
            ),
            c.determinations_table(report.measures, f"Determinations, {report.year}"),
            c.actions_table(actions, f"Waivers and terminations, {report.year}"),
        ],
    )


def _regimes(report: AnnualReport) -> Section:
    blocks: list[Block] = [
        Table(
            caption=f"Changes in MTCR and HCOC participation, {report.year}",
            headers=["Regime", "State", "Before", "After", "Date", "Source"],
            rows=[
                [r.regime, r.name, r.before, r.after, r.date.isoformat(), r.source]
                for r in report.regime_changes
            ],
            source="nonpro treaties (regime records)",
            empty="No change in participation recorded.",
        ),
        Table(
            caption=f"MTCR and HCOC meetings, {report.year}",
            headers=["Body", "Meeting", "Dates", "Venue", "Source"],
            rows=[
                [
                    m.body,
                    m.title + (" (projected date)" if m.projected else ""),
                    f"{m.start.isoformat()} to {m.end.isoformat()}",
                    m.venue or "—",
                    m.source,
                ]
                for m in report.regime_meetings
            ],
            source="nonpro multilateral calendar",
            empty="No meeting recorded in the calendar.",
        ),
        *c.none_recorded(report.office_records, f"MTCR and HCOC developments, {report.year}"),
    ]
    return Section("mtcr-hcoc", "MTCR and HCOC developments", blocks)


def annual_document(report: AnnualReport) -> Document:
    sections = [
        _introduction(report),
        *[country_section(country, report.year) for country in report.countries],
        _transfers_by_supplier(report),
        _us_measures(report),
        _regimes(report),
        c.inputs_section(report.inputs, report.input_hash),
    ]
    return c.report_document(report, f"Calendar year {report.year}", sections, basis=BASIS)
