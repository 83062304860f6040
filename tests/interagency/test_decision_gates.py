"""Interagency review in the case's decision gates: a referral whose advice is still due, the
clock stopped for information (the case is then on hold, which the transition table already
keeps from decided), or an escalation not yet decided blocks the decision."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.errors import DecisionBlocked
from nonpro.cases.schemas import TransitionIn
from nonpro.core.clock import today
from nonpro.interagency import advice, escalation, services
from nonpro.interagency.models import Referral
from nonpro.interagency.rules import AdviceKind, Level
from nonpro.interagency.schemas import AdviceIn, EscalationDecisionIn, EscalationIn, ReferralIn
from tests.interagency.conftest import AGENCIES, case_under_review, rep


def _deny(session: Session, case_id: object, version: int, chair: Principal) -> None:
    data = TransitionIn.model_validate(
        {"to": "decided", "version": version, "decision": "denied", "justification": "advice"}
    )
    cases.transition(str(case_id), data, session=session, actor=chair)


def _refused_kinds(session: Session, referral: Referral, chair: Principal) -> list[str]:
    case = referral.case
    with pytest.raises(DecisionBlocked) as refused:
        _deny(session, case.id, case.version, chair)
    assert all("referral to MTEC" in r.source for r in refused.value.reasons)
    return [r.kind for r in refused.value.reasons]


@pytest.fixture
def referred_today(
    db_session: Session, make_user: Callable[..., User], chair: Principal
) -> Referral:
    """A case referred to MTEC today: the agencies' advice is due in 30 days."""
    make_user("seed-agencies")
    case_under_review(db_session, chair, "IA-G-1")
    data = ReferralIn(case="IA-G-1", group="MTEC", agencies=AGENCIES, referred_on=today())
    return services.refer(data, session=db_session, actor=chair)


def test_advice_still_due_blocks_the_decision_until_every_agency_answers(
    db_session: Session, referred_today: Referral, chair: Principal
) -> None:
    assert _refused_kinds(db_session, referred_today, chair) == ["open_referral"]
    for agency in AGENCIES[:2]:
        approve = AdviceIn(kind=AdviceKind.APPROVE)
        advice.advise("IA-G-1", approve, session=db_session, actor=rep(agency))
    with pytest.raises(DecisionBlocked, match="advice from ENERGY_NNSA is due"):
        _deny(db_session, referred_today.case.id, referred_today.case.version, chair)
    advice.advise(
        "IA-G-1",
        AdviceIn(kind=AdviceKind.DENY, reasons=["Guidance"]),
        session=db_session,
        actor=rep(AGENCIES[2]),
    )
    _deny(db_session, referred_today.case.id, referred_today.case.version, chair)
    case = cases.get_case("IA-G-1", session=db_session)
    assert case.decision is None and cases.pending_proposal(case) is not None  # countersign next


def test_an_undecided_escalation_blocks_the_decision(
    db_session: Session, referred_today: Referral, chair: Principal
) -> None:
    for agency in AGENCIES:
        approve = AdviceIn(kind=AdviceKind.APPROVE)
        advice.advise("IA-G-1", approve, session=db_session, actor=rep(agency))
    dissent = EscalationIn(level=Level.OPERATING_COMMITTEE, reasons="Defense dissents")
    escalation.escalate("IA-G-1", dissent, session=db_session, actor=rep("DEFENSE_DTSA"))
    kinds = _refused_kinds(db_session, referred_today, chair)
    assert kinds == ["pending_escalation"]
    decided = EscalationDecisionIn.model_validate({"outcome": "approve", "note": "OC chair"})
    escalation.decide("IA-G-1", Level.OPERATING_COMMITTEE, decided, session=db_session, actor=chair)
    _deny(db_session, referred_today.case.id, referred_today.case.version, chair)
