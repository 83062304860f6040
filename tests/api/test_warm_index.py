"""A server worker builds the screening index as it starts, before anyone screens."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.app import create_app
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner
from nonpro.screening import snapshots


def test_the_index_is_built_at_start_up(
    tmp_path: Path, shared_data: Path, operator: Principal
) -> None:
    url = f"sqlite:///{tmp_path / 'warm.db'}"
    engine = make_engine(url)
    runner.upgrade(engine)
    with Session(engine) as session:
        snapshots.load_from_path(
            shared_data / "lists/un_2026-02", source=None, origin="test", session=session,
            actor=operator,
        )  # fmt: skip
        session.commit()
    app = create_app(Settings(database_url=url, secret_key="warm-" + "x" * 40), engine)
    with TestClient(app):
        deadline = time.monotonic() + 60
        while app.state.index_provider._loaded is None and time.monotonic() < deadline:
            time.sleep(0.05)
        loaded = app.state.index_provider._loaded
        assert loaded is not None and "un" in loaded.index.snapshots
    engine.dispose()
