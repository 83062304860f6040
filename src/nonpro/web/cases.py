"""Case pages: the list with queues and filters, the intake form, the case page and its actions."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.cases import rules, services
from nonpro.cases.errors import DecisionBlocked
from nonpro.cases.rules import CaseType, Decision, PartyRole, ProposalState, Status
from nonpro.cases.schemas import AssignmentIn, CaseFilter, CaseIn, CaseOut, TransitionIn
from nonpro.core.errors import InvalidInput
from nonpro.denials import services as denials  # the no-undercut flag on the case page
from nonpro.http.downloads import download, pdf_in_place
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import PageCaseManager, PageHitDisposer, PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency import services as interagency  # the handoff on the case page
from nonpro.screening.schemas import Decision as HitDecision
from nonpro.screening.services import IndexProvider
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form, problem_context, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)
PARTY_ROWS, ITEM_ROWS = 5, 3
CASE_PAGE_PRECEDENTS = 5
FILTER_KEYS = (
    "queue",
    "status",
    "destination",
    "category",
    "annex_item",
    "party",
    "flag",
    "recommendation",
    "created_from",
    "created_to",
)


def _back(request: Request, case_id: object, notice: str) -> RedirectResponse:
    return done(request, f"/cases/{case_id}", notice)


@router.get("/cases")
def case_list(request: Request, session: SessionDep, principal: PageReader) -> Response:
    raw = {k: v.strip() for k, v in request.query_params.items() if k in FILTER_KEYS and v.strip()}
    refused: InvalidInput | None = None
    try:
        wanted = parse_form(CaseFilter, raw)
        found = services.list_cases(wanted, session=session, actor=principal)
        facets = services.facets(wanted, session=session, actor=principal)
    except InvalidInput as problem:
        refused, wanted = problem, CaseFilter()
        found = services.list_cases(wanted, session=session, actor=principal)
        facets = services.facets(wanted, session=session, actor=principal)
    context = {
        "cases": found,
        "facets": facets,
        "form": {k: raw.get(k, "") for k in FILTER_KEYS},
        "statuses": list(Status),
        "is_late": services.is_late,
        "can_manage": principal.can(Permission.MANAGE_CASES),
        **problem_context(refused),
    }
    return render(request, "cases/index.html", context, status=422 if refused else 200)


def _intake_context() -> dict[str, Any]:
    return {
        "form": {},
        "types": list(CaseType),
        "roles": list(PartyRole),
        "party_rows": range(PARTY_ROWS),
        "item_rows": range(ITEM_ROWS),
    }


@router.get("/cases/new")
def intake_page(request: Request, _: PageCaseManager) -> Response:
    return render(request, "cases/new.html", _intake_context())


def _case_from_form(form: dict[str, Any]) -> dict[str, Any]:
    """The form's rows as the case JSON: blank rows are left out, numbers parsed."""
    parties = [
        {
            "role": form.get(f"party_{i}_role", ""),
            "name": form.get(f"party_{i}_name", "").strip(),
            "country": form.get(f"party_{i}_country", "").strip() or None,
        }
        for i in range(PARTY_ROWS)
        if form.get(f"party_{i}_name", "").strip()
    ]
    items = []
    for i in range(ITEM_ROWS):
        description = form.get(f"item_{i}_description", "").strip()
        if not description:
            continue
        item: dict[str, Any] = {"description": description}
        for key in ("quantity", "value_usd"):
            text = form.get(f"item_{i}_{key}", "").replace(",", "").strip()
            try:
                item[key] = float(text) if text else None
            except ValueError:
                raise InvalidInput(f"items.{i}.{key}", f"{text!r} is not a number") from None
        items.append(item)
    return {
        "reference": form.get("reference", "").strip(),
        "type": form.get("type", ""),
        "destination": form.get("destination", "").strip(),
        "end_use": form.get("end_use", "").strip(),
        "parties": parties,
        "items": items,
    }


@router.post("/cases/new", dependencies=CSRF)
async def intake(
    request: Request, session: SessionDep, provider: IndexDep, actor: PageCaseManager
) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        data = parse_form(CaseIn, _case_from_form(form))
        # The form is read asynchronously; the database work goes to a thread like any sync route.
        case = await run_in_threadpool(
            services.create_case, data, session=session, provider=provider, actor=actor
        )
    except InvalidInput as problem:
        return refuse(request, session, problem, "cases/new.html", _intake_context, form=form)
    return _back(request, case.id, "Case created and assessed.")


@router.get("/cases/{case_id}")
def case_page(
    request: Request,
    case_id: str,
    session: SessionDep,
    provider: IndexDep,
    principal: PageReader,
) -> Response:
    context = case_context(case_id, session, principal, provider=provider)
    return render(request, "cases/detail.html", context)


def case_context(
    case_id: str, session: Session, principal: Principal, *, provider: IndexProvider | None = None
) -> dict[str, Any]:
    """The case page; with a ``provider``, a stale assessment is made again first."""
    case = services.get_case(case_id, session=session, reader=principal)
    stale = services.is_stale(case, session=session)
    may_assess = principal.can(Permission.MANAGE_CASES) and principal.can(Permission.SCREEN)
    notice = None
    if provider and stale and may_assess and case.status in rules.OPEN_STATUSES:
        # The lists (or the sanctions register) changed since: show today's assessment.
        services.assess_case(case, session=session, provider=provider, actor=principal)
        stale, notice = False, "The lists changed since the last assessment: assessed again now."
    out = services.case_out(case)
    out.assessment_stale = stale
    findings = out.assessment.findings if out.assessment else []
    pending = next((p for p in out.proposals if p.state == ProposalState.PENDING.value), None)
    return {
        **_decision_context(case_id, out, session, principal),
        "pending": pending,
        "case": out,
        "findings": findings,
        "items_findings": [f for f in findings if f.kind == "classification"],
        "other_findings": [f for f in findings if f.kind in ("destination", "catch_all")],
        "party_findings": {
            i: [f for f in findings if f.party == i and f.kind in ("screening", "sanctions")]
            for i in range(len(out.parties))
        },
        # Decisions at a glance: the deciding reasons first, one line per matched entity.
        "glance": services.deciding_reasons(out.assessment) if out.assessment else None,
        "entities": services.entity_lines(out.assessment),
        "decisions": list(Decision),
        "hit_decisions": list(HitDecision),
        "hit_state_words": rules.HIT_STATE_WORDS,
        "provisos": services.list_provisos(),
        "can_manage": principal.can(Permission.MANAGE_CASES),
        "can_dispose": principal.can(Permission.DISPOSE_HITS),
        "has_letter": services.has_letter(case),
        "denial_matches": denials.matching_denials(case.id, session=session, reader=principal),
        # One query: the most similar decided cases the reader may see, and what they share.
        "precedents": services.similar_cases(
            case.id, session=session, actor=principal, limit=CASE_PAGE_PRECEDENTS
        ),
        "restricted": services.restricted(principal),
        "escalations": interagency.case_escalations(case.id, session=session, reader=principal),
        "agency_names": accounts.agency_names(session=session),
        **_handoff_context(case.id, out, session, principal),
        "notice": notice,
        "form": {},
    }


def _handoff_context(
    case_id: object, out: CaseOut, session: Session, principal: Principal
) -> dict[str, Any]:
    """The requests for referral of this case, and what the reader may do about them: an
    analyst asks (under review), a chair accepts or declines."""
    if interagency.is_representative(principal):
        return {"referral_requests": [], "can_request": False, "can_answer": False}
    found = interagency.list_requests(
        session=session, reader=principal, case=str(case_id), state=None
    )
    return {
        "referral_requests": [interagency.request_out(r) for r in found],
        "can_request": principal.can(Permission.MANAGE_CASES)
        and not principal.can(Permission.CHAIR_GROUPS)
        and out.status in (Status.UNDER_REVIEW.value, Status.REFERRED.value),
        "can_answer": principal.can(Permission.CHAIR_GROUPS),
        "group_codes": [g.code for g in interagency.default_groups()],
    }


def _decision_context(
    case_id: str, out: CaseOut, session: Session, principal: Principal
) -> dict[str, Any]:
    """What the page shows of the decision gates: what blocks an approval now (hard stops an
    exception covers are marked), who may countersign or record an exception."""
    is_open = Status(out.status) in rules.OPEN_STATUSES
    gates = (
        services.decision_gates(case_id, Decision.APPROVED, session=session, actor=principal)
        if is_open
        else []
    )
    return {
        "gates": gates,
        "open_stops": [g for g in gates if g.hard_stop and not g.excepted_by],
        "blocked": [],
        "can_countersign": principal.can(Permission.COUNTERSIGN_DECISIONS),
        "can_except": principal.can(Permission.RECORD_DECISION_EXCEPTIONS) and is_open,
        "username": principal.username,
    }


def refuse_action(
    request: Request,
    session: Session,
    case_id: str,
    principal: Principal,
    problem: InvalidInput,
    form: dict[str, Any],
) -> Response:
    """The case page again, the action's problem beside its field and its input kept."""

    def page() -> dict[str, Any]:
        return {**case_context(case_id, session, principal), "form": form}

    return refuse(request, session, problem, "cases/detail.html", page)


def refuse_decision(
    request: Request,
    session: Session,
    case_id: str,
    principal: Principal,
    problem: DecisionBlocked,
    form: dict[str, Any],
) -> Response:
    """The case page again with every reason the gates gave, at the top and (the written
    justification) beside its field; 409, the input kept."""

    def page() -> dict[str, Any]:
        return {
            **case_context(case_id, session, principal),
            "form": form,
            "blocked": problem.reasons,
            "error": f"This decision cannot be taken now ({len(problem.reasons)} reasons below).",
            "error_field": None,
            "field_errors": {r.field: r.text for r in problem.reasons if r.field},
        }

    return refuse(request, session, problem, "cases/detail.html", page, status=409)


@router.post("/cases/{case_id}/transition", dependencies=CSRF)
def transition(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageReader,
    to: Annotated[str, Form()],
    version: Annotated[int, Form()],
    decision: Annotated[str, Form()] = "",
    proviso: Annotated[list[str] | None, Form()] = None,
    note: Annotated[str, Form()] = "",
    justification: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "to": to,
        "decision": decision,
        "provisos": proviso or [],
        "note": note,
        "justification": justification,
    }
    try:
        data = parse_form(TransitionIn, {**form, "version": version, "decision": decision or None})
        case = services.transition(case_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        return refuse_action(request, session, case_id, actor, problem, form)
    except DecisionBlocked as problem:
        return refuse_decision(request, session, case_id, actor, problem, form)
    if to == Status.DECIDED.value and case.status != Status.DECIDED.value:
        return _back(
            request,
            case.id,
            "Decision proposed: it takes effect when a second authorised person countersigns it.",
        )
    return _back(request, case.id, f"Case moved to {case.status.replace('_', ' ')}.")


@router.post("/cases/{case_id}/assign", dependencies=CSRF)
def assign(
    request: Request,
    case_id: str,
    session: SessionDep,
    actor: PageCaseManager,
    version: Annotated[int, Form()],
    assignee: Annotated[str, Form()] = "",
) -> Response:
    try:
        data = parse_form(AssignmentIn, {"assignee": assignee.strip() or None, "version": version})
        case = services.assign(case_id, data, session=session, actor=actor)
    except InvalidInput as problem:
        form = {"assignee": assignee}
        return refuse_action(request, session, case_id, actor, problem, form)
    return _back(request, case.id, f"Assigned to {services.case_out(case).assignee or 'nobody'}.")


@router.post("/cases/{case_id}/assess", dependencies=CSRF)
def assess(
    request: Request, case_id: str, session: SessionDep, provider: IndexDep, actor: PageCaseManager
) -> Response:
    case = services.get_case(case_id, session=session, reader=actor)
    services.assess_case(case, session=session, provider=provider, actor=actor)
    return _back(request, case.id, "Assessment updated.")


@router.post("/cases/{case_id}/dispositions", dependencies=CSRF)
def dispose(
    request: Request,
    case_id: str,
    session: SessionDep,
    provider: IndexDep,
    actor: PageHitDisposer,
    party: Annotated[int, Form()],
    entry_id: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    case = services.dispose_hit(
        case_id,
        party=party,
        entry_id=entry_id,
        decision=decision,
        note=note,
        session=session,
        provider=provider,
        actor=actor,
    )
    return _back(request, case.id, "Decision on the hit recorded; the case was assessed again.")


@router.post("/cases/{case_id}/documents", dependencies=CSRF)
def upload(
    request: Request, case_id: str, session: SessionDep, actor: PageCaseManager, file: UploadFile
) -> Response:
    content = file.file.read(services.MAX_DOCUMENT_BYTES + 1)
    document = services.add_document(
        case_id, file.filename or "", content, session=session, actor=actor
    )
    return _back(request, document.case_id, "Document attached.")


@router.get("/cases/{case_id}/documents/{document_id}")
def document_file(
    case_id: str, document_id: uuid.UUID, session: SessionDep, actor: PageReader
) -> Response:
    document = services.get_document(case_id, document_id, session=session, actor=actor)
    return download(document.content, document.filename, document.media_type)


@router.get("/cases/{case_id}/letter.pdf")
def letter_pdf(case_id: str, session: SessionDep, actor: PageReader) -> Response:
    filename, pdf = services.letter_pdf(case_id, session=session, actor=actor)
    return pdf_in_place(pdf, filename)
