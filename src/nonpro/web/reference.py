"""The countries page: resolve a name or code, as the CLI's `countries resolve`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.core.errors import InvalidInput
from nonpro.http.signin import WebPrincipal
from nonpro.http.unit_of_work import SessionRoute
from nonpro.reference.services import resolve_country
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


@router.get("/countries", response_class=HTMLResponse)
def countries(request: Request, _: WebPrincipal, q: str = "") -> Response:
    country, error = None, None
    if q.strip():
        try:
            country = resolve_country(q)
        except InvalidInput as problem:
            error = problem.message
    template = "countries_result.html" if request.headers.get("hx-request") else "countries.html"
    return render(request, template, {"q": q, "country": country, "error": error})
