"""The EO 12938 periodic report as a document: the transmittal letter, then the report in the
order such reports follow (actions under EO 12938, under EO 13382, waivers and terminations,
export controls, regulatory changes, expenditures)."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Block, Document, Paragraph, Section, Table
from nonpro.reports.schemas import EmergencyReport

BASIS = (
    "IEEPA §204(c) (50 U.S.C. 1703(c)) and NEA §401(c) (50 U.S.C. 1641(c)); Executive Order "
    "12938 of November 14, 1994, as amended by Executive Orders 13094 and 13382"
)
EXPENSES_MISSING = "the expenses figure (50 U.S.C. 1641(c)) is to be supplied (--expenses)"


def _period(report: EmergencyReport) -> str:
    return f"{report.start.isoformat()} to {report.end.isoformat()}"


def _letter(report: EmergencyReport) -> Section:
    # The wording follows the transmittals printed in the House documents (domain fact 3.10);
    # the addressees and the signature are the office's to confirm (unverified).
    return Section(
        "transmittal",
        "Transmittal letter",
        [
            Paragraph("TO THE CONGRESS OF THE UNITED STATES:"),
            Paragraph(
                "As required by section 204(c) of the International Emergency Economic Powers "
                "Act (50 U.S.C. 1703(c)) and section 401(c) of the National Emergencies Act "
                "(50 U.S.C. 1641(c)), I transmit herewith a 6-month periodic report on the "
                "national emergency with respect to the proliferation of weapons of mass "
                "destruction and their means of delivery declared in Executive Order 12938 of "
                f"November 14, 1994. It covers the period {_period(report)}."
            ),
            Paragraph("[Signature and date to be supplied]"),
        ],
        data_driven=False,
        numbered=False,
    )


def _actions_12938(report: EmergencyReport) -> Section:
    period = _period(report)
    return Section(
        "eo-12938",
        "Actions under Executive Order 12938",
        [
            Paragraph(
                f"The sanctions register records {len(report.eo12938)} determinations under "
                f"EO 12938 made from {period}, and {report.active_determinations} "
                "determinations under all authorities in force at its end (Source: nonpro "
                "sanctions register)."
            ),
            c.determinations_table(report.eo12938, f"Determinations under EO 12938, {period}"),
        ],
    )


def _list_blocks(report: EmergencyReport) -> list[Block]:
    found = report.list_designations
    if found is None:
        return [
            Paragraph(
                "No loaded sanctions list carries the EO 13382 program tag (NPWMD): "
                "designations from the lists are no data, not none."
            )
        ]
    blocks: list[Block] = []
    silent = [name for name in found.undated if name not in found.compared]
    if found.compared:
        blocks.append(
            Paragraph(
                f"{', '.join(found.compared)} gives no designation dates: shown from it are the "
                "entries its publication dated in the period added or removed against the load "
                "before."
            )
        )
    if silent:
        blocks.append(
            Paragraph(
                f"{', '.join(silent)} gives no designation dates and no load of it dated in the "
                "period can be compared with an earlier one: its designations in the period are "
                "no data, not none."
            )
        )
    answers = len(found.lists) > len(silent)  # a dated list, or one compared
    blocks.append(
        Table(
            caption=f"NPWMD designations in the loaded lists, {_period(report)}",
            headers=["List", "Entry", "Name", "Listed on", "Change"],
            rows=[
                [r.source, r.entry_id, r.name, c.day_or_dash(r.listed_on), r.change]
                for r in found.rows
            ],
            source=f"loaded lists: {', '.join(found.lists)}",
            empty="None in the period." if answers else "No data.",
        )
    )
    return blocks


def _actions_13382(report: EmergencyReport) -> Section:
    period = _period(report)
    return Section(
        "eo-13382",
        "Actions under Executive Order 13382",
        [
            Paragraph(
                f"{len(report.eo13382)} determinations citing EO 13382 were recorded from "
                f"{period} (Source: nonpro sanctions register)."
            ),
            c.determinations_table(report.eo13382, f"Determinations under EO 13382, {period}"),
            *_list_blocks(report),
        ],
    )


def _expenses(report: EmergencyReport) -> Section:
    text = (
        "Total expenditures incurred by the United States Government in the period directly "
        "attributable to the exercise of the powers and authorities conferred by the "
        f"declaration of the national emergency: ${report.expenses:,.2f}, as supplied by the "
        "office (50 U.S.C. 1641(c))."
        if report.expenses is not None
        else "The total expenditures directly attributable to the exercise of the emergency "
        "powers in the period (50 U.S.C. 1641(c)) are to be supplied: this report is a draft "
        "until they are."
    )
    return Section("expenditures", "Expenditures", [Paragraph(text)])


def emergency_document(report: EmergencyReport) -> Document:
    period = _period(report)
    denials = report.license_denials
    waivers = [*report.waivers, *report.terminations]
    sections = [
        _letter(report),
        Section(
            "introduction",
            "Introduction",
            [
                Paragraph(
                    f"This report is submitted pursuant to {BASIS}. It covers the actions taken "
                    f"from {period} under the national emergency with respect to the "
                    "proliferation of nuclear, biological, and chemical weapons and their "
                    "means of delivery."
                )
            ],
        ),
        _actions_12938(report),
        _actions_13382(report),
        Section(
            "waivers-terminations",
            "Waivers and terminations",
            [c.actions_table(waivers, f"Waivers and terminations, {period}")],
        ),
        Section(
            "license-denials",
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
            "referrals",
            "Interagency referrals",
            [
                Table(
                    caption=f"Export cases referred to the interagency groups, {period}",
                    headers=["Group", "Cases referred"],
                    rows=[[k, str(v)] for k, v in report.referrals.items()],
                    source="nonpro interagency",
                    empty="No referrals in the period.",
                )
            ],
        ),
        Section(
            "regulatory",
            "Regulatory changes",
            c.none_recorded(report.regulatory, f"regulatory changes, {period}"),
        ),
        _expenses(report),
        c.inputs_section(report.inputs, report.input_hash),
    ]
    draft = [EXPENSES_MISSING] if report.expenses is None else []
    return c.report_document(report, f"Period {period}", sections, basis=BASIS, draft=draft)
