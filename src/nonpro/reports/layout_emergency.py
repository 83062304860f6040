"""The EO 12938 periodic report as a document, in the order such reports follow."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Document, Paragraph, Section, Table
from nonpro.reports.schemas import EmergencyReport


def emergency_document(report: EmergencyReport) -> Document:
    period = f"{report.start.isoformat()} to {report.end.isoformat()}"
    denials = report.license_denials
    referrals = report.referrals
    sections = [
        Section(
            "1",
            "Introduction",
            [
                Paragraph(
                    "This report is submitted pursuant to 50 U.S.C. 1703(c) and 50 U.S.C. "
                    "1641(c) on the national emergency with respect to the proliferation of "
                    "nuclear, biological, and chemical weapons and their means of delivery "
                    "declared by Executive Order 12938 of November 14, 1994, as amended. It "
                    f"covers actions taken from {period}."
                )
            ],
        ),
        Section(
            "2",
            "Measures against foreign persons",
            [
                Paragraph(
                    f"{len(report.determinations)} determinations were made in the period; "
                    f"{report.active_determinations} were in force at its end."
                ),
                c.determinations_table(report.determinations, f"Determinations, {period}"),
            ],
        ),
        Section(
            "3",
            "Waivers and terminations",
            [
                Table(
                    caption=f"Waivers and terminations, {period}",
                    headers=["Action", "Effective", "Entities", "Authorities", "Citation"],
                    rows=[
                        [
                            a.kind,
                            a.date.isoformat(),
                            "; ".join(a.entities),
                            ", ".join(a.authorities),
                            a.citation or "—",
                        ]
                        for a in [*report.waivers, *report.terminations]
                    ],
                    source="nonpro sanctions register",
                    empty="No waivers or terminations recorded.",
                )
            ],
        ),
        Section(
            "4",
            "Export license denials",
            [
                Table(
                    caption=f"License denials by destination, {period}",
                    headers=["Destination", "Denials"],
                    rows=[[k, str(v)] for k, v in (denials or {}).items()],
                    source="nonpro cases",
                    empty="No data recorded." if denials is None else "No denials in the period.",
                )
            ],
        ),
        Section(
            "5",
            "Interagency referrals",
            [
                Table(
                    caption=f"Export cases referred to the interagency groups, {period}",
                    headers=["Group", "Cases referred"],
                    rows=[[k, str(v)] for k, v in referrals.items()],
                    source="nonpro interagency",
                    empty="No referrals in the period.",
                )
            ],
        ),
        Section(
            "6",
            "Expenditures",
            [
                Paragraph(
                    "Expenditures directly attributable to the exercise of the emergency powers "
                    "are not recorded in nonpro and are to be supplied by the responsible "
                    "agencies."
                )
            ],
        ),
        c.inputs_section("7", report.inputs, report.input_hash),
    ]
    return c.report_document(report, f"Period {period}", sections)
