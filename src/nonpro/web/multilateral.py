"""Multilateral pages: the calendar, a meeting with its delegation, documents and instructions,
an instruction's clearance, and the iCalendar download."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day
from nonpro.http.downloads import download
from nonpro.http.signin import PageMultilateralOfficer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.multilateral import services
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.rules import DelegateRole, DocumentKind
from nonpro.multilateral.schemas import (
    DelegateIn,
    DocumentIn,
    InstructionIn,
    MeetingIn,
    MeetingUpdate,
    StepIn,
    VersionIn,
)
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse, submitted
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


DATES = ("start_date", "end_date")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _fields(
    form: dict[str, str], *text: str, days: tuple[str, ...] = (), listed: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The named fields of a form: ``text`` as typed, a blank day as none given, a ``listed``
    field one item a line."""
    return {
        **{name: form.get(name, "") for name in text},
        **{name: form.get(name) or None for name in days},
        **{name: lines(form.get(name, "")) for name in listed},
    }


@router.get("/multilateral", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    session: SessionDep,
    principal: PageReader,
    start: str = "",
    end: str = "",
    body: str = "",
) -> Response:
    try:
        context = _calendar_context(session, principal, start=start, end=end, body=body)
    except InvalidInput as problem:
        # The usual period shown again, the refused day beside its field as it was typed.
        def page() -> dict[str, Any]:
            return {**_calendar_context(session, principal), "typed": {"start": start, "end": end}}

        return refuse(request, session, problem, "multilateral/calendar.html", page)
    return render(request, "multilateral/calendar.html", context)


def _calendar_context(
    session: Session, principal: Principal, *, start: str = "", end: str = "", body: str = ""
) -> dict[str, Any]:
    first, last = services.calendar_window(
        parse_day(start, "start"), parse_day(end, "end"), today=today()
    )
    found = services.list_meetings(session=session, start=first, end=last, body=body or None)
    months = [
        (month, list(items))
        for month, items in groupby(found, key=lambda m: m.start_date.strftime("%B %Y"))
    ]
    return {
        "months": months,
        "count": len(found),
        "start": first,
        "end": last,
        "body": body,
        "bodies": services.list_bodies(session=session),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        "form": {},
    }


@router.get("/multilateral/calendar.ics")
def calendar_ics(session: SessionDep, _: PageReader, body: str = "") -> Response:
    data, _found = services.calendar_ics(session=session, stamp=utcnow(), body=body or None)
    name = f"nonpro-{body.lower() if body else 'meetings'}.ics"
    return download(data, name, "text/calendar")


@router.post("/multilateral/meetings", dependencies=CSRF)
async def create_meeting(
    request: Request, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    form = await form_fields(request)
    try:
        values = _fields(form, "body", "title", "venue", days=DATES, listed=("agenda",))
        data = parse_form(MeetingIn, values)
        meeting = services.create_meeting(data, session=session, actor=actor)
    except InvalidInput as problem:

        def page() -> dict[str, Any]:
            return _calendar_context(session, actor)

        return refuse(request, session, problem, "multilateral/calendar.html", page, form=form)
    return _back(request, meeting.id, "created")


DONE = {
    "created": "Meeting created.",
    "updated": "Meeting updated.",
    "delegate": "Delegate added.",
    "removed": "Delegate removed.",
    "document": "Document saved.",
    "version": "New version saved.",
}


@router.get("/multilateral/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(
    request: Request, meeting_id: str, session: SessionDep, principal: PageReader
) -> Response:
    context = _meeting_context(meeting_id, session, principal)
    return render(request, "multilateral/meeting.html", context)


def _refused(
    request: Request, meeting_id: str, session: Session, principal: Principal, problem: InvalidInput
) -> Response:
    """The meeting page again, with the problem shown beside its field."""

    def page() -> dict[str, Any]:
        return _meeting_context(meeting_id, session, principal)

    return refuse(request, session, problem, "multilateral/meeting.html", page)


def _meeting_context(meeting_id: str, session: Session, principal: Principal) -> dict[str, Any]:
    meeting = services.meeting_out(services.get_meeting(meeting_id, session=session))
    documents = [
        d
        for d in services.meeting_documents(meeting_id, session=session)
        if d.kind != DocumentKind.INSTRUCTION
    ]
    return {
        "m": meeting,
        "documents": documents,
        "instructions": services.instructions_for_meeting(meeting_id, session=session),
        "agencies": [a for a in accounts.list_agencies(session=session) if a.active],
        "roles": list(DelegateRole),
        "kinds": [k for k in DocumentKind if k is not DocumentKind.INSTRUCTION],
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
    }


def _back(request: Request, meeting_id: object, outcome: str) -> RedirectResponse:
    return done(request, f"/multilateral/meetings/{meeting_id}", DONE[outcome])


async def _on_meeting(
    request: Request,
    meeting_id: str,
    session: Session,
    actor: Principal,
    schema: type[BaseModel],
    act: Callable[..., object],
    outcome: str,
    values: Callable[[dict[str, str]], dict[str, Any]] = dict,
) -> Response:
    """Parse the form (as ``values`` reads it) as ``schema`` and ``act`` on the meeting with it:
    back to the meeting with the ``outcome``'s notice, or, refused, its page with the problem."""
    form = await form_fields(request)
    try:
        act(meeting_id, parse_form(schema, values(form)), session=session, actor=actor)
    except InvalidInput as problem:
        return _refused(request, meeting_id, session, actor, problem)
    return _back(request, meeting_id, outcome)


def _meeting_update(form: dict[str, str]) -> dict[str, Any]:
    """The fields given: a field left blank keeps its value (the venue may be emptied)."""
    raw: dict[str, Any] = {
        "title": form.get("title") or None,
        "start_date": form.get("start_date") or None,
        "end_date": form.get("end_date") or None,
        "venue": form.get("venue"),
        "agenda": lines(form.get("agenda", "")),
        "confirm": form.get("confirm") == "yes",
    }
    return {k: v for k, v in raw.items() if v is not None}


@router.post("/multilateral/meetings/{meeting_id}/edit", dependencies=CSRF)
async def edit_meeting(
    request: Request, meeting_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act, values = services.update_meeting, _meeting_update
    return await _on_meeting(
        request, meeting_id, session, actor, MeetingUpdate, act, "updated", values
    )


@router.post("/multilateral/meetings/{meeting_id}/delegates", dependencies=CSRF)
async def add_delegate(
    request: Request, meeting_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    act = services.add_delegate
    return await _on_meeting(request, meeting_id, session, actor, DelegateIn, act, "delegate")


@router.post(
    "/multilateral/meetings/{meeting_id}/delegates/{delegate_id}/remove", dependencies=CSRF
)
def remove_delegate(
    request: Request,
    meeting_id: str,
    delegate_id: str,
    session: SessionDep,
    actor: PageMultilateralOfficer,
) -> Response:
    services.remove_delegate(meeting_id, delegate_id, session=session, actor=actor)
    return _back(request, meeting_id, "removed")


@router.post("/multilateral/meetings/{meeting_id}/documents", dependencies=CSRF)
async def add_document(
    request: Request, meeting_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    return await _on_meeting(
        request, meeting_id, session, actor, DocumentIn, services.add_document, "document"
    )


@router.post("/multilateral/documents/{document_id}/versions", dependencies=CSRF)
async def add_version(
    request: Request, document_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    data = await submitted(request, VersionIn)
    document = services.revise_document(document_id, data, session=session, actor=actor)
    return _back(request, document.meeting_id, "version")


@router.post("/multilateral/meetings/{meeting_id}/instructions", dependencies=CSRF)
async def draft_instruction(
    request: Request, meeting_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    form = await form_fields(request)
    try:
        values = _fields(form, "title", "mission", "text", listed=("offices",))
        data = parse_form(InstructionIn, values)
        found = services.draft_instruction(meeting_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return _refused(request, meeting_id, session, actor, problem)
    return _to_instruction(request, found.id, "draft")


STEP_DONE = {
    "draft": "Instruction drafted.",
    "submit": "Sent into clearance.",
    "clear": "Clearance recorded.",
    "comment": "Comment recorded; the instruction is back with the drafter.",
    "revise": "New version saved.",
    "approve": "Instruction approved.",
    "send": "Instruction sent.",
}


@router.get("/multilateral/instructions/{instruction_id}", response_class=HTMLResponse)
def instruction_page(
    request: Request, instruction_id: str, session: SessionDep, principal: PageReader
) -> Response:
    context = _instruction_context(instruction_id, session, principal)
    return render(request, "multilateral/instruction.html", context)


def _instruction_context(
    instruction_id: str, session: Session, principal: Principal
) -> dict[str, Any]:
    found = services.show_instruction(instruction_id, session=session)
    return {
        "i": found,
        "m": services.meeting_out(services.get_meeting(found.meeting_id, session=session)),
        "can_edit": principal.can(Permission.MANAGE_MULTILATERAL),
        "form": {},
    }


def _to_instruction(request: Request, instruction_id: object, step: str) -> RedirectResponse:
    return done(request, f"/multilateral/instructions/{instruction_id}", STEP_DONE[step])


@router.post("/multilateral/instructions/{instruction_id}/steps", dependencies=CSRF)
async def instruction_step(
    request: Request, instruction_id: str, session: SessionDep, actor: PageMultilateralOfficer
) -> Response:
    form = await form_fields(request)
    try:
        step = parse_form(
            StepIn,
            {
                "action": form.get("action", ""),
                "office": form.get("office") or None,
                "note": form.get("note", ""),
                "text": form.get("text") or None,
            },
        )
        services.act_on_instruction(instruction_id, step, session=session, actor=actor)
    except (InvalidInput, DutiesNotSeparated) as problem:
        # Clearing and commenting share a form; every other step has its own.
        action = form.get("action", "")
        refused_form = "clear" if action in ("clear", "comment") else action
        forbidden = isinstance(problem, DutiesNotSeparated)
        shown = InvalidInput(problem.field, problem.problem) if forbidden else problem

        def page() -> dict[str, Any]:
            context = _instruction_context(instruction_id, session, actor)
            return {**context, "refused_form": refused_form, "form": form}

        page_of = "multilateral/instruction.html"
        return refuse(request, session, shown, page_of, page, status=403 if forbidden else 422)
    return _to_instruction(request, instruction_id, step.action.value)
