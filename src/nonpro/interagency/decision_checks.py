"""What interagency review says about deciding a case: a referral still open (advice not yet
in and not yet due, or the clock stopped for information) or an escalation not yet decided
blocks the decision. Added to the case's decision gates (``cases.gates``) by this package."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.cases.models import Case
from nonpro.cases.schemas import GateReason
from nonpro.core.clock import today
from nonpro.interagency import access, holds, referrals
from nonpro.interagency.models import Referral

EO_12981 = "EO 12981 as in 15 CFR 750.4 (law_process.md 5.1.5–5.1.11)"


def _source(referral: Referral) -> str:
    return f"interagency referral to {referral.group.code} of {referral.referred_on}"


def _open_referral(referral: Referral, session: Session) -> list[GateReason]:
    reasons = []
    hold = holds.open_hold(referral)
    if hold is not None:
        reasons.append(
            GateReason(
                kind="open_referral",
                text=f"the referral to {referral.group.code} is on hold for information since "
                f"{hold.started_on} ({hold.reason or 'no reason given'}): end the hold first",
                source=_source(referral),
            )
        )
    on = today()
    due = referrals.schedule_of(referral, on).due("agency_recommendation")
    answered = {agency for agency, _, _ in referrals.current_advice(referral.id, session=session)}
    waiting = [a for a in access.agencies_of(referral) if a not in answered]
    # After the due date silence is no objection (EO 12981): only advice still due blocks.
    if waiting and on <= due:
        reasons.append(
            GateReason(
                kind="open_referral",
                text=f"the referral to {referral.group.code} is open: advice from "
                f"{', '.join(waiting)} is due by {due}",
                source=f"{_source(referral)}; {EO_12981}",
            )
        )
    for escalation in referral.escalations:
        if escalation.outcome is None:
            reasons.append(
                GateReason(
                    kind="pending_escalation",
                    text=f"{escalation.agency_code}'s escalation to the "
                    f"{escalation.level.replace('_', ' ')} of {escalation.escalated_on} is not "
                    f"decided (decision due {escalation.decision_due or 'not set'})",
                    source=f"{_source(referral)}; {EO_12981}",
                )
            )
    return reasons


def open_interagency_matters(case: Case, session: Session) -> list[GateReason]:
    """Every open referral and pending escalation of the case, with its referral as source."""
    found = session.scalars(select(Referral).where(Referral.case_id == case.id)).unique()
    return [reason for referral in found for reason in _open_referral(referral, session)]


DEFENSE_AGENCY = "DEFENSE_DTSA"


def defense_referrals(case: Case, session: Session) -> list[str]:
    """The case's interagency referrals that name Defense (DTSA) among the agencies asked."""
    found = session.scalars(select(Referral).where(Referral.case_id == case.id)).unique()
    return [
        f"{_source(r)}, naming {DEFENSE_AGENCY}"
        for r in found
        if DEFENSE_AGENCY in access.agencies_of(r)
    ]


def has_referral(case: Case, session: Session) -> bool:
    """Whether the case has been referred to a group: "referred" needs a referral behind it."""
    return (
        session.scalar(select(Referral.id).where(Referral.case_id == case.id).limit(1)) is not None
    )
