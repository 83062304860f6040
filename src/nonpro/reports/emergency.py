"""The semi-annual report on the national emergency declared by Executive Order 12938.

IEEPA §204(c) (50 U.S.C. 1703(c)) asks for a report, each six months, on the actions taken under
the emergency: here the determinations made, waivers and terminations, license denials and
interagency referrals in the period.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from nonpro.core.errors import InvalidInput
from nonpro.reports import inputs
from nonpro.reports.figures import input_hash
from nonpro.reports.schemas import EmergencyReport

TITLE = (
    "Periodic Report on the National Emergency With Respect to the Proliferation of Weapons of "
    "Mass Destruction (Executive Order 12938)"
)


def build_emergency(start: date, end: date, *, session: Session) -> EmergencyReport:
    """The report's figures for the period ``start`` to ``end``, both days included."""
    if end < start:
        raise InvalidInput("to", f"{end} is before {start}")
    report = EmergencyReport(
        title=TITLE,
        start=start,
        end=end,
        as_of=end,
        determinations=inputs.determinations(session=session, start=start, end=end, as_of=end),
        waivers=inputs.actions(session=session, start=start, end=end, kind="waiver"),
        terminations=inputs.actions(session=session, start=start, end=end, kind="termination"),
        license_denials=inputs.license_denials(session=session, start=start, end=end),
        referrals=inputs.referrals(session=session, start=start, end=end),
        active_determinations=inputs.active_determinations(session=session, as_of=end),
        inputs=inputs.input_refs(session=session),
    )
    report.input_hash = input_hash(report)
    return report
