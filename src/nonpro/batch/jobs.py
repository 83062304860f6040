"""Bulk screening as a background job: the upload stored, its columns mapped, its record read.

The record (``BatchJob``) is in the database; its files are in ``<jobs_dir>/<id>/``: the upload
(``input.csv`` or ``input.parquet``), the result (``result.csv``) and what the reviewer reads
(``review.json``: the alerts with their explanations, the ignored cells). Deleting a job
deletes both, and a server that starts marks failed the jobs a dead process of its host had.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import uuid
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission, Role
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.batch.errors import TableError
from nonpro.batch.models import BatchJob
from nonpro.batch.rows import check_columns
from nonpro.batch.schemas import (
    RESULT_COLUMNS,
    SNAPSHOT_COLUMN,
    ColumnMapping,
    JobOut,
    JobReview,
    JobState,
)
from nonpro.batch.tables import PARQUET_SUFFIXES, count_rows, read_columns
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.errors import InvalidInput, NotFound

KIND = "bulk_screening"
_CHUNK_BYTES = 1024 * 1024
# Guesses of the column holding each fact, by its header (lower case, spaces and dashes as _).
_GUESSES = {
    "name": ("name", "full_name", "party", "party_name", "company", "entity", "entity_name"),
    "dob": ("dob", "date_of_birth", "birth_date", "birthdate", "born"),
    "country": ("country", "nationality", "country_code", "citizenship", "jurisdiction"),
    "entity_type_column": ("entity_type", "type", "schema", "kind"),
    "identifier": ("identifier", "identifiers", "passport", "passport_number", "imo", "id_number"),
}


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def job_dir(jobs_dir: Path, job_id: uuid.UUID) -> Path:
    return jobs_dir / str(job_id)


def input_path(jobs_dir: Path, job: JobOut) -> Path:
    suffix = ".parquet" if Path(job.file_name).suffix.lower() in PARQUET_SUFFIXES else ".csv"
    return job_dir(jobs_dir, job.id) / f"input{suffix}"


def _store(upload: BinaryIO, target: Path, max_bytes: int) -> str:
    """Copy the upload a chunk at a time, counted against ``max_bytes``; its SHA-256."""
    digest = hashlib.sha256()
    copied = 0
    with target.open("wb") as copy:
        while chunk := upload.read(_CHUNK_BYTES):
            copied += len(chunk)
            if copied > max_bytes:
                raise InvalidInput("file", f"larger than {max_bytes // 2**20} MiB")
            digest.update(chunk)
            copy.write(chunk)
    if copied == 0:
        raise InvalidInput("file", "the file is empty")
    return digest.hexdigest()


def create_job(
    upload: BinaryIO,
    file_name: str,
    *,
    session: Session,
    actor: Principal,
    jobs_dir: Path,
    max_bytes: int,
) -> JobOut:
    """Store an uploaded CSV or Parquet file for screening; its columns are mapped next."""
    require(actor, Permission.SCREEN)
    name = Path(file_name).name
    suffix = Path(name).suffix.lower()
    if suffix != ".csv" and suffix not in PARQUET_SUFFIXES:
        raise InvalidInput("file", "choose a .csv or .parquet file")
    job = BatchJob(
        id=uuid.uuid4(), kind=KIND, owner=actor.username, state=JobState.UPLOADED, file_name=name
    )
    folder = job_dir(jobs_dir, job.id)
    folder.mkdir(parents=True)
    try:
        target = folder / f"input{'.csv' if suffix == '.csv' else '.parquet'}"
        job.file_hash = _store(upload, target, max_bytes)
        try:
            job.columns = read_columns(target)
            job.rows_total = count_rows(target)
        except TableError as problem:
            raise InvalidInput("file", problem.problem.replace(str(target), name)) from None
        if not job.rows_total:
            raise InvalidInput("file", "the file has a header but no rows")
        clashes = [column for column in (*RESULT_COLUMNS, SNAPSHOT_COLUMN) if column in job.columns]
        if clashes:
            raise InvalidInput(
                "file", f"already has result columns {', '.join(clashes)}: rename or remove them"
            )
        session.add(job)
        session.flush()
        audit.record_by(
            session,
            actor,
            "batch.upload",
            f"batch_job:{job.id}",
            {"file": name, "sha256": job.file_hash, "rows": job.rows_total},
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return JobOut.model_validate(job)


def guess_mapping(columns: list[str]) -> ColumnMapping:
    """The columns that most likely hold each fact, by their headers; the user confirms."""
    by_key = {
        column.strip().lower().replace(" ", "_").replace("-", "_"): column for column in columns
    }
    found = {
        field: next((by_key[key] for key in keys if key in by_key), None)
        for field, keys in _GUESSES.items()
    }
    return ColumnMapping(
        name=found["name"] or columns[0],
        dob=found["dob"],
        country=found["country"],
        entity_type_column=found["entity_type_column"],
        identifier=found["identifier"],
    )


def _row(job_id: uuid.UUID | str, *, session: Session, reader: Principal) -> BatchJob:
    """The job, for its owner or an administrator; anyone else is told it does not exist."""
    try:
        key = job_id if isinstance(job_id, uuid.UUID) else uuid.UUID(str(job_id))
    except ValueError:
        raise NotFound("job", job_id) from None
    job = session.get(BatchJob, key)
    if job is None or (job.owner != reader.username and reader.role != Role.ADMIN):
        raise NotFound("job", job_id)
    return job


def job(job_id: uuid.UUID | str, *, session: Session, reader: Principal) -> JobOut:
    return JobOut.model_validate(_row(job_id, session=session, reader=reader))


def jobs(*, session: Session, reader: Principal, limit: int = 50) -> list[JobOut]:
    """The reader's own jobs, newest first."""
    query = (
        select(BatchJob)
        .where(BatchJob.owner == reader.username)
        .order_by(BatchJob.created_at.desc())
        .limit(limit)
    )
    return [JobOut.model_validate(row) for row in session.scalars(query)]


def start_job(
    job_id: uuid.UUID | str,
    mapping: ColumnMapping,
    *,
    threshold: float | None,
    session: Session,
    actor: Principal,
    jobs_dir: Path,
) -> JobOut:
    """Queue a stored file for screening with its columns mapped; the caller hands it to the
    runner once this is committed."""
    require(actor, Permission.SCREEN)
    row = _row(job_id, session=session, reader=actor)
    if row.state != JobState.UPLOADED:
        raise InvalidInput("job", f"already {row.state}; upload the file again to screen it again")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InvalidInput("threshold", "must be a number between 0 and 1")
    out = JobOut.model_validate(row)
    try:
        check_columns(input_path(jobs_dir, out), mapping)
    except TableError as problem:
        raise InvalidInput("name", problem.problem) from None
    row.mapping = mapping.model_dump(mode="json")
    row.threshold = threshold
    row.state = JobState.QUEUED
    row.worker = this_worker()
    session.flush()
    audit.record_by(session, actor, "batch.start", f"batch_job:{row.id}", {"mapping": row.mapping})
    return JobOut.model_validate(row)


def result_file(
    job_id: uuid.UUID | str, *, session: Session, reader: Principal, jobs_dir: Path
) -> Path:
    row = _row(job_id, session=session, reader=reader)
    if row.state != JobState.DONE or not row.result_file:
        raise NotFound("result of job", job_id)
    return jobs_dir / row.result_file


def review(
    job_id: uuid.UUID | str, *, session: Session, reader: Principal, jobs_dir: Path
) -> JobReview | None:
    """The alerts and ignored cells of a finished job; None before it is done."""
    row = _row(job_id, session=session, reader=reader)
    path = job_dir(jobs_dir, row.id) / "review.json"
    if row.state != JobState.DONE or not path.is_file():
        return None
    return JobReview.model_validate_json(path.read_text(encoding="utf-8"))


def delete_job(
    job_id: uuid.UUID | str, *, session: Session, actor: Principal, jobs_dir: Path
) -> None:
    """Remove a finished job and its files (a queued or running one finishes first)."""
    row = _row(job_id, session=session, reader=actor)
    if row.state in (JobState.QUEUED, JobState.RUNNING):
        raise InvalidInput("job", f"is {row.state}: delete it once it has finished")
    session.delete(row)
    session.flush()
    audit.record_by(session, actor, "batch.delete", f"batch_job:{row.id}", {"file": row.file_name})
    shutil.rmtree(job_dir(jobs_dir, row.id), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _abandoned(row: BatchJob, host: str) -> bool:
    worker_host, _, pid = row.worker.rpartition(":")
    return worker_host == host and pid.isdigit() and not _alive(int(pid))


def abandoned_jobs(*, session: Session) -> list[uuid.UUID]:
    """The jobs this host's dead server processes left queued or running: their runner went
    with them. Only reads, so a starting server can ask without taking the write lock."""
    host = socket.gethostname()
    query = select(BatchJob).where(BatchJob.state.in_([JobState.QUEUED, JobState.RUNNING]))
    return [row.id for row in session.scalars(query) if _abandoned(row, host)]


def fail_abandoned(*, session: Session) -> int:
    """Mark failed the jobs of ``abandoned_jobs``; jobs of live processes and of other hosts
    are left alone. Returns how many were marked."""
    host = socket.gethostname()
    marked = 0
    query = select(BatchJob).where(BatchJob.state.in_([JobState.QUEUED, JobState.RUNNING]))
    for row in session.scalars(query):
        if not _abandoned(row, host):
            continue
        row.error = (
            f"the server stopped while the job was {row.state} ({row.rows_done} rows done); "
            "upload the file again to screen it"
        )
        row.state = JobState.FAILED
        row.finished_at = utcnow()
        marked += 1
    session.flush()
    return marked


def expired_jobs(*, session: Session, keep_days: int) -> list[uuid.UUID]:
    """Jobs finished (or left unmapped) more than ``keep_days`` ago. Only reads."""
    cutoff = utcnow() - timedelta(days=keep_days)
    finished = BatchJob.state.in_([JobState.DONE, JobState.FAILED])
    query = select(BatchJob.id).where(
        (finished & (BatchJob.finished_at < cutoff))
        | ((BatchJob.state == JobState.UPLOADED) & (BatchJob.created_at < cutoff))
    )
    return list(session.scalars(query))


def delete_expired(*, session: Session, keep_days: int, jobs_dir: Path) -> int:
    """Delete the ``expired_jobs`` and their files, each in the audit log; how many."""
    expired = expired_jobs(session=session, keep_days=keep_days)
    for key in expired:
        row = session.get(BatchJob, key)
        if row is None:
            continue
        session.delete(row)
        audit.record(
            session,
            actor="system:retention",
            action="batch.expire",
            target=f"batch_job:{key}",
            payload={"file": row.file_name, "owner": row.owner, "keep_days": keep_days},
        )
    session.flush()
    for key in expired:
        shutil.rmtree(job_dir(jobs_dir, key), ignore_errors=True)
    return len(expired)
