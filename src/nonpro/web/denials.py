"""The denial register's pages: the register with filters, recording a denial and importing a
partner's list (for case managers), one denial with its withdrawal, and the no-undercut check of
a case. The case page shows the same check (``denials/_case_flag.html``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.denials import services as denials
from nonpro.denials.rules import DenialStatus
from nonpro.denials.schemas import DenialIn, DenialWithdrawal
from nonpro.http.signin import PageCaseManager, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_upload
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, problem_context, refuse
from nonpro.web.imports import import_done
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
FILTERS = ("status", "partner", "country", "annex_entry", "q")
FIELDS = (
    "reference",
    "notifying_partner",
    "notified_on",
    "item_description",
    "annex_entry",
    "end_user",
    "end_user_country",
    "reason",
    "source",
)


def _register(
    session: Session, principal: Principal, query: dict[str, str], form: dict[str, str]
) -> dict[str, Any]:
    """The register page's context; a bad filter is shown beside it, the whole register below."""
    filter_problem: InvalidInput | None = None
    try:
        found = denials.list_denials(
            session=session,
            reader=principal,
            status=query.get("status") or None,
            partner=query.get("partner") or None,
            country=query.get("country") or None,
            annex_entry=query.get("annex_entry") or None,
            text=query.get("q") or None,
        )
    except InvalidInput as problem:
        filter_problem = problem
        found = denials.list_denials(session=session, reader=principal)
    return {
        "denials": found,
        "query": query,
        "statuses": list(DenialStatus),
        "form": form,
        "can_manage": principal.can(Permission.MANAGE_CASES),
        **(problem_context(filter_problem) if filter_problem else {}),
        "refused_form": "filter" if filter_problem else "denial",
    }


@router.get("/denials", response_class=HTMLResponse)
def register_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    query = {k: v.strip() for k, v in request.query_params.items() if k in FILTERS}
    context = _register(session, principal, query, {})
    status = 422 if context.get("error") else 200
    return render(request, "denials/index.html", context, status=status)


@router.post("/denials", dependencies=CSRF)
async def record(request: Request, session: SessionDep, actor: PageCaseManager) -> Response:
    form = {k: v for k, v in (await form_fields(request)).items() if k in FIELDS}
    try:
        data = parse_form(DenialIn, form, skip_blank=True)
        found = denials.record_denial(data, session=session, actor=actor)
    except NonproError as problem:

        def page() -> dict[str, Any]:
            return _register(session, actor, {}, form)

        return refuse(request, session, problem, "denials/index.html", page, form_name="denial")
    return done(request, f"/denials/{found.reference}", f"Denial {found.reference} recorded.")


@router.post("/denials/import", dependencies=CSRF)
async def import_denials(request: Request, session: SessionDep, actor: PageCaseManager) -> Response:
    try:
        found = await import_upload(request, denials.import_csv, session=session, actor=actor)
    except NonproError as problem:

        def page() -> dict[str, Any]:
            return _register(session, actor, {}, {})

        return refuse(request, session, problem, "denials/index.html", page, form_name="import")
    added = f"{len(found.added)} denial{'s' if len(found.added) != 1 else ''} imported."
    return import_done(
        request,
        back="/denials",
        back_label="Back to the denials",
        stored=added,
        report=found.report,
    )


@router.get("/denials/check", response_class=HTMLResponse)
def check_page(
    request: Request, session: SessionDep, principal: PageReader, case: str = ""
) -> Response:
    """The no-undercut check of one case, linked from and to the case page."""
    if not case.strip():
        problem = InvalidInput("case", "name a case by its reference")

        def page() -> dict[str, Any]:
            return {**_register(session, principal, {}, {}), "refused_form": "check"}

        return refuse(request, session, problem, "denials/index.html", page, form_name="check")
    found = denials.check_case(case.strip(), session=session, reader=principal)
    return render(request, "denials/check.html", {"check": found})


@router.get("/denials/{reference}", response_class=HTMLResponse)
def denial_page(
    request: Request, reference: str, session: SessionDep, principal: PageReader
) -> Response:
    found = denials.show_denial(reference, session=session, reader=principal)
    context = {"d": found, "can_manage": principal.can(Permission.MANAGE_CASES), "form": {}}
    return render(request, "denials/show.html", context)


@router.post("/denials/{reference}/withdraw", dependencies=CSRF)
async def withdraw(
    request: Request, reference: str, session: SessionDep, actor: PageCaseManager
) -> Response:
    form = {k: v for k, v in (await form_fields(request)).items() if k in ("withdrawn_on", "note")}
    try:
        data = parse_form(DenialWithdrawal, form, skip_blank=True)
        found = denials.withdraw_denial(reference, data, session=session, actor=actor)
    except NonproError as problem:

        def page() -> dict[str, Any]:
            shown = denials.show_denial(reference, session=session, reader=actor)
            return {"d": shown, "can_manage": True}

        return refuse(request, session, problem, "denials/show.html", page, form=form)
    return done(request, f"/denials/{found.reference}", f"Denial {found.reference} withdrawn.")
