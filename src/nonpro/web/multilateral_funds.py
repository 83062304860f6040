"""HCOC and IAEA contributions pages: notifications (late ones flagged), the annual declaration,
contributions with a chart that is also a table, CSV download."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.downloads import download
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.multilateral import services
from nonpro.multilateral.rules import ContributionStatus, Fund, LaunchOutcome, VehicleClass
from nonpro.multilateral.services import (
    AllocationIn,
    ContributionIn,
    NotificationIn,
    OutcomeIn,
    PolicyIn,
    StatusIn,
)
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
HCOC, CONTRIBUTIONS = "multilateral/hcoc.html", "multilateral/contributions.html"
CONTRIBUTIONS_PATH = "/multilateral/contributions"
Page = Callable[[], dict[str, Any]]


def _year(text: str, fallback: int) -> int:
    if not text:
        return fallback
    if not text.isdigit():
        raise InvalidInput("year", f"{text!r} is not a year")
    return int(text)


@router.get("/multilateral/hcoc", response_class=HTMLResponse)
def hcoc_page(
    request: Request, session: SessionDep, principal: PageReader, year: str = ""
) -> Response:
    context = _hcoc_context(session, principal, _year(year, today().year))
    return render(request, HCOC, context)


def _hcoc_context(session: Session, principal: Principal, year: int) -> dict[str, Any]:
    return {
        "year": year,
        "notifications": services.list_notifications(session=session),
        "declaration": services.hcoc_declaration(year, session=session),
        "classes": list(VehicleClass),
        "outcomes": list(LaunchOutcome),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        "form": {},
    }


def _hcoc_again(session: Session, actor: Principal, form: dict[str, str]) -> Page:
    """The HCOC page for the year a refused form was for."""
    year = form.get("year", "")
    return partial(_hcoc_context, session, actor, int(year) if year.isdigit() else today().year)


@dataclass(frozen=True)
class _Step:
    """One form of these pages: its schema, what it does, the form's name on the page (where a
    refusal is shown) and the notice after it; on the HCOC page or the contributions page."""

    schema: type[BaseModel]
    act: Callable[[Any], object]
    form_name: str
    notice: str
    hcoc: bool = False
    skip_blank: bool = True


async def _take(request: Request, session: Session, actor: Principal, step: _Step) -> Response:
    """Parse the form and take the ``step``: on to its page with the notice, or, refused, its
    page again with the problem beside its field and the input kept."""
    form = await form_fields(request)
    try:
        step.act(parse_form(step.schema, form, skip_blank=step.skip_blank))
    except InvalidInput as problem:
        template, page = (
            (HCOC, _hcoc_again(session, actor, form))
            if step.hcoc
            else (CONTRIBUTIONS, partial(_contributions_context, session, actor))
        )
        name = step.form_name
        return refuse(request, session, problem, template, page, form=form, form_name=name)
    return done(request, "/multilateral/hcoc" if step.hcoc else CONTRIBUTIONS_PATH, step.notice)


@router.post("/multilateral/hcoc/notifications", dependencies=CSRF)
async def notify(request: Request, session: SessionDep, actor: PageMultilateralOfficer) -> Response:
    form = await form_fields(request)
    try:
        data = parse_form(NotificationIn, form, skip_blank=True)
        found = services.notify_launch(data, session=session, actor=actor)
    except InvalidInput as problem:
        page = _hcoc_again(session, actor, form)
        return refuse(request, session, problem, HCOC, page, form=form, form_name="notification")
    if found.late:
        late = "Notification recorded: LATE, made after the launch window opened."
        return done(request, "/multilateral/hcoc", late, warning=True)
    return done(request, "/multilateral/hcoc", "Notification recorded.")


@router.post("/multilateral/hcoc/notifications/{notification_id}/outcome", dependencies=CSRF)
async def outcome(
    request: Request, notification_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act = partial(services.record_launch_outcome, notification_id, session=session, actor=actor)
    step = _Step(OutcomeIn, act, f"outcome-{notification_id}", "Outcome recorded.", hcoc=True)
    return await _take(request, session, actor, step)


@router.post("/multilateral/hcoc/policies", dependencies=CSRF)
async def policies(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    form = await form_fields(request)
    policy = {k: v for k, v in form.items() if k != "year"}
    try:
        year = _year(form.get("year", ""), today().year)
        services.set_hcoc_policies(year, parse_form(PolicyIn, policy), session=session, actor=actor)
    except InvalidInput as problem:
        page = _hcoc_again(session, actor, form)
        return refuse(request, session, problem, HCOC, page, form=form, form_name="policies")
    return done(request, f"/multilateral/hcoc?year={year}", "Policies recorded.")


@router.get("/multilateral/contributions", response_class=HTMLResponse)
def contributions_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    context = _contributions_context(session, principal)
    return render(request, CONTRIBUTIONS, context)


def _contributions_context(session: Session, principal: Principal) -> dict[str, Any]:
    found = services.list_contributions(session=session)
    totals = services.contribution_totals(found)
    return {
        "contributions": found,
        "totals": totals,
        "chart": services.contributions_chart(totals),
        "funds": list(Fund),
        "statuses": list(ContributionStatus),
        "this_year": today().year,
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        "form": {},
    }


@router.get("/multilateral/contributions.csv")
def contributions_csv(session: SessionDep, _: PageReader) -> Response:
    text = services.contributions_csv(services.list_contributions(session=session))
    return download(text, "iaea-contributions.csv", "text/csv")


@router.post("/multilateral/contributions", dependencies=CSRF)
async def add_contribution(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act = partial(services.add_contribution, session=session, actor=actor)
    return await _take(
        request,
        session,
        actor,
        _Step(ContributionIn, act, "contribution", "Contribution recorded."),
    )


@router.post("/multilateral/contributions/{contribution_id}/allocations", dependencies=CSRF)
async def allocate(
    request: Request, contribution_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act = partial(services.allocate_contribution, contribution_id, session=session, actor=actor)
    name = f"allocation-{contribution_id}"
    step = _Step(AllocationIn, act, name, "Allocation recorded.", skip_blank=False)
    return await _take(request, session, actor, step)


@router.post("/multilateral/contributions/{contribution_id}/status", dependencies=CSRF)
async def set_status(
    request: Request, contribution_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act = partial(services.set_contribution_status, contribution_id, session=session, actor=actor)
    return await _take(
        request,
        session,
        actor,
        _Step(StatusIn, act, f"status-{contribution_id}", "Status updated."),
    )
