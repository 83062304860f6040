"""Negotiation file pages: the files and search, a file's timeline with the positions form and
the position papers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.api.deps import SessionDep
from nonpro.api.routing import SessionRoute
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.validation import parse_input
from nonpro.registers.files import services as files
from nonpro.registers.files.rules import Forum, PositionKind
from nonpro.registers.files.schemas import PaperIn, PaperVersionIn, PositionIn
from nonpro.registers.votes import services as votes
from nonpro.web.csrf import verify_csrf
from nonpro.web.deps import page_requires
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
Reader = Annotated[Principal, Depends(page_requires(Permission.READ))]
Officer = Annotated[Principal, Depends(page_requires(Permission.MANAGE_MULTILATERAL))]
CSRF = [Depends(verify_csrf)]
DONE = {
    "position": "Position recorded.",
    "paper": "Position paper saved.",
    "version": "New version saved; earlier versions are kept.",
}


async def form_of(request: Request) -> dict[str, str]:
    raw = await request.form()
    return {k: v.strip() for k, v in raw.items() if isinstance(v, str) and k != "csrf_token"}


def _error(problem: NonproError | None) -> dict[str, Any]:
    return {
        "error": problem.message if problem else None,
        "error_field": getattr(problem, "field", None),
    }


@router.get("/registers/files", response_class=HTMLResponse)
def files_page(request: Request, session: SessionDep, _: Reader, q: str = "") -> Response:
    hits, problem = None, None
    if q.strip():
        try:
            hits = files.search(q, session=session)
        except InvalidInput as error:
            problem = error
    context = {"files": files.list_files(session=session), "q": q, "hits": hits, **_error(problem)}
    return render(request, "registers/files.html", context, status=422 if problem else 200)


def _file_page(
    request: Request,
    code: str,
    session: SessionDep,
    principal: Principal,
    *,
    notice: str | None = None,
    form: dict[str, str] | None = None,
    problem: NonproError | None = None,
) -> Response:
    context = {
        "timeline": files.timeline(code, session=session),
        "papers": files.papers(code, session=session),
        "resolutions": votes.list_resolutions(session=session, file=code),
        "forums": list(Forum), "kinds": list(PositionKind), "form": form or {},
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL), "notice": notice,
        **_error(problem),
    }  # fmt: skip
    return render(request, "registers/files_show.html", context, status=422 if problem else 200)


@router.get("/registers/files/{code}", response_class=HTMLResponse)
def file_page(
    request: Request, code: str, session: SessionDep, principal: Reader, done: str = ""
) -> Response:
    return _file_page(request, code, session, principal, notice=DONE.get(done))


def _back(code: str, done: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/registers/files/{code}?done={done}{anchor}", status_code=303)


@router.post("/registers/files/{code}/positions", dependencies=CSRF)
async def add_position(
    request: Request, code: str, session: SessionDep, actor: Officer
) -> Response:
    form = await form_of(request)
    try:
        files.add_position(code, parse_input(PositionIn, form), session=session, actor=actor)
    except InvalidInput as problem:
        return _file_page(request, code, session, actor, form=form, problem=problem)
    return _back(code.upper(), "position", "#timeline")


@router.post("/registers/files/{code}/papers", dependencies=CSRF)
async def add_paper(request: Request, code: str, session: SessionDep, actor: Officer) -> Response:
    form = await form_of(request)
    try:
        files.add_paper(code, parse_input(PaperIn, form), session=session, actor=actor)
    except InvalidInput as problem:
        return _file_page(request, code, session, actor, form=form, problem=problem)
    return _back(code.upper(), "paper", "#papers")


@router.post("/registers/files/papers/{paper_id}/versions", dependencies=CSRF)
async def revise_paper(
    request: Request, paper_id: str, session: SessionDep, actor: Officer
) -> Response:
    form = await form_of(request)
    code = files.show_paper(paper_id, session=session).file
    try:
        data = parse_input(PaperVersionIn, form)
        files.revise_paper(paper_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return _file_page(request, code, session, actor, problem=problem)
    return _back(code, "version", "#papers")
