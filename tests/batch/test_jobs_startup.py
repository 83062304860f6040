"""A server that starts marks failed the jobs a dead server process of its host left running."""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.app import create_app
from nonpro.batch.jobs import this_worker
from nonpro.batch.models import BatchJob
from nonpro.batch.schemas import JobState
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner


def test_startup_fails_the_jobs_a_dead_server_left_running(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    engine = make_engine(url)
    runner.upgrade(engine)
    host = this_worker().rsplit(":", 1)[0]
    dead, live = uuid.uuid4(), uuid.uuid4()
    with Session(engine) as session:
        for key, worker in ((dead, f"{host}:999999999"), (live, this_worker())):
            session.add(
                BatchJob(
                    id=key,
                    kind="bulk_screening",
                    owner="ana",
                    state=JobState.RUNNING,
                    file_name="p.csv",
                    file_hash="0" * 64,
                    worker=worker,
                )
            )
        session.commit()
    settings = Settings(database_url=url, secret_key="restart-" + "x" * 40, warm_index=False)
    with TestClient(create_app(settings, engine)), Session(engine) as session:
        stopped, running = session.get(BatchJob, dead), session.get(BatchJob, live)
        assert stopped is not None and running is not None
        assert stopped.state == JobState.FAILED and "server stopped" in stopped.error
        assert stopped.finished_at is not None
        assert running.state == JobState.RUNNING  # this process is alive: its job is left alone
    engine.dispose()
