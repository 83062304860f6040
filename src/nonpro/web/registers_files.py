"""Negotiation file pages: the files and search, a file's timeline with the positions form and
the position papers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.registers.files import services as files
from nonpro.registers.files.rules import Forum, PositionKind
from nonpro.registers.files.schemas import PaperIn, PaperVersionIn, PositionIn
from nonpro.registers.votes import services as votes
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, form_page, parse_form, problem_context
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
DONE = {
    "position": "Position recorded.",
    "paper": "Position paper saved.",
    "version": "New version saved; earlier versions are kept.",
}


@router.get("/registers/files", response_class=HTMLResponse)
def files_page(request: Request, session: SessionDep, _: PageReader, q: str = "") -> Response:
    hits, problem = None, None
    if q.strip():
        try:
            hits = files.search(q, session=session)
        except InvalidInput as error:
            problem = error
    context = {
        "files": files.list_files(session=session),
        "q": q,
        "hits": hits,
        **problem_context(problem),
    }
    return render(request, "registers/files.html", context, status=422 if problem else 200)


def _file_page(
    request: Request,
    code: str,
    session: SessionDep,
    principal: Principal,
    *,
    form: dict[str, str] | None = None,
    problem: NonproError | None = None,
    form_name: str = "",
) -> Response:
    """The file's page; refused, ``problem`` is shown in the form ``form_name``."""

    def page() -> dict[str, Any]:
        return {
            "timeline": files.timeline(code, session=session),
            "papers": files.papers(code, session=session),
            "resolutions": votes.list_resolutions(session=session, file=code),
            "forums": list(Forum),
            "kinds": list(PositionKind),
            "form": form or {},
            "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
            "refused_form": form_name,
        }

    return form_page(request, session, "registers/files_show.html", page, problem=problem)


@router.get("/registers/files/{code}", response_class=HTMLResponse)
def file_page(request: Request, code: str, session: SessionDep, principal: PageReader) -> Response:
    return _file_page(request, code, session, principal)


def _back(request: Request, code: str, outcome: str, anchor: str) -> RedirectResponse:
    return done(request, f"/registers/files/{code}{anchor}", DONE[outcome])


async def _on_file(
    request: Request,
    code: str,
    session: Session,
    actor: Principal,
    schema: type[BaseModel],
    add: Callable[..., object],
    outcome: str,
    anchor: str,
) -> Response:
    """Parse the form as ``schema`` and ``add`` it to the file: back to the file's ``anchor``,
    or, refused, the file's page with the problem in the form ``outcome`` names."""
    form = await form_fields(request)
    try:
        add(code, parse_form(schema, form), session=session, actor=actor)
    except InvalidInput as problem:
        return _file_page(
            request, code, session, actor, form=form, problem=problem, form_name=outcome
        )
    return _back(request, code.upper(), outcome, anchor)


@router.post("/registers/files/{code}/positions", dependencies=CSRF)
async def add_position(
    request: Request, code: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    add = files.add_position
    return await _on_file(request, code, session, actor, PositionIn, add, "position", "#timeline")


@router.post("/registers/files/{code}/papers", dependencies=CSRF)
async def add_paper(
    request: Request, code: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    return await _on_file(
        request, code, session, actor, PaperIn, files.add_paper, "paper", "#papers"
    )


@router.post("/registers/files/papers/{paper_id}/versions", dependencies=CSRF)
async def revise_paper(
    request: Request, paper_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    form = await form_fields(request)
    code = files.show_paper(paper_id, session=session).file
    try:
        data = parse_form(PaperVersionIn, form)
        files.revise_paper(paper_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return _file_page(
            request,
            code,
            session,
            actor,
            form=form,
            problem=problem,
            form_name=f"version-{paper_id}",
        )
    return _back(request, code, "version", "#papers")
