"""Escalation up the EO 12981 ladder: who escalated, to which level, when and why, the window
it had to meet, and later what was decided there."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import services as cases
from nonpro.core.clock import today
from nonpro.core.db import column_values
from nonpro.core.errors import NotFound
from nonpro.interagency import access, referrals
from nonpro.interagency.errors import AppealSignature, EscalationOutOfOrder, NotReferredToAgency
from nonpro.interagency.models import Escalation, Referral
from nonpro.interagency.rules import LEVEL_ORDER, LEVEL_STEPS, Level, appeal_signature_problem
from nonpro.interagency.schemas import CaseEscalationOut, EscalationDecisionIn, EscalationIn


def escalate(
    key: str, data: EscalationIn, *, session: Session, actor: Principal, group: str | None = None
) -> Escalation:
    """A dissenting agency takes the case one level up. The chair may record it for the agency."""
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    agency = (data.agency or actor.agency_code or "").upper()
    if not (actor.can(Permission.CHAIR_GROUPS) and agency):
        agency = access.acting_agency(actor, data.agency, Permission.ADVISE)
    if agency not in access.agencies_of(referral) and agency != referral.group.chair_agency:
        raise NotReferredToAgency(agency, f"case {referral.case.reference}")
    below = LEVEL_ORDER[: LEVEL_ORDER.index(data.level)]
    done = {Level(e.level): e for e in referral.escalations}
    if data.level in done:
        raise EscalationOutOfOrder(f"case {referral.case.reference} is already before {data.level}")
    if below:
        previous = done.get(below[-1])
        if previous is None or previous.outcome is None:
            raise EscalationOutOfOrder(
                f"the {below[-1].value} has not decided case {referral.case.reference}: "
                f"escalate to it first, or record its decision"
            )
    signature = appeal_signature_problem(data.level, data.signer_role, data.signed_by)
    if signature is not None:
        raise AppealSignature(*signature)
    on = data.escalated_on or today()
    schedule = referrals.schedule_of(referral, on)
    appeal_step, decision_step = LEVEL_STEPS[data.level]
    appeal_due = schedule.due(appeal_step)
    row = Escalation(
        agency_code=agency,
        level=data.level.value,
        escalated_by=actor.username,
        signed_by=data.signed_by.strip(),
        signer_role=data.signer_role.value if data.signer_role else None,
        escalated_on=on,
        reasons=data.reasons,
        appeal_due=appeal_due,
        late=on > appeal_due,
    )
    referral.escalations.append(row)
    session.flush()
    # The decision is due counted from the real appeal date, so it is computed after it is stored.
    if decision_step is not None:
        row.decision_due = referrals.schedule_of(referral, on).due(decision_step)
    referrals.note_on_case(
        referral,
        actor,
        "escalation",
        f"{agency} to {data.level.value.replace('_', ' ')}: {data.reasons} "
        f"(decision due {row.decision_due or '-'}{', after the window' if row.late else ''})",
    )
    session.flush()
    referrals.audit_referral(
        session,
        referral,
        actor,
        "interagency.escalate",
        {
            "agency": agency,
            "level": data.level.value,
            "reasons": data.reasons,
            "signed_by": data.signed_by,
            "signer_role": data.signer_role,
            "escalated_on": on,
            "appeal_due": appeal_due,
            "decision_due": row.decision_due,
            "late": row.late,
        },
    )
    return row


def decide(
    key: str,
    level: Level,
    data: EscalationDecisionIn,
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
) -> Escalation:
    """Record what the level decided (the chair, who follows the case, records it)."""
    require(actor, Permission.CHAIR_GROUPS)
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    row = next((e for e in referral.escalations if e.level == level.value), None)
    if row is None:
        raise NotFound("escalation", f"{referral.case.reference} at {level.value}")
    decided_on: date = data.decided_on or today()
    row.outcome, row.outcome_note = data.outcome.value, data.note
    row.decided_on, row.decided_by = decided_on, actor.username
    referrals.note_on_case(
        referral,
        actor,
        "escalation decided",
        f"{level.value.replace('_', ' ')}: {data.outcome.value} on {decided_on}. {data.note}",
    )
    session.flush()
    referrals.audit_referral(
        session,
        referral,
        actor,
        "interagency.escalation_decided",
        {
            "level": level.value,
            "outcome": data.outcome.value,
            "note": data.note,
            "decided_on": decided_on,
            "late": row.decision_due is not None and decided_on > row.decision_due,
        },
    )
    return row


def case_escalations(
    case_key: str | uuid.UUID, *, session: Session, reader: Principal
) -> list[CaseEscalationOut]:
    """Every escalation of the case, in each group it was referred to, with what each level
    decided: for the case page. A representative sees those of referrals to their agency."""
    require(reader, Permission.READ)
    case = cases.get_case(case_key, session=session, reader=reader)
    found = session.scalars(
        select(Referral).where(Referral.case_id == case.id).order_by(Referral.referred_on)
    ).unique()
    return [
        CaseEscalationOut.model_validate({**column_values(row), "group": referral.group.code})
        for referral in found
        if access.may_see(reader, referral)
        for row in referral.escalations
    ]
