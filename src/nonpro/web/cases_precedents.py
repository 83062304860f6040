"""The precedents search page; the case page shows a case's own precedents (``web.cases``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nonpro.cases import services
from nonpro.cases.rules import CaseType, Decision
from nonpro.cases.schemas import PrecedentSearch, PrecedentSearchOut
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.forms import parse_form, problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
SEARCH_KEYS = (
    "annex_item",
    "end_user",
    "destination",
    "outcome",
    "type",
    "decided_from",
    "decided_to",
)


@router.get("/precedents")
def search_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    """The search form and, once asked, the decided cases that match; a refused search is the
    form again with the problem beside its field and the input kept (422)."""
    raw = {k: v.strip() for k, v in request.query_params.items() if k in SEARCH_KEYS and v.strip()}
    refused: InvalidInput | None = None
    found: PrecedentSearchOut | None = None
    try:
        wanted = parse_form(PrecedentSearch, raw)
        if raw:
            found = services.search_precedents(wanted, session=session, actor=principal)
    except InvalidInput as problem:
        refused = problem
    context = {
        "form": {k: raw.get(k, "") for k in SEARCH_KEYS},
        "found": found,
        "decisions": list(Decision),
        "types": list(CaseType),
        "restricted": services.restricted(principal),
        **problem_context(refused),
    }
    return render(request, "cases/precedents.html", context, status=422 if refused else 200)
