"""The agreements register page: the register with status and the partner's IAEA safeguards,
expiry reminders, and (for the multilateral officer) adding agreements and importing a CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.validation import parse_day
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_upload
from nonpro.registers.agreements import services as agreements
from nonpro.registers.agreements.rules import AgreementKind
from nonpro.registers.agreements.schemas import AgreementIn, AgreementOut, AgreementUpdate
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form, problem_context, refuse
from nonpro.web.imports import import_done
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
FIELDS = (
    "key",
    "kind",
    "title",
    "partner",
    "signed",
    "in_force",
    "expires",
    "scope",
    "consent_rights",
    "safeguards_basis",
    "remind_days",
    "source",
)
EDIT_FIELDS = ("in_force", "expires", "terminated", "remind_days", "note")
DONE = {
    "added": "Agreement added.",
    "imported": "Agreements imported.",
    "edited": "Agreement corrected.",
}


def _days(text: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        raise InvalidInput("within", f"{text!r} is not a number of days") from None


def _page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    query: dict[str, str],
    *,
    form: dict[str, str] | None = None,
    error: NonproError | None = None,
) -> Response:
    def page() -> dict[str, Any]:
        filter_problem = None
        try:
            within = _days(query.get("within", ""))
            found = agreements.list_agreements(
                session=session,
                kind=query.get("kind") or None,
                partner=query.get("partner") or None,
                in_force_on=parse_day(query.get("in_force_on", ""), "in_force_on"),
            )
            reminders = agreements.due(session=session, within_days=within)
        except (InvalidInput, ValueError) as problem:
            # A bad filter is shown beside the filter, with the whole register below it.
            filter_problem = (
                problem
                if isinstance(problem, InvalidInput)
                else InvalidInput("within", str(problem))
            )
            found = agreements.list_agreements(session=session)
            reminders = agreements.due(session=session)
            within = 0
        return {
            "agreements": found,
            "reminders": reminders,
            "within": within,
            "query": query,
            "kinds": list(AgreementKind),
            "form": form or {},
            "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
            **(problem_context(filter_problem) if filter_problem else {}),
            "refused_form": "filter" if filter_problem else "agreement",
        }

    if error is not None:
        return refuse(request, session, error, "registers/agreements.html", page, form=form)
    context = page()
    return render(
        request, "registers/agreements.html", context, status=422 if "error" in context else 200
    )


@router.get("/registers/agreements", response_class=HTMLResponse)
def agreements_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    query = {k: v.strip() for k, v in request.query_params.items()}
    return _page(request, session, principal, query)


@router.get("/registers/agreements/{key}", response_class=HTMLResponse)
def agreement_page(
    request: Request,
    key: str,
    session: SessionDep,
    principal: PageReader,
    as_of: str = "",
) -> Response:
    found = agreements.show(key, session=session, as_of=parse_day(as_of, "as_of"))
    return render(request, "registers/agreements_show.html", _show(found, principal))


def _show(found: AgreementOut, principal: Principal) -> dict[str, Any]:
    return {"a": found, "can_edit": principal.can(Permission.MANAGE_MULTILATERAL), "form": {}}


@router.post("/registers/agreements/{key}/edit", dependencies=CSRF)
async def edit_agreement(
    request: Request, key: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    raw = await request.form()
    form = {k: v.strip() for k, v in raw.items() if isinstance(v, str) and k in EDIT_FIELDS}
    # A blank date field leaves the stored date as it is; the edit changes what is filled in.
    changes = {k: v for k, v in form.items() if v != ""}
    try:
        data = parse_form(AgreementUpdate, changes)
        agreements.edit(key, data, session=session, actor=actor)
    except InvalidInput as problem:

        def page() -> dict[str, Any]:
            return _show(agreements.show(key, session=session), actor)

        template = "registers/agreements_show.html"
        return refuse(request, session, problem, template, page, form=form)
    return done(request, f"/registers/agreements/{key}", DONE["edited"])


@router.post("/registers/agreements", dependencies=CSRF)
async def add_agreement(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    raw = await request.form()
    form = {k: v.strip() for k, v in raw.items() if isinstance(v, str) and k in FIELDS}
    try:
        data = parse_form(AgreementIn, {k: v for k, v in form.items() if v != ""})
        agreements.add(data, session=session, actor=actor)
    except NonproError as problem:
        return _page(request, session, actor, {}, form=form, error=problem)
    return done(request, "/registers/agreements", DONE["added"])


@router.post("/registers/agreements/import", dependencies=CSRF)
async def import_agreements(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    try:
        found = await import_upload(request, agreements.import_csv, session=session, actor=actor)
    except NonproError as problem:
        return _page(request, session, actor, {}, error=problem)
    return import_done(
        request,
        back="/registers/agreements",
        back_label="Back to the agreements",
        stored=DONE["imported"],
        report=found.report,
    )
