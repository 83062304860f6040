"""A country profile as a document."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Block, Document, Paragraph, Section, Table
from nonpro.reports.schemas import CountryProfile


def profile_document(report: CountryProfile) -> Document:
    programs: list[Block] = [
        Paragraph(
            f"{report.flight_tests} flight tests recorded up to {report.as_of}."
            if report.flight_tests is not None
            else f"No loaded data source records flight tests up to {report.as_of}."
        ),
        *[Paragraph(note) for note in report.notes],
    ]
    if report.tests_by_year:
        programs.append(
            c.counts_figure(
                report.tests_by_year,
                caption=f"{report.name}: flight tests per year",
                alt_subject=f"{report.name}'s flight tests per year",
                label="Year",
                source=c.CNS,
            )
        )
    programs += [
        c.systems_table(report.systems, "Missile systems"),
        c.tests_table(report.recent_tests, "Most recent flight tests"),
    ]
    status = Table(
        caption=f"Treaty and regime status as of {report.as_of}",
        headers=["Instrument", "Status", "Since", "Source"],
        rows=[
            [s.instrument, s.status, s.since_text or c.day_or_dash(s.since), s.source]
            for s in report.treaty_status
        ],
        source="nonpro treaties (depositary records)",
    )
    cases = report.cases_by_status
    sections = [
        Section("programs", "Missile programs", programs),
        Section(
            "transfers",
            "Transfers of missiles and launchers",
            [
                c.transfers_table(report.transfers_in, f"Transfers to {report.name}"),
                c.transfers_table(report.transfers_out, f"Transfers from {report.name}"),
            ],
        ),
        Section("treaties", "Treaties and regimes", [status]),
        Section(
            "sanctions",
            "Sanctions",
            [c.determinations_table(report.determinations, "Determinations naming its entities")],
        ),
        Section(
            "cases",
            "Export cases",
            [
                Table(
                    caption="Cases by status (counts only)",
                    headers=["Status", "Cases"],
                    rows=[[k, str(v)] for k, v in (cases or {}).items()],
                    source="nonpro cases",
                    empty="No cases recorded.",
                )
            ],
        ),
        c.inputs_section(report.inputs, report.input_hash),
    ]
    return c.report_document(report, f"As of {report.as_of.isoformat()}", sections)
