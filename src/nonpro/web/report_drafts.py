"""The report drafts pages: generate a draft, edit its sections, refresh its data, clear it by
office, finalize it; the changes between two versions."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.http.signin import PageReader, PageReportWriter
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.reports import services as reports
from nonpro.reports.drafts import services
from nonpro.reports.drafts.rules import Decision
from nonpro.reports.schemas import (
    ClearanceRequestIn,
    DecisionIn,
    DraftIn,
    OfficeRecords,
    SectionTextIn,
)
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
URL = "/reports/drafts"
LIST, PAGE, DIFF = "reports/drafts.html", "reports/draft.html", "reports/draft_diff.html"
# What a draft's forms may be refused for, and the status each is answered with.
REFUSALS = (InvalidInput, DutiesNotSeparated, Conflict)
STATUS = {DutiesNotSeparated: 403, Conflict: 409}
SENT_BACK = " It was in clearance or cleared: it is a draft again, and must be cleared again."


def _configured(request: Request) -> str | None:
    scheme: str | None = request.app.state.settings.marking_scheme
    return scheme


def _records(request: Request) -> OfficeRecords:
    return reports.office_records(request.app.state.settings.report_records)


def _list_context(request: Request, session: Session, principal: Principal) -> dict[str, Any]:
    configured = _configured(request)
    return {
        "drafts": services.list_drafts(session=session, actor=principal),
        "can_write": principal.can(Permission.WRITE_REPORTS),
        "markings": reports.marking_choices(configured),
        "form": {"kind": "country", "state": "North Korea", "marking": configured or ""},
    }


@router.get(URL, response_class=HTMLResponse)
def drafts_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    return render(request, LIST, _list_context(request, session, principal))


@router.post(URL, dependencies=CSRF)
async def create(request: Request, session: SessionDep, actor: PageReportWriter) -> Response:
    form = await form_fields(request)
    try:
        data = parse_form(DraftIn, form, skip_blank=True)
        made = services.create_draft(
            data,
            records=_records(request),
            configured_marking=_configured(request),
            session=session,
            actor=actor,
        )
    except REFUSALS as problem:
        page = partial(_list_context, request, session, actor)
        return refuse(request, session, problem, LIST, page, form=form, status=_status(problem))
    return done(request, f"{URL}/{made.id}", f"Draft generated: {made.title}, version 1.")


def _status(problem: Exception) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(problem, kind)), 422)


def _page_context(
    session: Session, principal: Principal, draft_id: str, **extra: Any
) -> dict[str, Any]:
    found = services.get_draft(draft_id, session=session, actor=principal)
    return {
        "draft": found,
        "pending": [s.office for s in found.status if s.status == "pending"],
        "can_write": principal.can(Permission.WRITE_REPORTS),
        "form": {},
        **extra,
    }


@router.get(URL + "/{draft_id}", response_class=HTMLResponse)
def draft_page(
    draft_id: str, request: Request, session: SessionDep, principal: PageReader
) -> Response:
    return render(request, PAGE, _page_context(session, principal, draft_id))


def _refused(
    request: Request,
    session: Session,
    actor: Principal,
    draft_id: str,
    problem: InvalidInput | DutiesNotSeparated | Conflict,
    form: dict[str, str],
    name: str,
) -> Response:
    page = partial(_page_context, session, actor, draft_id)
    return refuse(
        request, session, problem, PAGE, page, form=form, form_name=name, status=_status(problem)
    )


@router.post(URL + "/{draft_id}/sections/{section_id}", dependencies=CSRF)
async def edit_section(
    draft_id: str, section_id: str, request: Request, session: SessionDep, actor: PageReportWriter
) -> Response:
    form = await form_fields(request)
    try:
        before = services.get_draft(draft_id, session=session, actor=actor)
        found = services.edit_section(
            draft_id, section_id, parse_form(SectionTextIn, form), session=session, actor=actor
        )
    except REFUSALS as problem:
        return _refused(request, session, actor, draft_id, problem, form, section_id)
    sent_back = SENT_BACK if before.state != "draft" else ""
    text = f"Saved as version {found.version}.{sent_back}"
    return done(request, f"{URL}/{draft_id}#s-{section_id}", text)


@router.post(URL + "/{draft_id}/refresh", dependencies=CSRF)
async def refresh(
    draft_id: str, request: Request, session: SessionDep, actor: PageReportWriter
) -> Response:
    await form_fields(request)
    try:
        found = services.refresh_data(
            draft_id, records=_records(request), session=session, actor=actor
        )
    except REFUSALS as problem:
        return _refused(request, session, actor, draft_id, problem, {}, "refresh")
    if not found.changed:
        return done(request, f"{URL}/{draft_id}", "The data has not changed: no new version.")
    new = found.draft.version
    text = f"Data refreshed into version {new}; changed: {'; '.join(found.changed)}."
    return done(request, f"{URL}/{draft_id}/diff?old={new - 1}&new={new}", text)


@router.post(URL + "/{draft_id}/clearance", dependencies=CSRF)
async def request_clearance(
    draft_id: str, request: Request, session: SessionDep, actor: PageReportWriter
) -> Response:
    form = await form_fields(request)
    try:
        found = services.request_clearance(
            draft_id, parse_form(ClearanceRequestIn, form), session=session, actor=actor
        )
    except REFUSALS as problem:
        return _refused(request, session, actor, draft_id, problem, form, "request")
    text = f"Version {found.version} sent for clearance to {', '.join(found.offices)}."
    return done(request, f"{URL}/{draft_id}", text)


@router.post(URL + "/{draft_id}/decision", dependencies=CSRF)
async def decide(
    draft_id: str, request: Request, session: SessionDep, actor: PageReader
) -> Response:
    form = await form_fields(request)
    try:
        if form.get("decision") not in {d.value for d in Decision}:
            raise InvalidInput("decision", "clear or return")
        decision = Decision(form["decision"])
        found = services.decide(
            draft_id, parse_form(DecisionIn, form), decision, session=session, actor=actor
        )
    except REFUSALS as problem:
        return _refused(request, session, actor, draft_id, problem, form, "decision")
    office = form.get("office", "").upper()
    text = f"{office}: {decision.value}." + (
        " Every office has cleared: the draft may be finalized." if found.state == "cleared" else ""
    )
    return done(request, f"{URL}/{draft_id}", text)


@router.post(URL + "/{draft_id}/finalize", dependencies=CSRF)
async def finalize(
    draft_id: str, request: Request, session: SessionDep, actor: PageReportWriter
) -> Response:
    await form_fields(request)
    try:
        found = services.finalize(
            draft_id,
            records=_records(request),
            configured_marking=_configured(request),
            session=session,
            actor=actor,
        )
    except REFUSALS as problem:
        return _refused(request, session, actor, draft_id, problem, {}, "finalize")
    text = f"Final report made from version {found.version}: PDF and DOCX in the archive."
    return done(request, f"{URL}/{draft_id}", text)


@router.get(URL + "/{draft_id}/diff", response_class=HTMLResponse)
def diff_page(
    draft_id: str,
    request: Request,
    session: SessionDep,
    principal: PageReader,
    old: int = 1,
    new: int = 2,
) -> Response:
    found = services.get_draft(draft_id, session=session, actor=principal)
    changes = services.diff(draft_id, old, new, session=session, actor=principal)
    return render(request, DIFF, {"draft": found, "diff": changes})
