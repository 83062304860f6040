"""Statutory steps and assurances on both backends: the AECA §71(b)(1) Defense referral before
approving an MTCR Annex munitions licence, assurances a case needs, the 15 CFR 750.6
intent-to-deny response period, the Part 756 appeal, and the NSPD-56 clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services, statutory
from nonpro.cases.errors import DecisionBlocked
from nonpro.cases.models import Case
from nonpro.cases.rules import Decision, Status
from nonpro.cases.schemas import CaseIn, TransitionIn
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json, decide

JUST = "screened by hand against the consolidated list (test)"
VIEWER = Principal(username="vic", role=Role.VIEWER)


def _under_review(session: Session, raw: dict[str, Any], actor: Principal) -> Case:
    case = services.create_case(
        CaseIn.model_validate(raw), session=session, provider=IndexProvider(), actor=actor
    )
    for target in (Status.SUBMITTED, Status.UNDER_REVIEW):
        data = TransitionIn(to=target, version=case.version)
        case = services.transition(case.id, data, session=session, actor=actor)
    return case


def _kinds(session: Session, case: Case, decision: Decision, actor: Principal) -> list[str]:
    return [
        r.kind for r in services.decision_gates(case.id, decision, session=session, actor=actor)
    ]


@pytest.fixture
def munitions(db_session: Session, analyst: Principal) -> Case:
    return _under_review(db_session, case_json("MUN-1", type="munitions_license"), analyst)


@pytest.fixture
def dual_use(db_session: Session, analyst: Principal) -> Case:
    return _under_review(db_session, case_json("DU-1"), analyst)


def test_annex_munitions_licence_needs_the_defense_referral_before_approval(
    db_session: Session, munitions: Case, analyst: Principal, chair: Principal
) -> None:
    assert any(i.annex_item for i in munitions.items)  # the gyro is an Annex item
    gates = services.decision_gates(
        munitions.id, Decision.APPROVED, session=db_session, actor=analyst
    )
    (reason,) = [r for r in gates if r.kind == "defense_referral"]
    assert "22 U.S.C. 2797(b)(1)" in reason.source and "Secretary of Defense" in reason.text
    with pytest.raises(DecisionBlocked) as refused:
        decide(
            db_session,
            munitions,
            "approved",
            proposer=analyst,
            countersigner=chair,
            justification=JUST,
        )
    assert "defense_referral" in [r.kind for r in refused.value.reasons]
    # A denial does not need the referral.
    assert "defense_referral" not in _kinds(db_session, munitions, Decision.DENIED, analyst)

    step = statutory.record_step(
        munitions.id, "defense_referral", on=today(), session=db_session, actor=analyst
    )
    assert "defense_referral" not in _kinds(db_session, munitions, Decision.APPROVED, analyst)
    assert step.recorded_by == "ana" and step.deadline is None
    assert audit.entries(db_session, target="case:MUN-1", action="case.statutory.defense_referral")
    decided = decide(
        db_session, munitions, "approved", proposer=analyst, countersigner=chair, justification=JUST
    )
    assert decided.decision == "approved"


def test_nspd56_clock_counts_from_receipt_and_names_defense_review(
    db_session: Session, munitions: Case, analyst: Principal
) -> None:
    clock = services.case_out(munitions).nspd56_clock
    assert clock is not None and clock.days_used == 0 and clock.days_remaining == 60
    assert clock.exceptions == [] and "NSPD-56" in clock.source
    assert "not stated in law_process.md" in clock.note
    later = statutory.nspd56_clock(munitions, today() + timedelta(days=61))
    assert later is not None and later.days_remaining == -1

    step = statutory.record_step(
        munitions.id, "defense_referral", on=today(), session=db_session, actor=analyst
    )
    clock = services.case_out(munitions).nspd56_clock
    assert clock is not None and clock.exceptions == [
        "(4) Defense has not yet completed its review"
    ]
    statutory.record_response(
        munitions.id, step.id, on=today(), response="approve", session=db_session, actor=analyst
    )
    clock = services.case_out(munitions).nspd56_clock
    assert clock is not None and clock.exceptions == []
    # Dual-use cases run on the Commerce clock instead.
    assert statutory.nspd56_clock(Case(type="dual_use_referral")) is None


def test_required_assurances_block_approval_until_each_is_received(
    db_session: Session, dual_use: Case, analyst: Principal, chair: Principal
) -> None:
    assert "assurances" not in _kinds(db_session, dual_use, Decision.APPROVED, analyst)
    statutory.set_assurances_required(dual_use.id, True, session=db_session, actor=analyst)
    gates = services.decision_gates(
        dual_use.id, Decision.APPROVED, session=db_session, actor=analyst
    )
    (none_yet,) = [r for r in gates if r.kind == "assurances"]
    assert "none is requested" in none_yet.text and "MTCR Guidelines para 5" in none_yet.source

    end_use = statutory.request_assurance(
        dual_use.id, "end_use", government="jp", on=today(), session=db_session, actor=analyst
    )
    statutory.request_assurance(
        dual_use.id, "no_retransfer", government="JP", on=today(), session=db_session, actor=analyst
    )
    gates = services.decision_gates(
        dual_use.id, Decision.APPROVED, session=db_session, actor=analyst
    )
    assert len([r for r in gates if r.kind == "assurances"]) == 2
    assert end_use.government == "JP"
    # A denial does not wait for assurances.
    assert "assurances" not in _kinds(db_session, dual_use, Decision.DENIED, analyst)

    for a in list(dual_use.assurances):
        statutory.receive_assurance(
            dual_use.id,
            a.id,
            on=today(),
            reference=f"note verbale {a.kind}",
            session=db_session,
            actor=analyst,
        )
    assert "assurances" not in _kinds(db_session, dual_use, Decision.APPROVED, analyst)
    with pytest.raises(Conflict):
        statutory.receive_assurance(
            dual_use.id,
            end_use.id,
            on=today(),
            reference="again",
            session=db_session,
            actor=analyst,
        )
    actions = [e.action for e in audit.entries(db_session, target="case:DU-1")]
    assert actions.count("case.assurances.received") == 2
    assert "case.assurances.required" in actions
    decided = decide(
        db_session, dual_use, "approved", proposer=analyst, countersigner=chair, justification=JUST
    )
    assert decided.decision == "approved"


def test_a_dual_use_denial_waits_for_the_intent_to_deny_response_period(
    db_session: Session, dual_use: Case, analyst: Principal, chair: Principal
) -> None:
    notice = statutory.record_step(
        dual_use.id, "intent_to_deny", on=today(), session=db_session, actor=analyst
    )
    assert notice.deadline == today() + timedelta(days=20)
    gates = services.decision_gates(dual_use.id, Decision.DENIED, session=db_session, actor=analyst)
    (reason,) = [r for r in gates if r.kind == "intent_to_deny"]
    assert "15 CFR 750.6" in reason.source and "not verified" in reason.source
    assert str(notice.deadline) in reason.text
    with pytest.raises(Conflict):  # nothing to appeal before a denial
        statutory.record_step(dual_use.id, "appeal", on=today(), session=db_session, actor=analyst)

    statutory.record_response(
        dual_use.id,
        notice.id,
        on=today(),
        response="the applicant withdrew the end user",
        session=db_session,
        actor=analyst,
    )
    assert "intent_to_deny" not in _kinds(db_session, dual_use, Decision.DENIED, analyst)
    decided = decide(
        db_session, dual_use, "denied", proposer=analyst, countersigner=chair, justification=JUST
    )
    appeal = statutory.record_step(
        dual_use.id, "appeal", on=today(), session=db_session, actor=analyst
    )
    assert decided.decided_at is not None
    assert appeal.deadline == decided.decided_at.date() + timedelta(days=45)


def test_bad_input_names_its_field_and_readers_cannot_record(
    db_session: Session, dual_use: Case, munitions: Case, analyst: Principal
) -> None:
    cases = [
        (
            lambda: statutory.record_step(
                dual_use.id, "memo", on=today(), session=db_session, actor=analyst
            ),
            "kind",
        ),
        (
            lambda: statutory.record_step(
                dual_use.id, "defense_referral", on=today(), session=db_session, actor=analyst
            ),
            "kind",
        ),
        (
            lambda: statutory.record_step(
                munitions.id, "intent_to_deny", on=today(), session=db_session, actor=analyst
            ),
            "kind",
        ),
        (
            lambda: statutory.record_step(
                munitions.id,
                "defense_referral",
                on=today() + timedelta(days=1),
                session=db_session,
                actor=analyst,
            ),
            "on",
        ),
        (
            lambda: statutory.request_assurance(
                dual_use.id,
                "end_use",
                government="Japan",
                on=today(),
                session=db_session,
                actor=analyst,
            ),
            "government",
        ),
        (
            lambda: statutory.request_assurance(
                dual_use.id,
                "loyalty",
                government="JP",
                on=today(),
                session=db_session,
                actor=analyst,
            ),
            "kind",
        ),
    ]
    for call, field in cases:
        with pytest.raises(InvalidInput) as bad:
            call()
        assert bad.value.field == field
    with pytest.raises(PermissionDenied):
        statutory.set_assurances_required(dual_use.id, True, session=db_session, actor=VIEWER)
    assert not dual_use.statutory_steps and not dual_use.assurances


def test_the_assessment_suggesting_the_assurances_proviso_requires_them(
    db_session: Session, dual_use: Case, analyst: Principal
) -> None:
    assert dual_use.assessment is not None
    dual_use.assessment = {
        **dual_use.assessment,
        "provisos": [*dual_use.assessment["provisos"], "GOVERNMENT-ASSURANCES"],
    }
    db_session.flush()
    assert not dual_use.assurances_required and statutory.assurances_required(dual_use)
    assert "assurances" in _kinds(db_session, dual_use, Decision.APPROVED, analyst)
