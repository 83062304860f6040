"""The dashboard: what needs attention today, each item linking to where it is handled."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.cases import services as cases
from nonpro.core.audit import AuditEntry
from nonpro.core.clock import utcnow
from nonpro.http.signin import WebPrincipal
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.sanctions import services as sanctions
from nonpro.screening import services as screening
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)

RECENT_ALERT_DAYS = 7
EXPIRY_REMINDER_DAYS = 60


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, principal: WebPrincipal) -> Response:
    context: dict[str, object] = {
        "recent_days": RECENT_ALERT_DAYS,
        "recent_alerts": cases.recent_alerts(
            session=session,
            actor=principal,
            since=utcnow() - timedelta(days=RECENT_ALERT_DAYS),
        ),
        "sanctions_expiring": sanctions.expiring(session=session, within_days=EXPIRY_REMINDER_DAYS),
        "lists": screening.status(session=session),
    }
    if principal.can(Permission.MANAGE_USERS):
        context["counts"] = {
            **accounts.census(session=session),
            "audit rows": session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        }
    return render(request, "dashboard.html", context)
