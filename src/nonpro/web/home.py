"""The dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from nonpro.accounts.models import Agency, User
from nonpro.api.deps import SessionDep
from nonpro.core.audit import AuditEntry
from nonpro.web.deps import WebPrincipal
from nonpro.web.rendering import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, principal: WebPrincipal) -> Response:
    counts = {
        "users": session.scalar(select(func.count()).select_from(User)) or 0,
        "agencies": session.scalar(select(func.count()).select_from(Agency)) or 0,
        "audit rows": session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
    }
    return render(request, "dashboard.html", {"counts": counts})
