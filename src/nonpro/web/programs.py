"""The missile program pages: the data sets loaded, and a country's systems and tests."""

from __future__ import annotations

import base64
from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.core.clock import today
from nonpro.http.signin import PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.programs import services
from nonpro.programs.schemas import FlightTestQuery
from nonpro.reports.services import bar_chart
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


@router.get("/programs", response_class=HTMLResponse)
def index(request: Request, session: SessionDep, _: PageReader, state: str = "") -> Response:
    if state.strip():
        return RedirectResponse(f"/programs/{services.resolve_state(state)}", status_code=303)
    tests = services.tests(FlightTestQuery(), session=session)
    by_country = Counter(t.country for t in tests)
    context = {"imports": services.imports(session=session), "countries": by_country}
    return render(request, "programs/index.html", context)


@router.get("/programs/{state}", response_class=HTMLResponse)
def country(request: Request, state: str, session: SessionDep, _: PageReader) -> Response:
    summary = services.country_summary(state, as_of=today(), session=session)
    tests = services.tests(FlightTestQuery(country=summary.country), session=session)
    chart = None
    if summary.tests_by_year:
        years, counts = list(summary.tests_by_year), list(summary.tests_by_year.values())
        svg = bar_chart(
            years,
            [float(c) for c in counts],
            title="Flight tests per year",
            xlabel="Year",
            ylabel="Tests",
            image_format="svg",
        )
        described = ", ".join(f"{y}: {c}" for y, c in summary.tests_by_year.items())
        chart = {
            "src": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
            "alt": f"Bar chart of flight tests per year. {described}.",
        }
    context = {
        "summary": summary,
        "chart": chart,
        "tests": list(reversed(tests))[:50],
        "transfers": services.transfers(session=session, country=summary.country),
        "events": services.events(session=session, country=summary.country)[-20:],
    }
    return render(request, "programs/country.html", context)
