"""The interagency basis of a decision letter: the groups a case was referred to and the
agencies that reviewed it, by their names. Added to the case's letter (``cases.letter``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.models import Agency
from nonpro.cases.models import Case
from nonpro.interagency import access, referrals
from nonpro.interagency.models import Referral


def consulted(case: Case, session: Session) -> list[str]:
    """One line a referral: "<group name> (<code>), referred on <date>: <agency names>; advice
    received from <names>"."""
    found = session.scalars(
        select(Referral).where(Referral.case_id == case.id).order_by(Referral.referred_on)
    ).unique()
    names = {a.code: a.name for a in session.scalars(select(Agency))}
    lines = []
    for referral in found:
        agencies = [names.get(code, code) for code in access.agencies_of(referral)]
        advised = sorted(
            {
                names.get(agency, agency)
                for agency, _, _ in referrals.current_advice(referral.id, session=session)
            }
        )
        line = (
            f"{referral.group.name} ({referral.group.code}), referred on "
            f"{referral.referred_on.isoformat()}; agencies consulted: "
            f"{', '.join(agencies) or 'none'}"
        )
        if advised:
            line += f"; advice received from {', '.join(advised)}"
        lines.append(line)
    return lines
