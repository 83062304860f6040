"""UN Register of Conventional Arms pages: the register with filters and a record form, the
national report with CSV/DOCX downloads, imports, and the mirror view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import Conflict, InvalidInput, NonproError
from nonpro.http.downloads import DOCX, download
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import strict_chosen, with_upload
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.errors import UnreadableRegisterFile
from nonpro.registers.arms.rules import CATEGORY_TITLES, SUBCATEGORIES, Category
from nonpro.registers.arms.schemas import TransferIn, TransferQuery
from nonpro.registers.arms.services import build_report, to_csv, to_docx
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.imports import import_done
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
FILTERS = ("year", "category", "direction", "state", "source_kind")
SHOWN = 500  # SIPRI alone holds ~23,000 rows: a page shows the first ones, filters narrow
LABELS = {
    "reporting_state": "Reporting State",
    "direction": "Direction",
    "year": "Year",
    "category": "Category",
    "subcategory": "Sub-category",
    "partner": "Final importer / exporter State",
    "number_of_items": "Number of items",
    "state_of_origin": "State of origin",
    "intermediate_location": "Intermediate location(s)",
    "description": "Description of item",
    "comments": "Comments on the transfer",
    "remarks": "Remarks",
    "import_year": "Calendar year",
    "state": "State",
    "source_kind": "Source",
    "file": "File",
}
NOTICES = {
    "recorded": "Transfer recorded.",
    "deleted": "Transfer deleted.",
    "imported": "Report imported.",
    "sipri": "SIPRI trade register imported.",
}


def _year(text: str, field: str = "year") -> int:
    if not text.strip().isdigit():
        raise InvalidInput(field, f"{text!r} is not a year")
    return int(text)


def _register(
    request: Request,
    session: Session,
    principal: Principal,
    *,
    form: dict[str, str],
    problem: NonproError | None = None,
) -> Response:
    raw = {k: v.strip() for k, v in request.query_params.items() if k in FILTERS and v.strip()}
    filter_error = None
    try:
        query = parse_form(TransferQuery, raw)
    except InvalidInput as bad:
        filter_error, query = bad, TransferQuery()
    field = getattr(problem, "field", None)

    def page() -> dict[str, Any]:
        found = arms.list_transfers(query, session=session, limit=SHOWN + 1)
        return {
            "transfers": found[:SHOWN],
            "more": len(found) > SHOWN,
            "shown": SHOWN,
            "filters": raw,
            "filter_error": filter_error,
            "form": form,
            "error": problem,
            "labels": LABELS,
            "error_field": field,
            "error_label": LABELS.get(field or "", field),
            "error_problem": getattr(problem, "problem", getattr(problem, "message", "")),
            "categories": [(c.value, CATEGORY_TITLES[c]) for c in Category],
            "subcategories": [s for subs in SUBCATEGORIES.values() for s in subs],
            "datasets": arms.list_datasets(session=session),
            "this_year": today().year - 1,
            "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        }

    if problem is not None:
        return refuse(request, session, problem, "registers/arms.html", page)
    return render(request, "registers/arms.html", page(), status=422 if filter_error else 200)


@router.get("/registers/arms", response_class=HTMLResponse)
def register_page(request: Request, session: SessionDep, principal: PageReader) -> Response:
    return _register(request, session, principal, form={})


@router.post("/registers/arms/transfers", dependencies=CSRF)
async def record(request: Request, session: SessionDep, actor: PageMultilateralOfficer) -> Response:
    form = await form_fields(request)
    try:
        data = parse_form(TransferIn, {k: v for k, v in form.items() if v})
        arms.record_transfer(data, session=session, actor=actor)
    except InvalidInput as problem:
        return _register(request, session, actor, form=form, problem=problem)
    return done(request, "/registers/arms", NOTICES["recorded"])


@router.post("/registers/arms/transfers/{transfer_id}/delete", dependencies=CSRF)
def delete(
    request: Request, transfer_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    arms.delete_transfer(transfer_id, session=session, actor=actor)
    return done(request, "/registers/arms", NOTICES["deleted"])


@router.post("/registers/arms/imports", dependencies=CSRF)
async def import_file(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    """One form for both imports: ``kind`` is ``report`` (with state and year) or ``sipri``."""
    raw = await request.form()
    upload, kind = raw.get("file"), str(raw.get("kind", "report"))
    form = {k: str(raw.get(k, "")).strip() for k in ("kind", "import_state", "import_year")}
    origin = f"upload:{Path(getattr(upload, 'filename', '') or '').name}"
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidInput("file", "choose a CSV file to import")
        strict = strict_chosen(raw.get("strict"))
        if kind == "sipri":
            found = with_upload(
                upload,
                lambda path: arms.import_trade_register(
                    path, session=session, actor=actor, origin=origin, strict=strict
                ),
            )
        else:
            if not form["import_state"]:
                raise InvalidInput("state", "say whose report the file is")
            state, year = form["import_state"], _year(form["import_year"], "import_year")
            found = with_upload(
                upload,
                lambda path: arms.import_state_report(
                    path,
                    state=state,
                    year=year,
                    session=session,
                    actor=actor,
                    origin=origin,
                    strict=strict,
                ),
            )
    except (InvalidInput, UnreadableRegisterFile, Conflict) as problem:
        return _register(request, session, actor, form=form, problem=problem)
    stored = NOTICES["sipri" if kind == "sipri" else "imported"]
    if found.report is None:  # not reached: an import's answer carries its report
        return done(request, "/registers/arms", stored)
    return import_done(
        request,
        back="/registers/arms",
        back_label="Back to the arms register",
        stored=stored,
        report=found.report,
    )


@router.get("/registers/arms/report", response_class=HTMLResponse)
def report_page(
    request: Request, session: SessionDep, _: PageReader, year: str = "", state: str = "USA"
) -> Response:
    chosen = _year(year) if year else today().year - 1
    built = build_report(chosen, session=session, state=state or "USA")
    return render(request, "registers/arms_report.html", {"report": built})


@router.get("/registers/arms/report/download")
def report_download(
    session: SessionDep, _: PageReader, year: str, state: str = "USA", format: str = "csv"
) -> Response:
    if format not in ("csv", "docx"):
        raise InvalidInput("format", f"{format!r}: csv or docx")
    built = build_report(_year(year), session=session, state=state)
    name = f"unroca-{built.reporting_state}-{built.year}.{format}"
    if format == "docx":
        return download(to_docx(built), name, DOCX)
    return download(to_csv(built), name, "text/csv")


@router.get("/registers/arms/mirror", response_class=HTMLResponse)
def mirror_page(
    request: Request, session: SessionDep, _: PageReader, year: str = "", state: str = ""
) -> Response:
    chosen = _year(year) if year else today().year - 1
    view = arms.mirror(chosen, session=session, state=state or None)
    return render(request, "registers/arms_mirror.html", {"view": view, "state": state})
