"""Interagency services on both backends: late advice, deemed consent, holds, reminders, scopes,
escalation order, and who may advise for whom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nonpro.interagency import advice, escalation, holds, services, views
from nonpro.interagency.models import Referral
from nonpro.interagency.rules import AdviceKind, Level, Outcome, Standing
from nonpro.interagency.schemas import AdviceIn, EscalationIn
from tests.interagency.conftest import rep

AFTER_DUE = date(2026, 12, 10)  # advice was due on 2 December


def test_late_advice_is_flagged_and_silence_is_no_objection(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    referred("IA-S-1")
    deny = AdviceIn(kind=AdviceKind.DENY, reasons=["Guidance"])
    row, _ = advice.advise(
        "IA-S-1", deny, session=db_session, actor=rep("DEFENSE_DTSA"), on=AFTER_DUE
    )
    assert row.late and row.due_on == date(2026, 12, 2)
    view = views.consolidated("IA-S-1", session=db_session, actor=rep("DEFENSE_DTSA"), on=AFTER_DUE)
    standing = {p.agency: p.standing for p in view.scopes[0].positions}
    assert standing["COMMERCE_BIS"] == Standing.DEEMED_NO_OBJECTION
    assert view.outcome == Outcome.CONFLICT  # deemed consent stands against the denial
    before = views.consolidated(
        "IA-S-1", session=db_session, actor=rep("DEFENSE_DTSA"), on=date(2026, 11, 20)
    )
    assert before.outcome == Outcome.DENY and not before.scopes[0].complete
    stored = db_session.get(Referral, view.referral.id)
    assert stored is not None
    late = views.summary(stored, session=db_session, on=AFTER_DUE).late_agencies
    assert late == ["COMMERCE_BIS", "ENERGY_NNSA"]


def test_an_information_request_stops_the_clock_until_resumed(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> None:
    referral = referred("IA-S-2")
    ask = AdviceIn(kind=AdviceKind.REQUEST_INFORMATION, reasons=["End-user statement"])
    advice.advise(
        "IA-S-2", ask, session=db_session, actor=rep("ENERGY_NNSA"), on=date(2026, 11, 10)
    )
    assert holds.open_hold(referral) is not None
    assert referral.case.status == "on_hold"  # the case waits with the interagency clock
    assert referral.case.paused_at is not None
    with pytest.raises(Conflict):
        holds.start_hold(referral, reason="again", agency=None, session=db_session, actor=chair)
    holds.end_hold("IA-S-2", session=db_session, actor=chair, on=date(2026, 11, 17))
    assert referral.case.status == "referred" and referral.case.paused_at is None
    moves = [(e.from_status, e.to_status) for e in referral.case.events if e.to_status]
    assert moves[-2:] == [("referred", "on_hold"), ("on_hold", "referred")]
    schedule = services.schedule_of(referral)
    assert schedule.hold_days == 7
    assert schedule.due("agency_recommendation") == date(2026, 12, 9)
    assert schedule.due("resolution") == date(2027, 1, 31)


def test_reminders_go_to_the_agencies_still_due(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> None:
    referred("IA-S-3")
    approve = AdviceIn(kind=AdviceKind.APPROVE)
    advice.advise("IA-S-3", approve, session=db_session, actor=rep("COMMERCE_BIS"))
    assert holds.remind("IA-S-3", session=db_session, actor=chair, on=date(2026, 11, 3)) == []
    sent = holds.remind("IA-S-3", session=db_session, actor=chair, on=AFTER_DUE)
    assert sorted(r.agency_code for r in sent) == ["DEFENSE_DTSA", "ENERGY_NNSA"]
    assert "late" in sent[0].note
    referral = services.find_referral("IA-S-3", None, session=db_session, reader=chair)
    assert views.summary(referral, session=db_session).reminded == ["DEFENSE_DTSA", "ENERGY_NNSA"]
    with pytest.raises(PermissionDenied):
        holds.remind("IA-S-3", session=db_session, actor=rep("DEFENSE_DTSA"))


def test_a_denial_of_one_item_conflicts_with_approval_of_the_whole_case(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    referred("IA-S-4")
    advice.advise(
        "IA-S-4", AdviceIn(kind=AdviceKind.APPROVE), session=db_session, actor=rep("COMMERCE_BIS")
    )
    item = AdviceIn(kind=AdviceKind.DENY, scope="item", position=0, reasons=["Gyro drift"])
    advice.advise("IA-S-4", item, session=db_session, actor=rep("DEFENSE_DTSA"))
    view = views.consolidated("IA-S-4", session=db_session, actor=rep("DEFENSE_DTSA"))
    scope = view.scopes[1]
    assert scope.label.startswith("Item 1") and scope.outcome == Outcome.CONFLICT
    assert next(p for p in scope.positions if p.agency == "COMMERCE_BIS").inherited
    with pytest.raises(InvalidInput, match="no item 5"):
        bad = AdviceIn(kind=AdviceKind.DENY, scope="item", position=5, reasons=["x"])
        advice.advise("IA-S-4", bad, session=db_session, actor=rep("DEFENSE_DTSA"))


def test_a_representative_advises_only_for_their_agency_and_only_when_asked(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    referred("IA-S-5")
    other = AdviceIn(agency="COMMERCE_BIS", kind=AdviceKind.APPROVE)
    with pytest.raises(PermissionDenied):
        advice.advise("IA-S-5", other, session=db_session, actor=rep("DEFENSE_DTSA"))
    with pytest.raises(NotFound, match=r"^case IA-S-5 not found$"):  # not referred to IC
        advice.advise(
            "IA-S-5", AdviceIn(kind=AdviceKind.APPROVE), session=db_session, actor=rep("IC")
        )
    changed = AdviceIn(kind=AdviceKind.APPROVE, idempotency_key="defense-0001")
    advice.advise("IA-S-5", changed, session=db_session, actor=rep("DEFENSE_DTSA"))
    with pytest.raises(Conflict, match="used for other advice"):
        reuse = AdviceIn(kind=AdviceKind.DENY, reasons=["x"], idempotency_key="defense-0001")
        advice.advise("IA-S-5", reuse, session=db_session, actor=rep("DEFENSE_DTSA"))


def test_escalation_climbs_one_level_at_a_time(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    referred("IA-S-6")
    commerce = rep("COMMERCE_BIS")
    with pytest.raises(Conflict, match="the acep has not decided"):
        escalation.escalate(
            "IA-S-6",
            EscalationIn(level=Level.EARB, reasons="skip"),
            session=db_session,
            actor=commerce,
        )
    row = escalation.escalate(
        "IA-S-6",
        EscalationIn(
            level=Level.OPERATING_COMMITTEE, reasons="dissent", escalated_on=date(2026, 12, 20)
        ),
        session=db_session,
        actor=commerce,
    )
    assert row.late and row.appeal_due == date(2026, 12, 16)
    with pytest.raises(Conflict, match="already before"):
        escalation.escalate(
            "IA-S-6",
            EscalationIn(level=Level.OPERATING_COMMITTEE, reasons="again"),
            session=db_session,
            actor=commerce,
        )
