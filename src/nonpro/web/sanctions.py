"""Sanctions pages: evaluate an activity, record the determination, the register, expiring soon."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.controls.services import load_annex
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.downloads import DOCX, download
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import PageReader, PageSanctionsOfficer
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.sanctions import services
from nonpro.sanctions.schemas import DeterminationIn, EventIn
from nonpro.sanctions.services import MEASURE_CODES, load_statutes
from nonpro.web import sanctions_forms as forms
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form, problem_context, refuse
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
EXPIRY_WINDOW_DAYS = 60


async def _form(request: Request) -> dict[str, Any]:
    raw = await request.form()
    data: dict[str, Any] = {k: v for k, v in raw.items() if isinstance(v, str)}
    data["authority_list"] = [v for v in raw.getlist("authority") if isinstance(v, str)]
    data["measure_list"] = [v for v in raw.getlist("measure") if isinstance(v, str)]
    return data


def _evaluate_context(principal: Principal, form: dict[str, str]) -> dict[str, Any]:
    return {
        "form": form,
        "kinds": ["export", "transfer", "conspiracy", "attempt", "facilitation"],
        "result": None,
        "record": None,
        "can_record": principal.can(Permission.MANAGE_SANCTIONS),
        "authority_codes": [a.code for a in load_statutes().authorities],
        "measure_codes": MEASURE_CODES,
    }


@router.get("/sanctions", response_class=HTMLResponse)
def register_page(
    request: Request, session: SessionDep, principal: PageReader, as_of: str = "", active: str = ""
) -> Response:
    day = forms.parse_day(as_of) or today()
    found = services.list_determinations(session=session, as_of=day, active_only=bool(active))
    soon = services.expiring(session=session, within_days=EXPIRY_WINDOW_DAYS)
    return render(
        request,
        "sanctions/register.html",
        {
            "determinations": found,
            "as_of": day,
            "active": bool(active),
            "expiring": soon,
            "window": EXPIRY_WINDOW_DAYS,
            "can_record": principal.can(Permission.MANAGE_SANCTIONS),
        },
    )


@router.get("/sanctions/evaluate", response_class=HTMLResponse)
def evaluate_page(request: Request, principal: PageReader) -> Response:
    return render(
        request, "sanctions/evaluate.html", _evaluate_context(principal, forms.empty_facts_form())
    )


@router.post("/sanctions/evaluate", dependencies=CSRF)
async def evaluate_submit(request: Request, session: SessionDep, principal: PageReader) -> Response:
    form = {k: v for k, v in (await _form(request)).items() if isinstance(v, str)}
    context = _evaluate_context(principal, form)
    try:
        facts = services.parse_facts(forms.facts_from_form(form))
        result = services.evaluate(facts, annex=load_annex(), as_of=today(), session=session)
    except InvalidInput as problem:
        context.update(problem_context(problem))
        errors = context["field_errors"].items()
        context["field_errors"] = {forms.input_of(field): text for field, text in errors}
        return render(request, "sanctions/evaluate.html", context, status=422)
    context.update(result=result, record=forms.determination_defaults(result, form))
    return render(request, "sanctions/evaluate.html", context)


@router.post("/sanctions/determinations", dependencies=CSRF)
async def record_determination(
    request: Request, session: SessionDep, provider: IndexDep, actor: PageSanctionsOfficer
) -> Response:
    """Record the determination; the page shows the parties that now hit the new entry."""
    form = await _form(request)
    try:
        data = parse_form(DeterminationIn, forms.determination_from_form(form))
        change = services.add_determination(data, session=session, actor=actor, provider=provider)
    except InvalidInput as problem:
        # The form again with every problem beside its input, what was typed kept.
        shown = problem_context(problem)
        errors = {forms.record_input_of(f): text for f, text in shown["field_errors"].items()}

        def page() -> dict[str, Any]:
            return {
                "field_errors": errors,
                "record": forms.record_again(form),
                "authority_options": [a.code for a in load_statutes().authorities],
                "measure_codes": MEASURE_CODES,
            }

        return refuse(request, session, problem, "sanctions/record.html", page)
    context = {
        "d": change.determination,
        "change": change,
        "notice": "Determination recorded; its entities are on the screening list now.",
        "can_record": True,
        "today": today(),
    }
    return render(request, "sanctions/determination.html", context, status=201)


@router.get("/sanctions/determinations/{determination_id}", response_class=HTMLResponse)
def determination_page(
    request: Request, determination_id: str, session: SessionDep, principal: PageReader
) -> Response:
    found = services.get_determination(determination_id, session=session)
    context = {
        "d": services.determination_out(found),
        "change": None,
        "notice": None,
        "can_record": principal.can(Permission.MANAGE_SANCTIONS),
        "today": today(),
    }
    return render(request, "sanctions/determination.html", context)


@router.post("/sanctions/determinations/{determination_id}/events", dependencies=CSRF)
async def record_event(
    request: Request,
    determination_id: str,
    session: SessionDep,
    provider: IndexDep,
    actor: PageSanctionsOfficer,
) -> Response:
    """A waiver or a termination from the determination page."""
    form = await _form(request)
    kind = form.get("kind")
    if kind not in ("waiver", "termination"):
        raise InvalidInput("kind", "waiver or termination")
    data = parse_form(
        EventIn,
        {
            "effective_date": form.get("effective_date") or None,
            "citation": form.get("citation") or None,
            "note": form.get("note", ""),
        },
    )
    record = services.waive if kind == "waiver" else services.terminate
    change = record(determination_id, data, session=session, actor=actor, provider=provider)
    context = {
        "d": change.determination,
        "change": change,
        "notice": f"{kind.capitalize()} recorded from {data.effective_date.isoformat()}.",
        "can_record": True,
        "today": today(),
    }
    return render(request, "sanctions/determination.html", context, status=201)


@router.get("/sanctions/determinations/{determination_id}/notice.{fmt}")
def notice_download(
    determination_id: str, fmt: str, session: SessionDep, _: PageReader
) -> Response:
    content = services.notice_file(determination_id, fmt, session=session)
    name = f"notice-{determination_id}.{fmt}"
    return download(content, name, DOCX if fmt == "docx" else "text/markdown")


@router.get("/sanctions/expiring", response_class=HTMLResponse)
def expiring_page(
    request: Request, session: SessionDep, _: PageReader, within: int = EXPIRY_WINDOW_DAYS
) -> Response:
    if not 0 <= within <= 3650:
        raise InvalidInput("within", "between 0 and 3650 days")
    found = services.expiring(session=session, within_days=within)
    return render(request, "sanctions/expiring.html", {"found": found, "within": within})
