"""Controls pages: the Annex browser and search, the classification form, destination policy.

The range/payload page is in ``controls_range.py``. Classification and search change nothing, so
their forms use GET (a result can be bookmarked and shared); the Annex needs READ, classifying
needs CLASSIFY.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from nonpro.accounts.rules import Permission
from nonpro.controls import services as controls
from nonpro.controls.catchall.services import destination_policy
from nonpro.controls.schemas import CROSSWALK_CAVEAT, ItemDescription
from nonpro.controls.services import Annex, load_annex, load_catalog, parameters_from_pairs
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageClassifier, PageReader
from nonpro.http.unit_of_work import SessionRoute
from nonpro.web.forms import parse_form, problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)

EXAMPLE_ITEM = "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"


def _versions(version: str) -> dict[str, Any]:
    """The version picker's options, and the chosen Annex (newest when none is chosen)."""
    catalog = load_catalog()
    annex = catalog.get(version.strip() or None)
    return {"versions": catalog.versions(), "annex": annex, "annex_version": annex.version}


@router.get("/controls", response_class=HTMLResponse)
def controls_home(request: Request, principal: PageReader) -> Response:
    annex = load_annex()
    return render(
        request,
        "controls/index.html",
        {
            "annex": annex,
            "entries": len(annex),
            "can_classify": principal.can(Permission.CLASSIFY),
        },
    )


@router.get("/controls/annex", response_class=HTMLResponse)
def annex_browser(request: Request, _: PageReader, q: str = "", version: str = "") -> Response:
    """The tree of Items 1–20 and their entries; with ``q``, ranked search results first."""
    context = _versions(version)
    annex = context["annex"]
    hits = controls.search(q, annex=annex, limit=20) if q.strip() else None
    context.update(q=q, hits=hits, tree=controls.tree(annex=annex))
    return render(request, "controls/annex.html", context)


@router.get("/controls/annex-diff", response_class=HTMLResponse)
def annex_diff(request: Request, _: PageReader, old: str = "", new: str = "") -> Response:
    """What changed between two versions (``old`` defaults to the oldest, ``new`` the newest)."""
    versions = load_catalog().versions()
    old, new = old.strip() or versions[-1], new.strip() or versions[0]
    context = {"versions": versions, "old": old, "new": new, "diff": controls.diff(old, new)}
    return render(request, "controls/diff.html", context)


@router.get("/controls/annex/{number}", response_class=HTMLResponse)
def annex_entry(request: Request, number: str, _: PageReader, version: str = "") -> Response:
    context = _versions(version)
    annex = context["annex"]
    views = controls.show(number, annex=annex)
    # Cross-references link to entries only when they name one ("Definitions: range" does not).
    linkable = {ref for v in views for ref in v.references if _known(ref, annex)}
    context.update(number=number, views=views, linkable=linkable)
    return render(request, "controls/entry.html", context)


def _known(number: str, annex: Annex) -> bool:
    return any(e.is_under(number) for e in annex)


@router.get("/controls/classify", response_class=HTMLResponse)
def classify_page(
    request: Request, _: PageClassifier, text: str = "", params: str = "", version: str = ""
) -> Response:
    """The form, and with a description or parameters, the classification with its reasons."""
    context = _versions(version)
    annex = context["annex"]
    context.update(
        text=text,
        params=params,
        result=None,
        example=EXAMPLE_ITEM,
        parameters=sorted(annex.parameters.values(), key=lambda p: p.name),
        crosswalk_caveat=CROSSWALK_CAVEAT,
    )
    status = 200
    if text.strip() or params.strip():
        pairs = [line.strip() for line in params.splitlines() if line.strip()]
        try:
            data = {"text": text, "parameters": parameters_from_pairs(pairs)}
            item = parse_form(ItemDescription, data)
            context["result"] = controls.classify(item, annex=annex)
        except InvalidInput as problem:
            context.update(problem_context(problem), field_errors=_by_box(problem))
            status = 422
    return render(request, "controls/classify.html", context, status=status)


def _by_box(problem: InvalidInput) -> dict[str, str]:
    """The problem beside the box it came from: a named parameter's belongs to the parameters
    box, where the message names the parameter."""
    if problem.field in ("text", "input"):
        return {"text": problem.problem}
    return {"params": problem.message}


@router.get("/controls/destination", response_class=HTMLResponse)
def destination_page(
    request: Request, _: PageReader, country: str = "", as_of: str = ""
) -> Response:
    """Destination policy as of a date: regimes, UN measures, terrorism, concern list."""
    context: dict[str, Any] = {
        "country": country,
        "as_of": as_of,
        "policy": None,
    }
    status = 200
    if country.strip():
        try:
            day = _day(as_of)
            context["policy"] = destination_policy(country, as_of=day)
        except InvalidInput as problem:
            context.update(problem_context(problem))
            status = 422
    return render(request, "controls/destination.html", context, status=status)


def _day(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput("as_of", f"expected YYYY-MM-DD, got {value!r}") from None
