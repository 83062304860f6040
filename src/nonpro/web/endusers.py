"""The missile end-user knowledge base page: by country and name, each record with its source.

A search changes nothing, so the form uses GET (a result can be bookmarked and shared).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.core.errors import InvalidInput
from nonpro.endusers import services
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.forms import problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


@router.get("/controls/end-users", response_class=HTMLResponse)
def end_users_page(
    request: Request,
    session: SessionDep,
    provider: IndexDep,
    _: PageReader,
    country: str = "",
    name: str = "",
) -> Response:
    """Programme entities of a country and/or whose names contain a text."""
    context: dict[str, Any] = {"country": country, "name": name, "base": None}
    status = 200
    if country.strip() or name.strip():
        try:
            context["base"] = services.search(
                session=session,
                provider=provider,
                country=country.strip() or None,
                text=name.strip() or None,
            )
        except InvalidInput as problem:
            context.update(problem_context(problem))
            status = 422
    return render(request, "controls/end_users.html", context, status=status)
