"""The database page for administrators: download a consistent backup.

Restoring stays a command (`nonpro db restore`): it replaces the database under every signed-in
user, so it is done with the server stopped, not from a page the server itself serves.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask

from nonpro.core import audit
from nonpro.core import backup as backups
from nonpro.core.clock import utcnow
from nonpro.core.db import backend_name
from nonpro.core.errors import NonproError
from nonpro.http.downloads import attachment_headers
from nonpro.http.signin import PageUserManager
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import refuse
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute, prefix="/admin")
TEMPLATE = "admin/database.html"


def _page(session: SessionDep) -> dict[str, str]:
    return {"backend": backend_name(session.get_bind().engine)}


@router.get("/database", response_class=HTMLResponse)
def database_page(request: Request, session: SessionDep, _: PageUserManager) -> Response:
    return render(request, TEMPLATE, _page(session))


@router.post("/database/backup", dependencies=CSRF)
def download_backup(request: Request, session: SessionDep, actor: PageUserManager) -> Response:
    """A consistent copy of the whole database, written beside nothing and sent as a file."""
    engine = session.get_bind().engine
    folder = Path(tempfile.mkdtemp(prefix="nonpro-backup-"))
    suffix = "sqlite" if engine.url.get_backend_name() == "sqlite" else "pgdump"
    name = f"nonpro-{utcnow():%Y%m%d-%H%M%S}.{suffix}"
    try:
        backups.backup(engine, folder / name)
    except NonproError as problem:
        shutil.rmtree(folder, ignore_errors=True)
        return refuse(request, session, problem, TEMPLATE, lambda: _page(session), status=503)
    size = (folder / name).stat().st_size
    audit.record_by(session, actor, "db.backup", "database", {"file": name, "bytes": size})
    return FileResponse(
        folder / name,
        media_type="application/octet-stream",
        headers=attachment_headers(name),
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
