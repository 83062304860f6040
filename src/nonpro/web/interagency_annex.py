"""MARC's Annex proposal pages: the list with the chair's form for a new proposal, and one
proposal with the member agencies' views, the U.S. position and the TEM and plenary outcomes."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageChair, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency.annex import services
from nonpro.interagency.annex.rules import Outcome, Stage, Status, USPosition, ViewPosition
from nonpro.interagency.annex.schemas import OutcomeIn, PositionIn, ProposalIn, ViewIn
from nonpro.interagency.services import is_representative
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
BASE = "/interagency/annex-proposals"
LIST_TEMPLATE = "interagency/annex_proposals.html"
PAGE_TEMPLATE = "interagency/annex_proposal.html"
NOTICES = {
    "created": "Proposal recorded as a draft.",
    "requested": "Views requested from MARC's member agencies.",
    "view": "View recorded.",
    "position": "U.S. position recorded.",
    Stage.TEM.value: "Technical Experts Meeting outcome recorded.",
    Stage.PLENARY.value: "Plenary outcome recorded.",
}


def _list_context(session: Session, principal: Principal) -> dict[str, Any]:
    found = services.list_proposals(session=session, reader=principal)
    return {
        "proposals": [services.proposal_out(p, session=session) for p in found],
        "can_chair": principal.can(Permission.CHAIR_GROUPS),
        "form": {},
    }


@router.get(BASE)
def list_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    return render(request, LIST_TEMPLATE, _list_context(session, principal))


@router.post(BASE, dependencies=CSRF)
def create(
    request: Request,
    session: SessionDep,
    actor: PageChair,
    entry: Annotated[str, Form()],
    proposed_text: Annotated[str, Form()],
    rationale: Annotated[str, Form()],
    proposer: Annotated[str, Form()] = "United States",
    parent_entry: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "entry": entry.strip(),
        "new_entry": bool(parent_entry.strip()),
        "parent_entry": parent_entry.strip() or None,
        "proposed_text": proposed_text,
        "rationale": rationale,
        "proposer": proposer,
    }
    try:
        proposal = services.create(parse_form(ProposalIn, form), session=session, actor=actor)
    except InvalidInput as problem:
        page = partial(_list_context, session, actor)
        kept = {**form, "parent_entry": parent_entry}
        return refuse(request, session, problem, LIST_TEMPLATE, page, form=kept)
    return done(request, f"{BASE}/{proposal.id}", NOTICES["created"])


def _page_context(proposal_id: str, session: Session, principal: Principal) -> dict[str, Any]:
    out = services.proposal_out(
        services.get(proposal_id, session=session, reader=principal), session=session
    )
    can_chair = principal.can(Permission.CHAIR_GROUPS)
    own = principal.agency_code if is_representative(principal) else None
    return {
        "p": out,
        "can_chair": can_chair,
        "own_agency": own if own in out.members else None,
        "may_view": out.status == Status.UNDER_REVIEW and (can_chair or own in out.members),
        "view_positions": list(ViewPosition),
        "us_positions": list(USPosition),
        "outcomes": list(Outcome),
        # The meeting the chair may record now, if any.
        "stage": {Status.POSITION_SET: Stage.TEM, Status.TEM_DECIDED: Stage.PLENARY}.get(out.status)
        if can_chair and not out.ended
        else None,
        "form": {},
    }


@router.get(BASE + "/{proposal_id}")
def proposal_page(
    request: Request, proposal_id: str, session: SessionDep, principal: PageReader
) -> Response:
    return render(request, PAGE_TEMPLATE, _page_context(proposal_id, session, principal))


def _refused(
    request: Request,
    proposal_id: str,
    session: Session,
    actor: Principal,
    problem: InvalidInput,
    form: dict[str, Any],
    form_name: str,
) -> Response:
    page = partial(_page_context, proposal_id, session, actor)
    return refuse(request, session, problem, PAGE_TEMPLATE, page, form=form, form_name=form_name)


@router.post(BASE + "/{proposal_id}/request-views", dependencies=CSRF)
def request_views(
    request: Request, proposal_id: str, session: SessionDep, actor: PageChair
) -> Response:
    services.request_views(proposal_id, session=session, actor=actor)
    return done(request, f"{BASE}/{proposal_id}", NOTICES["requested"])


@router.post(BASE + "/{proposal_id}/views", dependencies=CSRF)
def record_view(
    request: Request,
    proposal_id: str,
    session: SessionDep,
    actor: PageReader,
    position: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    agency: Annotated[str, Form()] = "",
) -> Response:
    form = {"agency": agency or None, "position": position, "note": note}
    try:
        data = parse_form(ViewIn, form)
        services.record_view(proposal_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return _refused(request, proposal_id, session, actor, problem, form, "view")
    return done(request, f"{BASE}/{proposal_id}", NOTICES["view"])


@router.post(BASE + "/{proposal_id}/position", dependencies=CSRF)
def set_position(
    request: Request,
    proposal_id: str,
    session: SessionDep,
    actor: PageChair,
    position: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    form = {"position": position, "note": note}
    try:
        services.set_position(
            proposal_id, parse_form(PositionIn, form), session=session, actor=actor
        )
    except InvalidInput as problem:
        return _refused(request, proposal_id, session, actor, problem, form, "position")
    return done(request, f"{BASE}/{proposal_id}", NOTICES["position"])


@router.post(BASE + "/{proposal_id}/outcomes/{stage}", dependencies=CSRF)
def record_outcome(
    request: Request,
    proposal_id: str,
    stage: Stage,
    session: SessionDep,
    actor: PageChair,
    held_on: Annotated[str, Form()] = "",
    outcome: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    produced_version: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "held_on": held_on,
        "outcome": outcome,
        "note": note,
        "produced_version": produced_version,
    }
    try:
        data = parse_form(OutcomeIn, form)
        services.record_outcome(proposal_id, stage, data, session=session, actor=actor)
    except InvalidInput as problem:
        return _refused(request, proposal_id, session, actor, problem, form, "outcome")
    return done(request, f"{BASE}/{proposal_id}", NOTICES[stage.value])
