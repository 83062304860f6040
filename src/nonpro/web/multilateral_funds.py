"""HCOC and IAEA contributions pages: notifications (late ones flagged), the annual declaration,
contributions with a chart that is also a table, CSV download."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.downloads import download
from nonpro.http.signin import page_requires
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
from nonpro.web.csrf import verify_csrf
from nonpro.web.forms import form_fields, parse_form, submitted
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
Reader = Annotated[Principal, Depends(page_requires(Permission.READ))]
Officer = Annotated[Principal, Depends(page_requires(Permission.MANAGE_MULTILATERAL))]
CSRF = [Depends(verify_csrf)]


def _year(text: str, fallback: int) -> int:
    if not text:
        return fallback
    if not text.isdigit():
        raise InvalidInput("year", f"{text!r} is not a year")
    return int(text)


@router.get("/multilateral/hcoc", response_class=HTMLResponse)
def hcoc_page(request: Request, session: SessionDep, principal: Reader, year: str = "") -> Response:
    chosen = _year(year, today().year)
    context: dict[str, Any] = {
        "year": chosen,
        "notifications": services.list_notifications(session=session),
        "declaration": services.hcoc_declaration(chosen, session=session),
        "classes": list(VehicleClass),
        "outcomes": list(LaunchOutcome),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
    }
    return render(request, "multilateral/hcoc.html", context)


@router.post("/multilateral/hcoc/notifications", dependencies=CSRF)
async def notify(request: Request, session: SessionDep, actor: Officer) -> Response:
    data = await submitted(request, NotificationIn, skip_blank=True)
    found = services.notify_launch(data, session=session, actor=actor)
    if found.late:
        late = "Notification recorded: LATE, made after the launch window opened."
        return done(request, "/multilateral/hcoc", late, warning=True)
    return done(request, "/multilateral/hcoc", "Notification recorded.")


@router.post("/multilateral/hcoc/notifications/{notification_id}/outcome", dependencies=CSRF)
async def outcome(
    request: Request, notification_id: str, session: SessionDep, actor: Officer
) -> Response:
    data = await submitted(request, OutcomeIn, skip_blank=True)
    services.record_launch_outcome(notification_id, data, session=session, actor=actor)
    return done(request, "/multilateral/hcoc", "Outcome recorded.")


@router.post("/multilateral/hcoc/policies", dependencies=CSRF)
async def policies(request: Request, session: SessionDep, actor: Officer) -> Response:
    form = await form_fields(request)
    year = _year(form.pop("year", ""), today().year)
    services.set_hcoc_policies(year, parse_form(PolicyIn, form), session=session, actor=actor)
    return done(request, f"/multilateral/hcoc?year={year}", "Policies recorded.")


@router.get("/multilateral/contributions", response_class=HTMLResponse)
def contributions_page(request: Request, session: SessionDep, principal: Reader) -> Response:
    found = services.list_contributions(session=session)
    totals = services.contribution_totals(found)
    context: dict[str, Any] = {
        "contributions": found,
        "totals": totals,
        "chart": services.contributions_chart(totals),
        "funds": list(Fund),
        "statuses": list(ContributionStatus),
        "this_year": today().year,
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
    }
    return render(request, "multilateral/contributions.html", context)


@router.get("/multilateral/contributions.csv")
def contributions_csv(session: SessionDep, _: Reader) -> Response:
    text = services.contributions_csv(services.list_contributions(session=session))
    return download(text, "iaea-contributions.csv", "text/csv")


@router.post("/multilateral/contributions", dependencies=CSRF)
async def add_contribution(request: Request, session: SessionDep, actor: Officer) -> Response:
    data = await submitted(request, ContributionIn, skip_blank=True)
    services.add_contribution(data, session=session, actor=actor)
    return done(request, "/multilateral/contributions", "Contribution recorded.")


@router.post("/multilateral/contributions/{contribution_id}/allocations", dependencies=CSRF)
async def allocate(
    request: Request, contribution_id: str, session: SessionDep, actor: Officer
) -> Response:
    data = await submitted(request, AllocationIn)
    services.allocate_contribution(contribution_id, data, session=session, actor=actor)
    return done(request, "/multilateral/contributions", "Allocation recorded.")


@router.post("/multilateral/contributions/{contribution_id}/status", dependencies=CSRF)
async def set_status(
    request: Request, contribution_id: str, session: SessionDep, actor: Officer
) -> Response:
    data = await submitted(request, StatusIn, skip_blank=True)
    services.set_contribution_status(contribution_id, data, session=session, actor=actor)
    return done(request, "/multilateral/contributions", "Status updated.")
