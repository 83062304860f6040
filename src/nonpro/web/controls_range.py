"""The range/payload page: a form for the stages or an uploaded spec, the estimate, the MTCR
finding, and the trade-off plot as a PNG from a local route (with the same numbers as a table).

The plot route recomputes the estimate from the spec in its query string, so the page and the
image need no server-side state between requests.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from nonpro.controls.range.schemas import AircraftSpec, RocketSpec
from nonpro.controls.range.services import (
    estimate_range,
    example_specs,
    load_spec,
    parse_spec,
    parse_spec_text,
    tradeoff_png,
)
from nonpro.core.errors import InvalidInput
from nonpro.http.signin import PageClassifier
from nonpro.http.unit_of_work import SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)

MAX_STAGES = 3
MAX_UPLOAD_BYTES = 64 * 1024
SPEC_FIELDS = ("name", "payload_kg", "diameter_m", "drag_coefficient")
STAGE_FIELDS = (
    ("gross_mass_kg", "Gross mass (kg)"),
    ("propellant_mass_kg", "Propellant mass (kg)"),
    ("isp_sl_s", "Isp, sea level (s)"),
    ("isp_vac_s", "Isp, vacuum (s)"),
    ("burn_time_s", "Burn time (s)"),
    ("thrust_sl_N", "Thrust, sea level (N)"),
)


def _form_values(spec: RocketSpec | AircraftSpec | None) -> dict[str, str]:
    """A spec as the form's field values (``stages-0-isp_sl_s``), to show what was estimated."""
    if not isinstance(spec, RocketSpec):
        return {}
    data = spec.model_dump(by_alias=True, exclude_none=True)
    values = {k: f"{data[k]:g}" if k != "name" else data[k] for k in SPEC_FIELDS if k in data}
    for i, stage in enumerate(data["stages"]):
        values.update({f"stages-{i}-{k}": f"{v:g}" for k, v in stage.items()})
    return values


def _spec_from_form(form: FormData) -> dict[str, Any]:
    """The form's fields as a spec mapping; blank fields and blank stages are left out."""
    data: dict[str, Any] = {k: v for k in SPEC_FIELDS if (v := str(form.get(k) or "").strip())}
    stages = []
    for i in range(MAX_STAGES):
        stage = {
            k: v for k, _ in STAGE_FIELDS if (v := str(form.get(f"stages-{i}-{k}") or "").strip())
        }
        if stage:
            stages.append(stage)
    data["stages"] = stages
    return data


async def _spec_from_upload(upload: UploadFile) -> RocketSpec | AircraftSpec:
    raw = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InvalidInput("spec_file", "larger than 64 KB; a missile spec is a few lines")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("spec_file", "not a text file (YAML or JSON, UTF-8)") from None
    json_text = (upload.filename or "").lower().endswith(".json")
    return parse_spec_text(text, json_text=json_text, source="spec_file")


def _plot_url(spec: RocketSpec | AircraftSpec) -> str:
    data = spec.model_dump(by_alias=True, exclude_none=True, exclude={"source"})
    return "/controls/range/plot.png?" + urlencode(
        {"spec": json.dumps(data, separators=(",", ":"))}
    )


def _page(
    request: Request,
    *,
    spec: RocketSpec | AircraftSpec | None = None,
    values: dict[str, str] | None = None,
    example: str = "",
    error: InvalidInput | None = None,
) -> Response:
    estimate = estimate_range(spec) if spec is not None else None
    problem = problem_context(error)
    # The input to mark: "stages[0].isp_sl_s" is the field named "stages-0-isp_sl_s".
    problem["field_errors"] = {
        field.replace("[", "-").replace("].", "-"): message
        for field, message in problem["field_errors"].items()
    }
    context = {
        "examples": list(example_specs()),
        "example": example,
        "values": values if values is not None else _form_values(spec),
        "stage_fields": STAGE_FIELDS,
        "stage_count": MAX_STAGES,
        "spec": spec,
        "estimate": estimate,
        "plot_url": _plot_url(spec) if spec is not None else None,
        **problem,
    }
    return render(request, "controls/range.html", context, status=422 if error else 200)


@router.get("/controls/range", response_class=HTMLResponse)
def range_page(request: Request, _: PageClassifier, example: str = "") -> Response:
    """The form; with ``example=v2``, the estimate for one of the shipped historical missiles."""
    if not example:
        return _page(request, values={"stages-0-isp_sl_s": ""})
    path = example_specs().get(example)
    if path is None:
        return _page(request, error=InvalidInput("example", f"no example named {example!r}"))
    return _page(request, spec=load_spec(path), example=example)


@router.post("/controls/range", response_class=HTMLResponse, dependencies=CSRF)
async def range_estimate(request: Request, _: PageClassifier) -> Response:
    """Estimate from the uploaded spec file if there is one, else from the form's fields."""
    form = await request.form()
    upload = form.get("spec_file")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            spec = await _spec_from_upload(upload)
        else:
            spec = parse_spec(_spec_from_form(form))
    except InvalidInput as problem:
        values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
        return _page(request, values=values, error=problem)
    # The flight simulation takes a fraction of a second: keep it off the event loop.
    return await run_in_threadpool(lambda: _page(request, spec=spec))


@router.get("/controls/range/plot.png")
def range_plot(_: PageClassifier, spec: str) -> Response:
    """The payload–range trade-off as a PNG, recomputed from the spec in the query string."""
    try:
        data = json.loads(spec)
    except ValueError:
        raise InvalidInput("spec", "not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("spec", "expected a JSON object")
    png = tradeoff_png(estimate_range(parse_spec(data)))
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
