"""The clearing officers page: who may clear instructions for which office, kept by
multilateral officers (never for themselves)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.multilateral import services
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.schemas import ClearingOfficerIn
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
PAGE, URL = "multilateral/clearing_officers.html", "/multilateral/clearing-officers"
# What may go wrong with an appointment or a dismissal, and the status each is answered with.
REFUSALS = (InvalidInput, DutiesNotSeparated, Conflict, NotFound)
STATUS = {DutiesNotSeparated: 403, Conflict: 409, NotFound: 404}


@router.get(URL, response_class=HTMLResponse)
def clearing_officers_page(
    request: Request, session: SessionDep, principal: PageReader
) -> Response:
    return render(request, PAGE, _context(session, principal))


def _context(session: Session, principal: Principal) -> dict[str, Any]:
    return {
        "officers": services.list_clearing_officers(session=session),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        "form": {},
    }


async def _change(
    request: Request, session: Session, actor: Principal, *, dismiss: bool
) -> Response:
    """Appoint or dismiss, then back to the list with a notice; a refusal is the page again,
    the problem beside the user name (a problem of the whole appointment concerns who is named).
    """
    form = await form_fields(request)
    change = services.dismiss_clearing_officer if dismiss else services.appoint_clearing_officer
    try:
        found = change(parse_form(ClearingOfficerIn, form), session=session, actor=actor)
    except REFUSALS as problem:
        field = problem.field if isinstance(problem, InvalidInput | DutiesNotSeparated) else ""
        shown = InvalidInput(field or "username", getattr(problem, "problem", problem.message))
        status = next((code for kind, code in STATUS.items() if isinstance(problem, kind)), 422)
        page = partial(_context, session, actor)
        name = "dismiss" if dismiss else "appoint"
        return refuse(request, session, shown, PAGE, page, form=form, form_name=name, status=status)
    now = "no longer clears" if dismiss else "now clears"
    return done(request, URL, f"{found.username} {now} for {found.office}.")


@router.post(URL, dependencies=CSRF)
async def appoint(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    return await _change(request, session, actor, dismiss=False)


@router.post(f"{URL}/dismiss", dependencies=CSRF)
async def dismiss(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    return await _change(request, session, actor, dismiss=True)
