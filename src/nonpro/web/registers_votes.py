"""The UNGA votes page: a state's voting record on a resolution series, beside another state's,
and (for the multilateral officer) importing a vote table."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_upload
from nonpro.registers.votes import services as votes
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_page
from nonpro.web.imports import import_done

router = APIRouter(route_class=SessionRoute)


@router.get("/registers/votes", response_class=HTMLResponse)
def votes_page(
    request: Request,
    session: SessionDep,
    principal: PageReader,
    state: str = "",
    series: str = "",
    compare: str = "",
) -> Response:
    found, problem = None, None
    if state.strip() or series.strip():
        try:
            found = votes.record(state, series=series, compare=compare or None, session=session)
        except InvalidInput as error:
            problem = error
    return _votes_page(
        request,
        session,
        principal,
        found=found,
        problem=problem,
        query={"state": state, "series": series, "compare": compare},
    )


def _votes_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    found: Any = None,
    problem: NonproError | None = None,
    query: dict[str, str] | None = None,
) -> Response:
    def page() -> dict[str, Any]:
        return {
            "record": found,
            "query": query or {},
            "series": votes.series_names(session=session),
            "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        }

    return form_page(request, session, "registers/votes.html", page, problem=problem)


@router.post("/registers/votes/import", dependencies=CSRF)
async def import_votes(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    try:
        found = await import_upload(request, votes.import_csv, session=session, actor=actor)
    except NonproError as problem:
        return _votes_page(request, session, actor, problem=problem)
    return import_done(
        request,
        back="/registers/votes",
        back_label="Back to the voting record",
        stored="Votes imported.",
        report=found.report,
    )
