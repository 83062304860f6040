"""Meeting pages: the agenda of referred cases, attendance, votes per case, dissent, the chair's
recommendation and the minutes (PDF)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.cases.services import list_provisos
from nonpro.core.errors import InvalidInput
from nonpro.http.downloads import pdf_in_place
from nonpro.http.signin import PageChair, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency import services
from nonpro.interagency.rules import VoteChoice
from nonpro.interagency.schemas import (
    AttendanceIn,
    DissentIn,
    MeetingIn,
    RecommendationIn,
    VoteIn,
)
from nonpro.web.csrf import CSRF
from nonpro.web.forms import chosen, form_fields, parse_form, refuse
from nonpro.web.interagency_queue import refuse_on_queue
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
NOTICES = {
    "created": "Meeting scheduled.",
    "agenda": "Case added to the agenda.",
    "attendance": "Attendance recorded.",
    "votes": "Votes recorded.",
    "dissent": "Dissent recorded.",
    "recommended": "Recommendation recorded.",
}


def _back(request: Request, meeting_id: object, outcome: str) -> RedirectResponse:
    return done(request, f"/interagency/meetings/{meeting_id}", NOTICES[outcome])


@router.post("/interagency/meetings", dependencies=CSRF)
async def create(request: Request, session: SessionDep, actor: PageChair) -> Response:
    fields = await form_fields(request)
    form = {k: fields.get(k, "") for k in ("group", "held_on", "title", "cases")}
    refs = [c.strip() for c in form["cases"].replace(",", "\n").splitlines() if c.strip()]
    try:
        data = parse_form(MeetingIn, {**form, "cases": refs})
        meeting = services.create_meeting(data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_on_queue(request, session, actor, problem, "meeting", form)
    return _back(request, meeting.id, "created")


@router.get("/interagency/meetings/{meeting_id}")
def meeting_page(
    request: Request, meeting_id: str, session: SessionDep, principal: PageReader
) -> Response:
    context = _meeting_context(meeting_id, session, principal)
    return render(request, "interagency/meeting.html", context)


def _meeting_context(meeting_id: str, session: Session, principal: Principal) -> dict[str, Any]:
    meeting = services.get_meeting(meeting_id, session=session, actor=principal)
    out = services.meeting_out(meeting, principal)
    attendance = {a.agency_code: a for a in out.attendance}
    return {
        "meeting": out,
        "members": meeting.group.members,
        "attendance": attendance,
        # Only the voting members present get a vote; a member that advises only is named.
        "present": [
            a.agency_code
            for a in out.attendance
            if a.present and a.agency_code not in out.non_voting
        ],
        "present_advisers": [
            a.agency_code for a in out.attendance if a.present and a.agency_code in out.non_voting
        ],
        "choices": list(VoteChoice),
        "recommendations": [c for c in VoteChoice if c != VoteChoice.ABSTAIN],
        "provisos": list_provisos(),
        "can_chair": principal.can(Permission.CHAIR_GROUPS),
        "own_agency": principal.agency_code if services.is_representative(principal) else None,
        "form": {},
    }


def _refused(
    request: Request,
    meeting_id: str,
    session: Session,
    actor: Principal,
    problem: InvalidInput,
    *,
    form: dict[str, Any],
    form_name: str,
) -> Response:
    """The meeting page again, ``problem`` beside its field in the case's form ``form_name``."""
    page = partial(_meeting_context, meeting_id, session, actor)
    template = "interagency/meeting.html"
    return refuse(request, session, problem, template, page, form=form, form_name=form_name)


@router.post("/interagency/meetings/{meeting_id}/agenda", dependencies=CSRF)
async def add_case(
    request: Request, meeting_id: str, session: SessionDep, actor: PageChair
) -> Response:
    case = (await form_fields(request)).get("case", "")
    services.add_to_agenda(meeting_id, case, session=session, actor=actor)
    return _back(request, meeting_id, "agenda")


@router.post("/interagency/meetings/{meeting_id}/attendance", dependencies=CSRF)
async def attendance(
    request: Request, meeting_id: str, session: SessionDep, actor: PageChair
) -> Response:
    form = await request.form()
    meeting = services.get_meeting(meeting_id, session=session, actor=actor)
    present = set(form.getlist("present"))
    for agency in meeting.group.members:
        who = form.get(f"rep_{agency}")
        data = AttendanceIn(
            agency=agency,
            representative=who.strip() if isinstance(who, str) else "",
            present=agency in present,
        )
        services.record_attendance(meeting_id, data, session=session, actor=actor)
    return _back(request, meeting_id, "attendance")


@router.post("/interagency/meetings/{meeting_id}/votes", dependencies=CSRF)
async def votes(
    request: Request, meeting_id: str, session: SessionDep, actor: PageChair
) -> Response:
    form = await request.form()
    case = str(form.get("case", ""))
    for key, value in form.multi_items():
        if key.startswith("vote_") and isinstance(value, str) and value:
            agency = key.removeprefix("vote_")
            reasons = form.get(f"reasons_{agency}")
            data = parse_form(
                VoteIn,
                {
                    "case": case,
                    "agency": agency,
                    "choice": value,
                    "reasons": reasons if isinstance(reasons, str) else "",
                },
            )
            try:
                services.vote(meeting_id, data, session=session, actor=actor)
            except InvalidInput as problem:
                return _refused(
                    request, meeting_id, session, actor, problem, form={}, form_name="votes"
                )
    return _back(request, meeting_id, "votes")


@router.post("/interagency/meetings/{meeting_id}/dissents", dependencies=CSRF)
async def dissent(
    request: Request, meeting_id: str, session: SessionDep, actor: PageReader
) -> Response:
    fields = await form_fields(request)
    form = {"case": fields.get("case", ""), "agency": fields.get("agency") or None}
    form["reasons"] = fields.get("reasons", "")
    try:
        services.dissent(meeting_id, parse_form(DissentIn, form), session=session, actor=actor)
    except InvalidInput as problem:
        name = f"dissent-{form['case']}"
        return _refused(request, meeting_id, session, actor, problem, form=form, form_name=name)
    return _back(request, meeting_id, "dissent")


@router.post("/interagency/meetings/{meeting_id}/recommendations", dependencies=CSRF)
async def recommend(
    request: Request, meeting_id: str, session: SessionDep, actor: PageChair
) -> Response:
    fields = await form_fields(request)
    form: dict[str, Any] = {k: fields.get(k, "") for k in ("case", "recommendation", "reasons")}
    form["provisos"] = await chosen(request, "proviso")
    try:
        data = parse_form(RecommendationIn, form)
        services.recommend(meeting_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        name = f"recommendation-{form['case']}"
        return _refused(request, meeting_id, session, actor, problem, form=form, form_name=name)
    return _back(request, meeting_id, "recommended")


@router.get("/interagency/meetings/{meeting_id}/minutes.pdf")
def minutes_pdf(meeting_id: str, session: SessionDep, actor: PageReader) -> Response:
    filename, pdf = services.minutes_pdf(meeting_id, session=session, actor=actor)
    return pdf_in_place(pdf, filename)
