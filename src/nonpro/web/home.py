"""Home: the signed-in person's work queue (nonpro.worklist), then the lists' state and, for
administrators, the installation's figures. Sorting is server-side: ``?sort=`` links."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import ROLE_TITLES, Permission
from nonpro.core.audit import AuditEntry
from nonpro.http.signin import WebPrincipal
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.screening import services as screening
from nonpro.web.rendering import render
from nonpro.worklist import services as worklist
from nonpro.worklist.rules import DEFAULT_SORT, SortKey

router = APIRouter(route_class=SessionRoute)

# Per column: the order a click asks for, given the order shown now (a second click reverses).
_NEXT = {
    "due": {SortKey.DUE: SortKey.DUE_DESC},
    "title": {SortKey.TITLE: SortKey.TITLE_DESC},
}
_FIRST = {"due": SortKey.DUE, "title": SortKey.TITLE}
_ARIA = {
    SortKey.DUE: ("due", "ascending"),
    SortKey.DUE_DESC: ("due", "descending"),
    SortKey.TITLE: ("title", "ascending"),
    SortKey.TITLE_DESC: ("title", "descending"),
}


def _sort(raw: str | None) -> SortKey:
    """The order asked for; anything else is the default order (a stale link still works)."""
    try:
        return SortKey(raw) if raw else DEFAULT_SORT
    except ValueError:
        return DEFAULT_SORT


def sort_links(sort: SortKey) -> dict[str, dict[str, str]]:
    """Per sortable column: the ``?sort=`` its header links to and its ``aria-sort`` value."""
    column, direction = _ARIA[sort]
    return {
        name: {
            "href": f"?sort={_NEXT[name].get(sort, _FIRST[name]).value}",
            "aria": direction if name == column else "none",
        }
        for name in _FIRST
    }


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, principal: WebPrincipal) -> Response:
    sort = _sort(request.query_params.get("sort"))
    agencies = accounts.agency_names(session=session)
    context: dict[str, object] = {
        "queue": worklist.worklist(session=session, actor=principal, sort=sort),
        "sort_links": sort_links(sort),
        "role_title": ROLE_TITLES[principal.role],
        "agency_name": agencies.get(principal.agency_code or "", principal.agency_code),
        "lists": screening.status(session=session),
    }
    if principal.can(Permission.MANAGE_USERS):
        context["counts"] = {
            **accounts.census(session=session),
            "audit rows": session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        }
    return render(request, "dashboard.html", context)
