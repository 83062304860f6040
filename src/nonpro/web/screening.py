"""The screening page (form, ranked hits with reasons, dispositions) and the lists page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.core.errors import InvalidInput
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import PageHitDisposer, PageReader, PageScreener
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.screening import rules, services
from nonpro.screening.schemas import Decision, DispositionIn, EntityType, ScreeningQuery
from nonpro.web.csrf import CSRF
from nonpro.web.forms import parse_form, problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


def _query_form(
    name: str, entity_type: str, dob: str, country: str, identifier: str
) -> dict[str, Any]:
    return {
        "name": name.strip(),
        "entity_type": entity_type or None,
        "dob": dob.strip() or None,
        "country": country.strip() or None,
        "identifiers": [i.strip() for i in identifier.split(",") if i.strip()],
    }


@router.get("/screening", response_class=HTMLResponse)
def screening_page(
    request: Request,
    session: SessionDep,
    provider: IndexDep,
    principal: PageScreener,
    name: str = "",
    entity_type: str = "",
    dob: str = "",
    country: str = "",
    identifier: str = "",
    threshold: str = "",
) -> Response:
    form = {
        "name": name,
        "entity_type": entity_type,
        "dob": dob,
        "country": country,
        "identifier": identifier,
        "threshold": threshold,
    }
    context: dict[str, Any] = {
        "form": form,
        "types": list(EntityType),
        "result": None,
        "decisions": list(Decision),
        "default_threshold": rules.DEFAULT_THRESHOLD,
        "can_dispose": principal.can(Permission.DISPOSE_HITS),
    }
    status = 200
    if name.strip():
        try:
            query = parse_form(
                ScreeningQuery, _query_form(name, entity_type, dob, country, identifier)
            )
            level = float(threshold) if threshold.strip() else None
            if level is not None and not 0 <= level <= 1:  # also refuses inf and nan
                raise ValueError(threshold)
            context["result"] = services.screen(
                query, session=session, provider=provider, reader=principal, threshold=level
            )
        except ValueError:
            context.update(
                problem_context(InvalidInput("threshold", "must be a number between 0 and 1"))
            )
            status = 422
        except InvalidInput as problem:
            context.update(problem_context(problem))
            status = 422
    partial = request.headers.get("hx-request") and request.headers.get("hx-target") == "results"
    return render(
        request,
        "screening/_results.html" if partial else "screening/index.html",
        context,
        status=status,
    )


@router.post("/screening/dispositions", dependencies=CSRF)
def dispose(
    request: Request,
    session: SessionDep,
    provider: IndexDep,
    actor: PageHitDisposer,
    entry_id: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    name: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    entity_type: Annotated[str, Form()] = "",
    dob: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "",
    identifier: Annotated[str, Form()] = "",
) -> Response:
    """Record the decision, then show the screening again with it on the hit."""
    query = _query_form(name, entity_type, dob, country, identifier)
    data = parse_form(
        DispositionIn, {"query": query, "entry_id": entry_id, "decision": decision, "note": note}
    )
    services.dispose(data, session=session, provider=provider, actor=actor)
    result = services.screen(data.query, session=session, provider=provider, reader=actor)
    form = {
        "name": name,
        "entity_type": entity_type,
        "dob": dob,
        "country": country,
        "identifier": identifier,
        "threshold": "",
    }
    context = {
        "form": form,
        "types": list(EntityType),
        "result": result,
        "decisions": list(Decision),
        "default_threshold": rules.DEFAULT_THRESHOLD,
        "can_dispose": True,
        "notice": f"Recorded {decision.replace('_', ' ')} for {entry_id}.",
    }
    return render(request, "screening/index.html", context, status=201)


@router.get("/lists", response_class=HTMLResponse)
def lists_page(request: Request, session: SessionDep, _: PageReader) -> Response:
    return render(request, "lists/index.html", {"sources": services.status(session=session)})


@router.get("/lists/{source}/diff", response_class=HTMLResponse)
def list_diff_page(request: Request, source: str, session: SessionDep, _: PageReader) -> Response:
    return render(request, "lists/diff.html", {"diff": services.diff(source, session=session)})
