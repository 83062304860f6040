"""The treaty pages: instruments, an instrument's parties over time and on a map, a country's
profile, and the cross-question filters. Every answer comes from ``treaties.services``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.treaties import services
from nonpro.treaties.schemas import InstrumentKind, Status
from nonpro.treaties.services import (
    CROSS_QUESTIONS,
    CrossQuestion,
    get_instrument,
    load_instruments,
)
from nonpro.web.forms import InvalidForm, problem_context
from nonpro.web.rendering import render
from nonpro.web.treaties_views import (
    MAP_VIEWBOX,
    STATUS_LABELS,
    chart,
    highlight_map,
    membership_map,
    state_name,
    status_map,
)

router = APIRouter(route_class=SessionRoute)
# The 10th NPT Review Conference closed on 26 August 2022: "since the last Review Conference".
LAST_REVCON = date(2022, 8, 26)


def _day(value: str, field: str, default: date) -> tuple[date, InvalidInput | None]:
    """A date from the form, or the default and the problem naming the field."""
    try:
        return (services.parse_day(value, field) if value.strip() else default), None
    except InvalidInput as problem:
        return default, problem


def _dates_form(typed: dict[str, str], *problems: InvalidInput | None) -> dict[str, Any]:
    """A page's date fields: a refused date is shown beside its field, as typed."""
    refused = [p for p in problems if p]
    return {"typed": typed, **problem_context(InvalidForm(refused) if refused else None)}


def _common(request: Request) -> dict[str, Any]:
    return {"viewbox": MAP_VIEWBOX, "status_labels": STATUS_LABELS, "state_name": state_name}


@router.get("/treaties", response_class=HTMLResponse)
def index(request: Request, session: SessionDep, _: PageReader, as_of: str = "") -> Response:
    day, error = _day(as_of, "as_of", today())
    rows = []
    for instrument in load_instruments().values():
        found = services.statuses(instrument.code, as_of=day, session=session).values()
        rows.append(
            {
                "instrument": instrument,
                "parties": sum(1 for s in found if s.status is Status.PARTY),
                "consented": sum(1 for s in found if s.status is Status.CONSENTED),
                "signatories": sum(1 for s in found if s.status is Status.SIGNATORY),
            }
        )
    context = {
        "rows": rows,
        "as_of": day,
        **_dates_form({"as_of": as_of}, error),
        "kinds": list(InstrumentKind),
        "questions": CROSS_QUESTIONS.values(),
        "imports": services.imports(session=session),
        "check": services.check(session=session),
    }
    return render(request, "treaties/index.html", context, status=422 if error else 200)


@router.get("/treaties/instruments/{code}", response_class=HTMLResponse)
def instrument_page(
    request: Request,
    code: str,
    session: SessionDep,
    _: PageReader,
    as_of: str = "",
    changes_from: str = "",
    changes_to: str = "",
) -> Response:
    instrument = get_instrument(services.instrument_code(code))
    day, error = _day(as_of, "as_of", today())
    start, error_from = _day(changes_from, "changes_from", LAST_REVCON)
    end, error_to = _day(changes_to, "changes_to", today())
    statuses = services.statuses(instrument.code, as_of=day, session=session)
    rows = [s for s in statuses.values() if s.status is not Status.NONE or s.events]
    counts = {s: sum(1 for r in rows if r.status is s) for s in Status}
    rule = instrument.eif_rule
    eif = services.eif(instrument.code, as_of=day, session=session)
    context = {
        **_common(request),
        "instrument": instrument,
        "as_of": day,
        "rows": rows,
        "counts": counts,
        "shapes": status_map(statuses, day),
        "chart": chart(services.timeline(instrument.code, session=session)),
        "timeline": services.timeline(instrument.code, session=session),
        "eif": eif,
        "has_count_rule": bool(rule and (rule.count or rule.required_states)),
        "changes": services.changes(
            instrument.code, start=start, end=max(start, end), session=session
        ),
        "changes_from": start,
        "changes_to": end,
        **_dates_form(
            {"as_of": as_of, "changes_from": changes_from, "changes_to": changes_to},
            error,
            error_from,
            error_to,
        ),
        "children": [i for i in load_instruments().values() if i.parent == instrument.code],
    }
    status = 422 if context["error"] else 200
    return render(request, "treaties/instrument.html", context, status=status)


@router.get("/treaties/countries", response_class=HTMLResponse)
def find_country(request: Request, _: PageReader, state: str = "") -> Response:
    """The country form's target: resolve any name or code, then show its profile."""
    try:
        code = services.resolve_state(state)
    except InvalidInput as problem:
        # Opened with no name, the form is shown as it is: nothing was refused yet.
        context = {"state": state, **problem_context(problem if state else None)}
        return render(request, "treaties/find_country.html", context, status=422 if state else 200)
    return RedirectResponse(f"/treaties/countries/{code}", status_code=303)


@router.get("/treaties/countries/{state}", response_class=HTMLResponse)
def country_page(
    request: Request, state: str, session: SessionDep, _: PageReader, as_of: str = ""
) -> Response:
    day, error = _day(as_of, "as_of", today())
    found = services.status(state, as_of=day, session=session)
    instruments = load_instruments()
    context = {
        **_common(request),
        "profile": found,
        "as_of": day,
        **_dates_form({"as_of": as_of}, error),
        "name": state_name(found.state),
        "instruments": instruments,
        "shapes": highlight_map(found.state),
        "recorded": [s for s in found.instruments if s.status is not Status.NONE or s.events],
        "never": [s for s in found.instruments if s.status is Status.NONE and not s.events],
    }
    return render(request, "treaties/country.html", context, status=422 if error else 200)


def _custom(having: list[str], lacking: list[str]) -> CrossQuestion:
    """A filter built on the page: party to every ``having``, to none of ``lacking``."""
    codes = (
        [services.instrument_code(c) for c in having],
        [services.instrument_code(c) for c in lacking],
    )
    title = "Party to " + " and ".join(codes[0])
    if codes[1]:
        title += ", not party to " + " or ".join(codes[1])
    return CrossQuestion(
        name="custom", title=title, having=tuple(codes[0]), lacking=tuple(codes[1])
    )


@router.get("/treaties/questions", response_class=HTMLResponse)
def questions_page(
    request: Request,
    session: SessionDep,
    _: PageReader,
    q: str = "npt-csa-without-ap",
    as_of: str = "",
    having: Annotated[list[str] | None, Query()] = None,
    lacking: Annotated[list[str] | None, Query()] = None,
) -> Response:
    """A named cross-question, or a filter of the reader's own (``having``/``lacking``)."""
    day, refused = _day(as_of, "as_of", today())
    asked = _custom(having, lacking or []) if having else CROSS_QUESTIONS.get(q)
    unknown = None if asked else InvalidInput("q", f"{q!r} is not a question nonpro knows")
    answer = (
        services.cross(
            having=asked.having,
            lacking=asked.lacking,
            excluding=asked.excluding,
            as_of=day,
            session=session,
        )
        if asked
        else None
    )
    members = set(answer.states) if answer else set()
    maybe = set(answer.unknown) if answer else set()
    context = {
        **_common(request),
        "questions": CROSS_QUESTIONS.values(),
        "asked": asked,
        "q": q if not having else "",
        "answer": answer,
        "as_of": day,
        **_dates_form({"as_of": as_of}, refused, unknown),
        # Two forms ask: the reader's own filter is the one that sends ``having``.
        "refused_form": "custom" if having else "question",
        "shapes": membership_map(
            members,
            inside="answers the question",
            outside="does not answer the question",
            unknown=maybe,
        ),
        "instruments": load_instruments(),
    }
    status = 422 if context["error"] else 200
    return render(request, "treaties/questions.html", context, status=status)
