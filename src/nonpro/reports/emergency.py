"""The semi-annual report on the national emergency declared by Executive Order 12938.

IEEPA §204(c) (50 U.S.C. 1703(c)) asks for a report, each six months, on the actions taken under
the emergency since the last one; NEA §401(c) (50 U.S.C. 1641(c)) for the total expenditures
directly attributable to the exercise of the emergency powers in each six-month period (domain
fact 3.10; the brief names 1703(c) for the expenses, the texts we found put it in 1641(c), so the
report cites both). Here: the actions under EO 12938 and under EO 13382 (determinations from the
register, NPWMD designations from the loaded lists), waivers and terminations, license denials,
interagency referrals, the regulatory changes the office recorded, and the expenses figure the
office supplies; without it the report is a draft.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from nonpro.core.errors import InvalidInput
from nonpro.reports import inputs
from nonpro.reports.designations import citing, list_designations, list_refs
from nonpro.reports.figures import input_hash
from nonpro.reports.records import NONE
from nonpro.reports.schemas import EmergencyReport, OfficeRecords

TITLE = (
    "Periodic Report on the National Emergency With Respect to the Proliferation of Weapons of "
    "Mass Destruction (Executive Order 12938)"
)


def build_emergency(
    start: date,
    end: date,
    *,
    session: Session,
    records: OfficeRecords = NONE,
    expenses: Decimal | None = None,
) -> EmergencyReport:
    """The report's figures for the period ``start`` to ``end``, both days included;
    ``expenses`` in U.S. dollars as the office supplies it (None: to be supplied)."""
    if end < start:
        raise InvalidInput("to", f"{end} is before {start}")
    if expenses is not None and (not expenses.is_finite() or expenses < 0):
        raise InvalidInput("expenses", "give the expenditures in U.S. dollars, zero or more")
    made = inputs.determinations(session=session, start=start, end=end, as_of=end)
    refs = inputs.input_refs(session=session) + list_refs(session=session)
    report = EmergencyReport(
        title=TITLE,
        start=start,
        end=end,
        as_of=end,
        determinations=made,
        eo12938=citing(made, "EO 12938"),
        eo13382=citing(made, "EO 13382"),
        list_designations=list_designations(session=session, start=start, end=end),
        regulatory=records.of({"regulatory"}, start, end),
        expenses=expenses,
        waivers=inputs.actions(session=session, start=start, end=end, kind="waiver"),
        terminations=inputs.actions(session=session, start=start, end=end, kind="termination"),
        license_denials=inputs.license_denials(session=session, start=start, end=end),
        referrals=inputs.referrals(session=session, start=start, end=end),
        active_determinations=inputs.active_determinations(session=session, as_of=end),
        inputs=[*refs, records.ref] if records.ref else refs,
    )
    report.input_hash = input_hash(report)
    return report
