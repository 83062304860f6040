"""A server that starts tidies the jobs: those a dead server process of its host left running
are marked failed, those finished longer ago than NONPRO_JOBS_KEEP_DAYS are deleted."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.app import create_app
from nonpro.batch.jobs import this_worker
from nonpro.batch.models import BatchJob
from nonpro.batch.schemas import JobState
from nonpro.core.audit import AuditEntry
from nonpro.core.clock import utcnow
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner


def _job(**values: Any) -> BatchJob:
    return BatchJob(
        id=uuid.uuid4(),
        kind="bulk_screening",
        owner="ana",
        file_name="p.csv",
        file_hash="0" * 64,
        **values,
    )


def test_startup_fails_abandoned_jobs_and_deletes_expired_ones(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    engine = make_engine(url)
    runner.upgrade(engine)
    host = this_worker().rsplit(":", 1)[0]
    long_ago = utcnow() - timedelta(days=31)
    dead = _job(state=JobState.RUNNING, worker=f"{host}:999999999")
    live = _job(state=JobState.RUNNING, worker=this_worker())
    expired = _job(state=JobState.DONE, finished_at=long_ago, created_at=long_ago)
    recent = _job(state=JobState.DONE, finished_at=utcnow() - timedelta(days=29))
    jobs_dir = tmp_path / "jobs"
    for job in (expired, recent):
        (jobs_dir / str(job.id)).mkdir(parents=True)
    with Session(engine, expire_on_commit=False) as session:
        session.add_all([dead, live, expired, recent])
        session.commit()
    settings = Settings(
        database_url=url, secret_key="restart-" + "x" * 40, warm_index=False, jobs_dir=jobs_dir
    )
    with TestClient(create_app(settings, engine)), Session(engine) as session:
        stopped, running = session.get(BatchJob, dead.id), session.get(BatchJob, live.id)
        assert stopped is not None and running is not None
        assert stopped.state == JobState.FAILED and "server stopped" in stopped.error
        assert stopped.finished_at is not None
        assert running.state == JobState.RUNNING  # this process is alive: its job is left alone
        assert session.get(BatchJob, expired.id) is None
        assert session.get(BatchJob, recent.id) is not None
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "batch.expire" in actions
    assert not (jobs_dir / str(expired.id)).exists() and (jobs_dir / str(recent.id)).is_dir()
    engine.dispose()
