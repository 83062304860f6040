"""Bulk screening in the browser: upload a CSV or Parquet file, map its columns, watch the job
run in the background, review its alerts, download the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile

from nonpro.accounts.schemas import Principal
from nonpro.batch import services as batch
from nonpro.batch.schemas import ColumnMapping, JobOut, JobState
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.http.downloads import attachment_headers
from nonpro.http.parameters import JobRunnerDep
from nonpro.http.signin import PageScreener
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import MAX_UPLOAD_BYTES
from nonpro.screening import rules
from nonpro.screening.schemas import EntityType
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)

# The mapping form's column choices, in the order the page shows them.
MAPPED_FIELDS = {
    "name": "Name (required)",
    "dob": "Date of birth",
    "country": "Country",
    "entity_type_column": "Entity type",
    "identifier": "Identifiers (several comma-separated)",
}


def _jobs_dir(request: Request) -> Path:
    jobs_dir: Path = request.app.state.settings.jobs_dir
    return jobs_dir


def _upload_page(session: SessionDep, principal: Principal) -> dict[str, Any]:
    return {
        "jobs": batch.jobs(session=session, reader=principal),
        "max_mib": MAX_UPLOAD_BYTES // 2**20,
    }


@router.get("/screening/bulk", response_class=HTMLResponse)
def bulk_page(request: Request, session: SessionDep, principal: PageScreener) -> Response:
    return render(request, "screening/bulk.html", _upload_page(session, principal))


@router.post("/screening/bulk", dependencies=CSRF)
async def upload(request: Request, session: SessionDep, actor: PageScreener) -> Response:
    try:
        sent = (await request.form()).get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise InvalidInput("file", "choose a CSV or Parquet file to screen")
        job = batch.create_job(
            sent.file,
            sent.filename,
            session=session,
            actor=actor,
            jobs_dir=_jobs_dir(request),
            max_bytes=MAX_UPLOAD_BYTES,
        )
    except NonproError as problem:
        return refuse(
            request, session, problem, "screening/bulk.html", lambda: _upload_page(session, actor)
        )
    rows = f"{job.rows_total:,} row{'' if job.rows_total == 1 else 's'}"
    return done(
        request,
        f"/screening/bulk/{job.id}/columns",
        f"{job.file_name} uploaded: {rows}. Say which column holds what.",
    )


def _mapping_page(job: JobOut, form: dict[str, str]) -> dict[str, Any]:
    return {
        "job": job,
        "fields": MAPPED_FIELDS,
        "form": form,
        "types": [t for t in EntityType if t != EntityType.UNKNOWN],
        "default_threshold": rules.DEFAULT_THRESHOLD,
    }


def _guessed(job: JobOut) -> dict[str, str]:
    guess = batch.guess_mapping(job.columns).model_dump()
    return {key: guess.get(key) or "" for key in [*MAPPED_FIELDS, "entity_type", "threshold"]}


@router.get("/screening/bulk/{job_id}/columns", response_class=HTMLResponse)
def mapping_page(
    request: Request, job_id: str, session: SessionDep, principal: PageScreener
) -> Response:
    job = batch.job(job_id, session=session, reader=principal)
    if job.state != JobState.UPLOADED:
        return done(request, f"/screening/bulk/{job.id}", f"This job is already {job.state}.")
    return render(request, "screening/bulk_columns.html", _mapping_page(job, _guessed(job)))


@router.post("/screening/bulk/{job_id}/columns", dependencies=CSRF)
async def start(
    request: Request,
    job_id: str,
    session: SessionDep,
    actor: PageScreener,
    runner: JobRunnerDep,
) -> Response:
    job = batch.job(job_id, session=session, reader=actor)
    form = await form_fields(request)
    try:
        mapping = parse_form(
            ColumnMapping,
            {key: form.get(key, "") for key in [*MAPPED_FIELDS, "entity_type"]},
            skip_blank=True,
        )
        if not form.get("name"):
            raise InvalidInput("name", "choose the column that holds the name")
        started = batch.start_job(
            job.id,
            mapping,
            threshold=_threshold(form.get("threshold", "")),
            session=session,
            actor=actor,
            jobs_dir=_jobs_dir(request),
        )
    except NonproError as problem:
        return refuse(
            request,
            session,
            problem,
            "screening/bulk_columns.html",
            lambda: _mapping_page(job, form),
        )
    response = done(request, f"/screening/bulk/{started.id}", "Screening started.")
    # Handed to the runner only after the response, so after the request's commit: the runner
    # reads the job in a session of its own.
    response.background = BackgroundTask(runner.submit, started.id)
    return response


def _threshold(text: str) -> float | None:
    if not text:
        return None
    try:
        level = float(text)
    except ValueError:
        raise InvalidInput("threshold", "must be a number between 0 and 1") from None
    if not 0 <= level <= 1:  # also refuses inf and nan
        raise InvalidInput("threshold", "must be a number between 0 and 1")
    return level


@router.get("/screening/bulk/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request, job_id: str, session: SessionDep, principal: PageScreener
) -> Response:
    job = batch.job(job_id, session=session, reader=principal)
    found = batch.review(job.id, session=session, reader=principal, jobs_dir=_jobs_dir(request))
    return render(request, "screening/bulk_job.html", {"job": job, "review": found})


@router.get("/screening/bulk/{job_id}/result.csv")
def result_download(
    request: Request, job_id: str, session: SessionDep, principal: PageScreener
) -> Response:
    job = batch.job(job_id, session=session, reader=principal)
    path = batch.result_file(job.id, session=session, reader=principal, jobs_dir=_jobs_dir(request))
    name = f"{Path(job.file_name).stem}-screened.csv"
    return FileResponse(path, media_type="text/csv", headers=attachment_headers(name))


@router.post("/screening/bulk/{job_id}/delete", dependencies=CSRF)
def delete(request: Request, job_id: str, session: SessionDep, actor: PageScreener) -> Response:
    job = batch.job(job_id, session=session, reader=actor)
    batch.delete_job(job.id, session=session, actor=actor, jobs_dir=_jobs_dir(request))
    return done(request, "/screening/bulk", f"Job for {job.file_name} deleted.")
