"""The UNGA votes page: a state's voting record on a resolution series, beside another state's,
and (for the multilateral officer) importing a vote table."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.api.deps import SessionDep
from nonpro.api.routing import SessionRoute
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.registers.votes import services as votes
from nonpro.web.csrf import verify_csrf
from nonpro.web.deps import page_requires
from nonpro.web.rendering import render
from nonpro.web.uploads import uploaded_text

router = APIRouter(route_class=SessionRoute)
Reader = Annotated[Principal, Depends(page_requires(Permission.READ))]
Officer = Annotated[Principal, Depends(page_requires(Permission.MANAGE_MULTILATERAL))]
CSRF = [Depends(verify_csrf)]
DONE = {"votes": "Votes imported."}


@router.get("/registers/votes", response_class=HTMLResponse)
def votes_page(
    request: Request,
    session: SessionDep,
    principal: Reader,
    state: str = "",
    series: str = "",
    compare: str = "",
    done: str = "",
) -> Response:
    found, problem = None, None
    if state.strip() or series.strip():
        try:
            found = votes.record(state, series=series, compare=compare or None, session=session)
        except InvalidInput as error:
            problem = error
    return _votes_page(request, session, principal, found=found, problem=problem,
                       query={"state": state, "series": series, "compare": compare},
                       notice=DONE.get(done))  # fmt: skip


def _votes_page(
    request: Request, session: SessionDep, principal: Principal, *, found: Any = None,
    problem: NonproError | None = None, query: dict[str, str] | None = None,
    notice: str | None = None,
) -> Response:  # fmt: skip
    context = {
        "record": found, "query": query or {}, "series": votes.series_names(session=session),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL), "notice": notice,
        "error": problem.message if problem else None,
        "error_field": getattr(problem, "field", None),
    }  # fmt: skip
    return render(request, "registers/votes.html", context, status=422 if problem else 200)


@router.post("/registers/votes/import", dependencies=CSRF)
async def import_votes(request: Request, session: SessionDep, actor: Officer) -> Response:
    try:
        text, filename = await uploaded_text(request)
        votes.import_csv(text, origin=f"upload:{filename}", session=session, actor=actor)
    except NonproError as problem:
        return _votes_page(request, session, actor, problem=problem)
    return RedirectResponse("/registers/votes?done=votes", status_code=303)
