"""The background runner: screens a queued job's file in chunks, recording how far it got.

One worker thread per server process runs one job at a time; a job is handed to it once the
request that queued it has committed. The scoring is ``screen_row``'s, as the CLI's; each alert
is explained again with ``match`` for the reviewer (only alerts: explaining costs as much as
finding).
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from nonpro.batch.jobs import input_path, job_dir
from nonpro.batch.models import BatchJob
from nonpro.batch.rows import row_query, screen_row
from nonpro.batch.schemas import (
    RESULT_COLUMNS,
    SNAPSHOT_COLUMN,
    AlertRow,
    ColumnMapping,
    IgnoredCell,
    JobOut,
    JobReview,
    JobState,
)
from nonpro.batch.tables import TableWriter, iter_rows, read_columns
from nonpro.core.clock import utcnow
from nonpro.core.errors import NonproError
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.matching import match
from nonpro.screening.services import IndexProvider

logger = logging.getLogger(__name__)

Sessions = Callable[[], AbstractContextManager[Session]]
# The page shows at most this many alerts and ignored cells; the result file has them all.
REVIEW_LIMIT = 1000


def run_job(
    job_id: uuid.UUID,
    *,
    sessions: Sessions,
    provider: IndexProvider,
    jobs_dir: Path,
    chunk_rows: int = 500,
    reads: Sessions | None = None,
) -> None:
    """Run one queued job to the end: done with its result, or failed with the reason.

    ``reads`` opens sessions that only read (on SQLite they take no write lock): the index is
    built in one, as building it for every list takes seconds."""
    with (reads or sessions)() as session:
        loaded = provider.current(session=session)
    with sessions() as session:
        row = session.get(BatchJob, job_id)
        if row is None or row.state != JobState.QUEUED:
            return
        row.state = JobState.RUNNING
        row.started_at = utcnow()
        row.rows_done = 0
        row.snapshots = dict(loaded.index.snapshots)
        job = JobOut.model_validate(row)
        session.commit()

    def advance(done: int) -> None:
        with sessions() as session:
            progressing = session.get(BatchJob, job_id)
            if progressing is not None:
                progressing.rows_done = done
                session.commit()

    try:
        rows, alerts = _screen(job, loaded.index, jobs_dir, chunk_rows, advance)
    except Exception as exc:
        # A problem with the file is the user's to read; anything else is in the log.
        if not isinstance(exc, NonproError):
            logger.exception("bulk screening job %s failed", job_id)
        problem = exc.message if isinstance(exc, NonproError) else "internal error (see the log)"
        # The user knows the file by the name it was sent with, not the server's copy.
        problem = problem.replace(str(input_path(jobs_dir, job)), job.file_name)
        _finish(job_id, sessions, state=JobState.FAILED, error=problem)
        return
    _finish(
        job_id,
        sessions,
        state=JobState.DONE,
        rows_done=rows,
        alerts=alerts,
        result_file=f"{job.id}/result.csv",
    )


def _finish(job_id: uuid.UUID, sessions: Sessions, **values: Any) -> None:
    with sessions() as session:
        row = session.get(BatchJob, job_id)
        if row is None:
            return
        for key, value in values.items():
            setattr(row, key, value)
        row.finished_at = utcnow()
        session.commit()


def _screen(
    job: JobOut,
    index: ScreeningIndex,
    jobs_dir: Path,
    chunk_rows: int,
    advance: Callable[[int], None],
) -> tuple[int, int]:
    """Write ``result.csv`` and ``review.json``; the rows screened and the alerts found."""
    mapping = job.mapping or ColumnMapping()
    source = input_path(jobs_dir, job)
    folder = job_dir(jobs_dir, job.id)
    writer = TableWriter(
        folder / "result.csv", [*read_columns(source), *RESULT_COLUMNS, SNAPSHOT_COLUMN]
    )
    review = JobReview(alerts=[], ignored=[])
    rows = alerts = 0
    try:
        for line, row in enumerate(iter_rows(source), start=2):
            result = screen_row(
                row, line=line, mapping=mapping, index=index, threshold=job.threshold
            )
            top_list = result["top_list"]
            snapshot = index.snapshots.get(top_list) if top_list else None
            writer.write({**row, **result, SNAPSHOT_COLUMN: snapshot})
            rows += 1
            if result["alert"] or result["ignored"]:
                _note(review, row, line, mapping, index, job.threshold)
            alerts += result["alert"]
            if rows % chunk_rows == 0:
                advance(rows)
        writer.close()
    except BaseException:
        writer.abort()
        raise
    review.alerts_cut = alerts > len(review.alerts)
    (folder / "review.json").write_text(review.model_dump_json(), encoding="utf-8")
    return rows, alerts


def _note(
    review: JobReview,
    row: dict[str, Any],
    line: int,
    mapping: ColumnMapping,
    index: ScreeningIndex,
    threshold: float | None,
) -> None:
    """Keep the row's alert, explained, and its ignored cells, up to ``REVIEW_LIMIT`` each."""
    query, ignored = row_query(row, mapping)
    for cell in ignored:
        if len(review.ignored) >= REVIEW_LIMIT:
            review.ignored_cut = True
            break
        column, _, problem = cell.partition(": ")
        review.ignored.append(IgnoredCell(line=line, column=column, problem=problem))
    if query is None or len(review.alerts) >= REVIEW_LIMIT:
        return
    hits = [hit for hit in match(query, index, threshold=threshold) if hit.alert]
    if hits:
        review.alerts.append(AlertRow(line=line, name=query.name, hits=hits))


class JobRunner(Protocol):
    """Runs queued jobs; ``submit`` only once the job's queueing is committed."""

    def submit(self, job_id: uuid.UUID) -> None: ...


class ThreadJobRunner:
    """One worker thread, started with the first job, running queued jobs one at a time."""

    def __init__(self, run: Callable[[uuid.UUID], None]) -> None:
        self._run = run
        self._queue: queue.Queue[uuid.UUID] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job_id: uuid.UUID) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="nonpro-batch-jobs", daemon=True
                )
                self._thread.start()
        self._queue.put(job_id)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                self._run(job_id)
            except Exception:  # a thread's failure would otherwise go unseen
                logger.exception("bulk screening job %s could not be run", job_id)
