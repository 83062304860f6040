"""Statutory steps and assurances of a case over HTTP: the AECA §71(b)(1) Defense referral, a
Commerce intent-to-deny notice and appeal, government-to-government assurances. Each answers
with the case as it now stands (its steps, assurances and NSPD-56 clock)."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.cases import services
from nonpro.cases.schemas import (
    AssuranceReceiptIn,
    AssuranceRequestIn,
    AssurancesRequiredIn,
    CaseOut,
    StatutoryStepIn,
    StepResponseIn,
)
from nonpro.http.signin import CaseManager
from nonpro.http.unit_of_work import SessionDep, SessionRoute

router = APIRouter(route_class=SessionRoute, tags=["cases"])


def _case(case_id: str, session: SessionDep, actor: CaseManager) -> CaseOut:
    return services.case_out(services.get_case(case_id, session=session, reader=actor))


@router.post("/cases/{case_id}/statutory-steps", response_model=CaseOut)
def record_step(
    case_id: str, data: StatutoryStepIn, session: SessionDep, actor: CaseManager
) -> CaseOut:
    """Record the referral to Defense (AECA §71(b)(1)), an intent-to-deny notice (15 CFR 750.6,
    with the applicant's response deadline) or an appeal (15 CFR Part 756)."""
    services.record_step(
        case_id, data.kind, on=data.on, note=data.note, session=session, actor=actor
    )
    return _case(case_id, session, actor)


@router.post("/cases/{case_id}/statutory-steps/{step_id}/response", response_model=CaseOut)
def record_response(
    case_id: str, step_id: str, data: StepResponseIn, session: SessionDep, actor: CaseManager
) -> CaseOut:
    """Defense's response to the referral, or the applicant's to an intent-to-deny notice."""
    services.record_response(
        case_id, step_id, on=data.on, response=data.response, session=session, actor=actor
    )
    return _case(case_id, session, actor)


@router.put("/cases/{case_id}/assurances-required", response_model=CaseOut)
def set_assurances_required(
    case_id: str, data: AssurancesRequiredIn, session: SessionDep, actor: CaseManager
) -> CaseOut:
    """Mark whether the case needs government-to-government assurances before approval."""
    services.set_assurances_required(case_id, data.required, session=session, actor=actor)
    return _case(case_id, session, actor)


@router.post("/cases/{case_id}/assurances", response_model=CaseOut)
def request_assurance(
    case_id: str, data: AssuranceRequestIn, session: SessionDep, actor: CaseManager
) -> CaseOut:
    """Record an assurance requested from a government (end use, no retransfer, no WMD use)."""
    services.request_assurance(
        case_id, data.kind, government=data.government, on=data.on, session=session, actor=actor
    )
    return _case(case_id, session, actor)


@router.post("/cases/{case_id}/assurances/{assurance_id}/receipt", response_model=CaseOut)
def receive_assurance(
    case_id: str,
    assurance_id: str,
    data: AssuranceReceiptIn,
    session: SessionDep,
    actor: CaseManager,
) -> CaseOut:
    """Record the assurance received, with its text or reference."""
    services.receive_assurance(
        case_id, assurance_id, on=data.on, reference=data.reference, session=session, actor=actor
    )
    return _case(case_id, session, actor)
