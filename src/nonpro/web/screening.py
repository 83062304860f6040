"""The screening page (form, ranked hits with reasons, dispositions) and the lists page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.core.errors import InvalidInput
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import PageHitDisposer, PageReader, PageScreener
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.screening import rules, services
from nonpro.screening.schemas import (
    Decision,
    DispositionIn,
    EntityType,
    NameKind,
    ScreeningQuery,
    ScreeningResult,
)
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


# How a name's kind reads on the listed record's page; a weak alias says why it counts less.
NAME_KINDS = {
    NameKind.PRIMARY: "Primary name",
    NameKind.AKA: "Also known as",
    NameKind.FKA: "Formerly known as",
    NameKind.WEAK_AKA: "Weak alias (low quality: counts only with a matching date or identifier)",
    NameKind.NATIVE: "Original script",
}

# The screening form's fields, as the page keeps them between requests.
FORM_FIELDS = ("name", "entity_type", "dob", "country", "identifier", "threshold")


def _query_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The query the form describes, for ``ScreeningQuery`` (identifiers comma-separated)."""
    identifiers = form.get("identifier", "").split(",")
    return {
        "name": form.get("name", "").strip(),
        "entity_type": form.get("entity_type") or None,
        "dob": form.get("dob", "").strip() or None,
        "country": form.get("country", "").strip() or None,
        "identifiers": [i.strip() for i in identifiers if i.strip()],
    }


def _page(
    form: Mapping[str, str], result: ScreeningResult | None, can_dispose: bool
) -> dict[str, Any]:
    return {
        "form": {field: form.get(field, "") for field in FORM_FIELDS},
        "types": list(EntityType),
        "result": result,
        "decisions": list(Decision),
        "default_threshold": rules.DEFAULT_THRESHOLD,
        "can_dispose": can_dispose,
    }


@router.get("/screening", response_class=HTMLResponse)
def screening_page(
    request: Request, session: SessionDep, provider: IndexDep, principal: PageScreener
) -> Response:
    form = {field: request.query_params.get(field, "") for field in FORM_FIELDS}
    context = _page(form, None, principal.can(Permission.DISPOSE_HITS))
    status = 200
    if form["name"].strip():
        threshold = form["threshold"]
        try:
            query = parse_form(ScreeningQuery, _query_form(form))
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
async def dispose(
    request: Request, session: SessionDep, provider: IndexDep, actor: PageHitDisposer
) -> Response:
    """Record the decision, then show the screening again with it on the hit."""
    form = await form_fields(request)
    raw = {field: form.get(field, "") for field in ("entry_id", "decision", "note")}
    data = parse_form(DispositionIn, {**raw, "query": _query_form(form)})
    await run_in_threadpool(services.dispose, data, session=session, provider=provider, actor=actor)
    result = await run_in_threadpool(
        services.screen, data.query, session=session, provider=provider, reader=actor
    )
    context = _page({**form, "threshold": ""}, result, True)
    context["notice"] = f"Recorded {raw['decision'].replace('_', ' ')} for {raw['entry_id']}."
    return render(request, "screening/index.html", context, status=201)


@router.get("/lists", response_class=HTMLResponse)
def lists_page(request: Request, session: SessionDep, _: PageReader) -> Response:
    return render(request, "lists/index.html", {"sources": services.status(session=session)})


@router.get("/lists/entries/{entry_id}", response_class=HTMLResponse)
def listed_record_page(
    request: Request,
    entry_id: str,
    session: SessionDep,
    _: PageReader,
    snapshot: str | None = None,
) -> Response:
    """One listed record whole, from the snapshot a hit came from (or the active one)."""
    found = services.listed_record(entry_id, snapshot=snapshot, session=session)
    return render(request, "lists/entry.html", {"record": found, "name_kinds": NAME_KINDS})


@router.get("/lists/{source}/diff", response_class=HTMLResponse)
def list_diff_page(request: Request, source: str, session: SessionDep, _: PageReader) -> Response:
    return render(request, "lists/diff.html", {"diff": services.diff(source, session=session)})
