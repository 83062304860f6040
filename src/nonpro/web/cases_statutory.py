"""The case page's statutory steps and assurances: record the Defense referral, an
intent-to-deny notice or an appeal and their responses; mark assurances required, request one,
record it received. The service checks permissions and input; a problem shows the page again."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nonpro.cases import services
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day
from nonpro.http.signin import PageCaseManager
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.cases import refuse_action
from nonpro.web.csrf import CSRF
from nonpro.web.notices import done

router = APIRouter(route_class=SessionRoute)


def _day(text: str, field: str) -> date:
    return parse_day(text.strip(), field) or today()


@router.post("/cases/{case_id}/statutory-steps", dependencies=CSRF)
def record_step(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    kind: Annotated[str, Form()] = "",
    step_on: Annotated[str, Form()] = "",
    step_note: Annotated[str, Form()] = "",
) -> Response:
    form = {"step_on": step_on, "step_note": step_note}
    try:
        step = services.record_step(
            case_id,
            kind,
            on=_day(step_on, "step_on"),
            note=step_note,
            session=session,
            actor=actor,
        )
    except InvalidInput as problem:
        if problem.field == "on":
            problem = InvalidInput("step_on", problem.problem)
        return refuse_action(request, session, case_id, actor, problem, form)
    due = f", due by {step.deadline}" if step.deadline else ""
    return done(request, f"/cases/{case_id}#statutory", f"Recorded: {kind.replace('_', ' ')}{due}.")


@router.post("/cases/{case_id}/statutory-steps/{step_id}/response", dependencies=CSRF)
def record_response(
    request: Request,
    case_id: str,
    step_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    response: Annotated[str, Form()] = "",
    response_on: Annotated[str, Form()] = "",
) -> Response:
    try:
        services.record_response(
            case_id,
            step_id,
            on=_day(response_on, "response_on"),
            response=response,
            session=session,
            actor=actor,
        )
    except InvalidInput as problem:
        return refuse_action(request, session, case_id, actor, problem, {})
    return done(request, f"/cases/{case_id}#statutory", "Response recorded.")


@router.post("/cases/{case_id}/assurances-required", dependencies=CSRF)
def set_assurances_required(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    required: Annotated[str, Form()] = "true",
) -> Response:
    wanted = required == "true"
    services.set_assurances_required(case_id, wanted, session=session, actor=actor)
    text = "Assurances are required before approval." if wanted else "Assurances not required."
    return done(request, f"/cases/{case_id}#statutory", text)


@router.post("/cases/{case_id}/assurances", dependencies=CSRF)
def request_assurance(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    assurance_kind: Annotated[str, Form()] = "",
    government: Annotated[str, Form()] = "",
    requested_on: Annotated[str, Form()] = "",
) -> Response:
    form = {"government": government, "requested_on": requested_on}
    try:
        services.request_assurance(
            case_id,
            assurance_kind,
            government=government,
            on=_day(requested_on, "requested_on"),
            session=session,
            actor=actor,
        )
    except InvalidInput as problem:
        renamed = {"kind": "assurance_kind", "on": "requested_on"}
        if problem.field in renamed:
            problem = InvalidInput(renamed[problem.field], problem.problem)
        return refuse_action(request, session, case_id, actor, problem, form)
    return done(request, f"/cases/{case_id}#statutory", "Assurance request recorded.")


@router.post("/cases/{case_id}/assurances/{assurance_id}/receipt", dependencies=CSRF)
def receive_assurance(
    request: Request,
    case_id: str,
    assurance_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    reference: Annotated[str, Form()] = "",
    received_on: Annotated[str, Form()] = "",
) -> Response:
    try:
        services.receive_assurance(
            case_id,
            assurance_id,
            on=_day(received_on, "received_on"),
            reference=reference,
            session=session,
            actor=actor,
        )
    except InvalidInput as problem:
        return refuse_action(request, session, case_id, actor, problem, {})
    return done(request, f"/cases/{case_id}#statutory", "Assurance recorded as received.")
