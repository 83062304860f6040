"""Interagency pages: the queue per agency (late first), the referral with its consolidated view
and the advice form, holds, reminders and escalation. Meetings are in ``interagency_meetings``."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.cases.services import list_provisos
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageCaseManager, PageChair, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency import services
from nonpro.interagency.rules import AdviceKind, Level, SignerRole, VoteChoice
from nonpro.interagency.schemas import (
    AdviceIn,
    EscalationDecisionIn,
    EscalationIn,
    ReferralIn,
    ReferralRequestIn,
    RequestAnswerIn,
)
from nonpro.web import interagency_meetings
from nonpro.web.csrf import CSRF
from nonpro.web.forms import InvalidForm, chosen, form_fields, parse_form, refuse
from nonpro.web.interagency_queue import queue_context, refuse_on_queue
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
router.include_router(interagency_meetings.router)
NOTICES = {
    "referred": "Case referred; the agencies' advice is due on the date shown.",
    "requested": "Referral requested; the group's chair will accept or decline it.",
    "declined": "Request declined; the analyst sees your note on the case.",
    "advised": "Advice recorded.",
    "repeated": "This advice was already recorded; nothing was added.",
    "escalated": "Escalation recorded.",
    "escalation_decided": "The level's decision is recorded, on the case too.",
    "held": "Clock stopped for missing information.",
    "resumed": "Clock restarted; later deadlines moved by the days held.",
    "reminded": "Reminders recorded.",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@router.get("/interagency")
def queue_page(
    request: Request, session: SessionDep, principal: PageReader, agency: str = "", group: str = ""
) -> Response:
    context = queue_context(session, principal, agency=agency, group=group)
    return render(request, "interagency/queue.html", context)


@router.post("/interagency/refer", dependencies=CSRF)
async def refer(request: Request, session: SessionDep, actor: PageCaseManager) -> Response:
    fields = await form_fields(request)
    form: dict[str, Any] = {k: fields.get(k, "") for k in ("case", "group", "referred_on")}
    form["agencies"] = await chosen(request, "agency")
    try:
        data = parse_form(ReferralIn, {**form, "referred_on": form["referred_on"] or None})
        referral = services.refer(data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_on_queue(request, session, actor, problem, "referral", form)
    return _back(request, referral.id, "referred")


@router.post("/interagency/requests", dependencies=CSRF)
async def request_referral(
    request: Request, session: SessionDep, actor: PageCaseManager
) -> Response:
    fields = await form_fields(request)
    form = {k: fields.get(k, "") for k in ("case", "group", "note")}
    try:
        data = parse_form(ReferralRequestIn, form)
        asked = services.request_referral(data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_on_queue(request, session, actor, problem, "handoff", form)
    return done(request, f"/cases/{asked.case_id}", NOTICES["requested"])


@router.post("/interagency/requests/{request_id}/accept", dependencies=CSRF)
def accept_request(
    request: Request, request_id: str, session: SessionDep, actor: PageChair
) -> Response:
    referral = services.accept_request(request_id, RequestAnswerIn(), session=session, actor=actor)
    return _back(request, referral.id, "referred")


@router.post("/interagency/requests/{request_id}/decline", dependencies=CSRF)
async def decline_request(
    request: Request, request_id: str, session: SessionDep, actor: PageChair
) -> Response:
    form = {"note": (await form_fields(request)).get("note", "")}
    try:
        data = parse_form(RequestAnswerIn, form)
        services.decline_request(request_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_on_queue(request, session, actor, problem, "decline", form)
    return done(request, "/interagency", NOTICES["declined"])


def _advice_agencies(principal: Principal, agencies: list[str]) -> list[str]:
    """The agencies this person may advise for on this referral."""
    if not principal.can(Permission.ADVISE):
        return []
    if principal.agency_code:
        return [principal.agency_code] if principal.agency_code in agencies else []
    return agencies


def _referral_context(referral_id: str, session: Session, principal: Principal) -> dict[str, Any]:
    view = services.consolidated(referral_id, session=session, actor=principal)
    referral = services.get_referral(referral_id, session=session, actor=principal)
    agencies = view.referral.agencies
    escalators = (
        [*agencies, referral.group.chair_agency]
        if principal.can(Permission.CHAIR_GROUPS)
        else _advice_agencies(principal, agencies)
    )
    return {
        "view": view,
        "case": referral.case,
        "today": today(),
        "advice_agencies": _advice_agencies(principal, agencies),
        "escalation_agencies": escalators,
        "kinds": list(AdviceKind),
        "levels": list(Level),
        "signer_roles": list(SignerRole),
        "escalation_outcomes": list(VoteChoice),
        "provisos": list_provisos(),
        "idempotency_key": secrets.token_urlsafe(18),
        "can_manage": principal.can(Permission.MANAGE_CASES)
        or principal.can(Permission.CHAIR_GROUPS),
        "can_chair": principal.can(Permission.CHAIR_GROUPS),
        "form": {},
    }


def _refused(
    request: Request,
    referral_id: str,
    session: Session,
    principal: Principal,
    problem: InvalidInput,
    form: dict[str, Any] | None = None,
    form_name: str | None = None,
) -> Response:
    def page() -> dict[str, Any]:
        return _referral_context(referral_id, session, principal)

    template = "interagency/referral.html"
    return refuse(request, session, problem, template, page, form=form, form_name=form_name)


def _on_reasons(problem: InvalidInput) -> InvalidForm:
    """The advice form's problems, "a denial gives its reasons" (a check of the whole form,
    named by no field) beside the reasons it asks for."""
    problems = problem.problems if isinstance(problem, InvalidForm) else [problem]
    return InvalidForm(
        [InvalidInput("reasons", p.problem) if p.field == "input" else p for p in problems]
    )


@router.get("/interagency/referrals/{referral_id}")
def referral(
    request: Request, referral_id: str, session: SessionDep, principal: PageReader
) -> Response:
    context = _referral_context(referral_id, session, principal)
    return render(request, "interagency/referral.html", context)


def _back(request: Request, referral_id: object, outcome: str) -> RedirectResponse:
    return done(request, f"/interagency/referrals/{referral_id}", NOTICES[outcome])


@router.post("/interagency/referrals/{referral_id}/advice", dependencies=CSRF)
async def advise(
    request: Request, referral_id: str, session: SessionDep, principal: PageReader
) -> Response:
    form = {k: v for k, v in (await request.form()).multi_items() if isinstance(v, str)}
    chosen = [v for k, v in (await request.form()).multi_items() if k == "proviso"]
    scope, _, position = form.get("scope", "case:0").partition(":")
    try:
        data = parse_form(
            AdviceIn,
            {
                "agency": form.get("agency") or None,
                "kind": form.get("kind", ""),
                "scope": scope,
                "position": int(position or 0),
                "provisos": chosen,
                "written_provisos": _lines(form.get("written_provisos", "")),
                "reasons": _lines(form.get("reasons", "")),
                "rationale": form.get("rationale", ""),
                "idempotency_key": form.get("idempotency_key") or None,
            },
        )
        _, created = services.advise(referral_id, data, session=session, actor=principal)
    except InvalidInput as problem:
        form["provisos"] = chosen  # type: ignore[assignment]
        refused = _on_reasons(problem)
        return _refused(request, referral_id, session, principal, refused, form, "advice")
    return _back(request, referral_id, "advised" if created else "repeated")


@router.post("/interagency/referrals/{referral_id}/escalations", dependencies=CSRF)
async def escalate(
    request: Request, referral_id: str, session: SessionDep, principal: PageReader
) -> Response:
    form = await form_fields(request)
    try:
        fields = {k: form.get(k, "") for k in ("level", "reasons", "signed_by")}
        data = parse_form(
            EscalationIn,
            {
                **fields,
                "agency": form.get("agency") or None,
                "signer_role": form.get("signer_role") or None,
            },
        )
        services.escalate(referral_id, data, session=session, actor=principal)
    except InvalidInput as problem:
        return _refused(request, referral_id, session, principal, problem, form, "escalate")
    return _back(request, referral_id, "escalated")


@router.post("/interagency/referrals/{referral_id}/escalations/{level}/decision", dependencies=CSRF)
def decide_escalation(
    request: Request,
    referral_id: str,
    level: Level,
    session: SessionDep,
    principal: PageChair,
    outcome: Annotated[str, Form()],
    decided_on: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """The chair records what the level decided; the case shows it."""
    form = {"outcome": outcome, "decided_on": decided_on, "note": note}
    try:
        data = parse_form(
            EscalationDecisionIn,
            {"outcome": outcome, "decided_on": decided_on or None, "note": note},
        )
        services.decide(referral_id, level, data, session=session, actor=principal)
    except InvalidInput as problem:
        name = f"decide-{level.value}"
        return _refused(request, referral_id, session, principal, problem, form, name)
    return _back(request, referral_id, "escalation_decided")


@router.post("/interagency/referrals/{referral_id}/hold", dependencies=CSRF)
def hold(
    request: Request,
    referral_id: str,
    session: SessionDep,
    principal: PageReader,
    reason: Annotated[str, Form()],
) -> Response:
    found = services.get_referral(referral_id, session=session, actor=principal)
    services.start_hold(found, reason=reason, agency=None, session=session, actor=principal)
    return _back(request, referral_id, "held")


@router.post("/interagency/referrals/{referral_id}/resume", dependencies=CSRF)
def resume(
    request: Request, referral_id: str, session: SessionDep, principal: PageReader
) -> Response:
    services.end_hold(referral_id, session=session, actor=principal)
    return _back(request, referral_id, "resumed")


@router.post("/interagency/referrals/{referral_id}/remind", dependencies=CSRF)
def remind(
    request: Request, referral_id: str, session: SessionDep, principal: PageReader
) -> Response:
    services.remind(referral_id, session=session, actor=principal)
    return _back(request, referral_id, "reminded")
