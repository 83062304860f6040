"""The reports pages: generate a report into the archive, and the archive's download links."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.downloads import download
from nonpro.http.signin import PageReader, PageReportWriter
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.reports import services
from nonpro.treaties.services import parse_day
from nonpro.web.csrf import CSRF
from nonpro.web.forms import refuse
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
FORMATS = ("pdf", "docx", "html", "json")


def _configured(request: Request) -> str | None:
    scheme: str | None = request.app.state.settings.marking_scheme
    return scheme


def _context(
    request: Request, principal: Principal, session: SessionDep, **extra: Any
) -> dict[str, Any]:
    this_year = today().year
    configured = _configured(request)
    return {
        "archive": services.archive(session=session, actor=principal),
        "can_write": principal.can(Permission.WRITE_REPORTS),
        "formats": FORMATS,
        "markings": services.marking_choices(configured),
        "form": {
            # No scheme set: the form asks the user to choose one; it never assumes.
            "marking": services.marking_scheme(None, configured=configured).name
            if configured
            else "",
            "expenses": "",
            "year": str(this_year - 1),
            "start": f"{this_year}-01-01",
            "end": today().isoformat(),
            "state": "North Korea",
            "format": "pdf",
        },
        **extra,
    }


@router.get("/reports", response_class=HTMLResponse)
def index(request: Request, session: SessionDep, principal: PageReader, made: str = "") -> Response:
    context = _context(request, principal, session)
    context["made"] = next((r for r in context["archive"] if r.id == made), None)
    return render(request, "reports/index.html", context)


def _optional_day(form: dict[str, str], field: str) -> date | None:
    text = form.get(field, "").strip()
    return parse_day(text, field) if text else None


@router.post("/reports", dependencies=CSRF)
async def generate(request: Request, session: SessionDep, actor: PageReportWriter) -> Response:
    """Generate from one of the three forms; back to the archive with the new file on top."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    kind = form.get("kind", "")
    file_format = form.get("format", "pdf")
    try:
        year_text = form.get("year", "").strip()
        if kind == "annual" and not year_text.isdigit():
            raise InvalidInput("year", "give the year as four digits, e.g. 2025")
        configured = _configured(request)
        scheme = services.marking_scheme(form.get("marking"), configured=configured)
        report = services.build(
            kind,
            session=session,
            actor=actor,
            year=int(year_text) if year_text.isdigit() else None,
            start=_optional_day(form, "start"),
            end=_optional_day(form, "end"),
            state=form.get("state", "").strip() or None,
            as_of=_optional_day(form, "as_of"),
            records=services.office_records(request.app.state.settings.report_records),
            expenses=services.expenses_amount(form.get("expenses"))
            if kind == "emergency"
            else None,
        )
        made = services.generate(
            report, file_format=file_format, marking=scheme, session=session, actor=actor
        )
    except InvalidInput as problem:

        def page() -> dict[str, Any]:
            context = _context(request, actor, session, made=None)
            context["form"].update(form)
            return context

        return refuse(request, session, problem, "reports/index.html", page, form_name=kind)
    return RedirectResponse(f"/reports?made={made.archived.id}", status_code=303)


@router.get("/reports/{report_id}/file")
def archived_file(report_id: str, session: SessionDep, principal: PageReader) -> Response:
    found, content = services.archived_file(report_id, session=session, actor=principal)
    return download(content, found.filename, found.media_type)
