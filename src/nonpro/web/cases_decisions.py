"""The case page's decision actions: countersign or send back a proposed decision, record an
exception to the hard stops. Proposing is the page's "decided" move (``web.cases``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nonpro.cases import services
from nonpro.cases.errors import DecisionBlocked
from nonpro.cases.schemas import GateExceptionIn, ProposalAnswerIn
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageCountersigner, PageExceptionRecorder, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.cases import refuse_action, refuse_decision
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form
from nonpro.web.notices import done

router = APIRouter(route_class=SessionRoute)


@router.post("/cases/{case_id}/proposals/countersign", dependencies=CSRF)
def countersign(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageCountersigner,
    version: Annotated[int, Form()],
    answer_note: Annotated[str, Form()] = "",
) -> Response:
    form = {"answer_note": answer_note}
    try:
        data = parse_form(ProposalAnswerIn, {"version": version, "note": answer_note})
        case = services.countersign(case_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_action(request, session, case_id, actor, problem, form)
    except DecisionBlocked as problem:
        return refuse_decision(request, session, case_id, actor, problem, form)
    return done(request, f"/cases/{case.id}", f"Countersigned: the case is {case.decision}.")


@router.post("/cases/{case_id}/proposals/send-back", dependencies=CSRF)
def send_back(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageReader,
    version: Annotated[int, Form()],
    answer_note: Annotated[str, Form()] = "",
) -> Response:
    form = {"answer_note": answer_note}
    try:
        data = parse_form(ProposalAnswerIn, {"version": version, "note": answer_note})
        case = services.send_back(case_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        if problem.field == "note":  # the form's field is answer_note
            problem = InvalidInput("answer_note", problem.problem)
        return refuse_action(request, session, case_id, actor, problem, form)
    state = case.proposals[-1].state if case.proposals else "answered"
    return done(request, f"/cases/{case.id}", f"The proposed decision was {state}.")


@router.post("/cases/{case_id}/exceptions", dependencies=CSRF)
def record_exception(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageExceptionRecorder,
    version: Annotated[int, Form()],
    legal_basis: Annotated[str, Form()] = "",
    exception_note: Annotated[str, Form()] = "",
) -> Response:
    form = {"legal_basis": legal_basis, "exception_note": exception_note}
    try:
        values = {"version": version, "legal_basis": legal_basis, "note": exception_note}
        data = parse_form(GateExceptionIn, values)
        case = services.record_exception(case_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_action(request, session, case_id, actor, problem, form)
    return done(request, f"/cases/{case.id}", "Exception recorded, with its legal basis.")
