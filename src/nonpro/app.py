"""The one ASGI application: the JSON API under /api and the server-rendered pages."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.middleware.sessions import SessionMiddleware

from nonpro import __version__
from nonpro.accounts.errors import PasswordChangeRequired
from nonpro.accounts.throttle import SignInThrottle
from nonpro.api.errors import api_error_response
from nonpro.api.routes import api_router
from nonpro.batch import services as batch
from nonpro.core.db import (
    check_connection,
    failure_reason,
    make_engine,
    make_session_factory,
    reading_engine,
    transaction,
)
from nonpro.core.errors import NonproError
from nonpro.core.logging import milliseconds_since
from nonpro.core.settings import Settings, get_settings, resolve_secret_key
from nonpro.http.api_docs import api_docs_endpoint
from nonpro.http.body_limit import BodyLimitMiddleware
from nonpro.http.errors import status_for
from nonpro.http.headers import SecurityHeadersMiddleware
from nonpro.http.invalid_requests import invalid_request_response, request_problem
from nonpro.http.signin import CHANGE_PASSWORD_PATH
from nonpro.screening.matching import warm_up_matching
from nonpro.screening.services import IndexProvider
from nonpro.web.rendering import render_error
from nonpro.web.request_log import RequestLogMiddleware
from nonpro.web.routes import web_router
from nonpro.wiring import install as install_checks

STATIC_DIR = Path(__file__).resolve().parent / "web" / "static"
SESSION_COOKIE = "nonpro_session"
OPENAPI_URL = "/api/openapi.json"

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app; tests pass their own settings and engine, ``nonpro serve`` passes none."""
    install_checks()
    settings = settings or get_settings()
    if engine is None:
        engine = make_engine(settings.database_url, create_missing=False)
        check_connection(engine)
    app = FastAPI(
        lifespan=_lifespan,
        title="nonpro",
        version=__version__,
        description="Nonproliferation workbench API. Authenticate with `Authorization: Bearer "
        "<token>` (create one with `nonpro tokens create USER`).",
        docs_url=None,  # FastAPI's page needs a CDN and an inline script: ours below
        redoc_url=None,
        openapi_url=OPENAPI_URL,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.index_provider = IndexProvider()
    app.state.job_runner = batch.ThreadJobRunner(
        functools.partial(
            batch.run_job,
            sessions=app.state.session_factory,
            reads=make_session_factory(reading_engine(engine)),
            provider=app.state.index_provider,
            jobs_dir=settings.jobs_dir,
        )
    )
    app.state.sign_in_throttle = SignInThrottle(
        attempts=settings.sign_in_attempts,
        address_attempts=settings.sign_in_address_attempts,
        window_seconds=settings.sign_in_window,
    )
    # The cookie holds only the key of a server-side session (nonpro.accounts.sessions), which
    # enforces the idle and absolute limits; the cookie's own max age is the idle one.
    app.add_middleware(
        SessionMiddleware,
        secret_key=resolve_secret_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies == "always",
    )
    # Added last, so it wraps the session middleware and sees the cookie it sets.
    app.add_middleware(SecurityHeadersMiddleware, secure_cookies=settings.secure_cookies)
    # Before sign-in, sessions and parsing: a body over the cap is never read (413).
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    # Outermost: times the whole request and sees the status the client gets.
    app.add_middleware(RequestLogMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_route("/docs", api_docs_endpoint(OPENAPI_URL, app.title), include_in_schema=False)
    app.include_router(api_router)
    app.include_router(web_router)
    app.add_exception_handler(NonproError, _handle_domain_error)
    app.add_exception_handler(RequestValidationError, _handle_invalid_request)
    app.add_exception_handler(OperationalError, _handle_storage_failure)
    return app


STORAGE_FAILURE_MESSAGE = (
    "The database cannot be used just now; nothing was changed. Try again shortly, and if it "
    "persists tell the administrator (the server log has the details)."
)


async def _handle_storage_failure(request: Request, error: Exception) -> Response:
    """The database is gone, unreadable, read-only, down or busy past its timeout: 503 with a
    log line naming the cause (the client sees no path or driver detail), never a bare 500."""
    assert isinstance(error, OperationalError)
    logger.error(
        "database unavailable for %s %s: %s",
        request.method,
        request.url.path,
        failure_reason(error),
    )
    headers = {"Retry-After": "5"}
    if request.url.path.startswith("/api"):
        body = {"error": {"type": "StorageUnavailable", "message": STORAGE_FAILURE_MESSAGE}}
        return JSONResponse(body, status_code=503, headers=headers)
    return render_error(request, status=503, message=STORAGE_FAILURE_MESSAGE, headers=headers)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
    _tidy_jobs(app)
    if settings.warm_index:
        _warm_index(app)
    yield


def _tidy_jobs(app: FastAPI) -> None:
    """Jobs a dead server process of this host left queued or running will never finish: mark
    them failed, saying so; delete the jobs finished longer ago than ``jobs_keep_days``, with
    their files. Asked first without the write lock, taken only when there is work."""
    engine: Engine = app.state.engine
    settings: Settings = app.state.settings
    keep_days = settings.jobs_keep_days
    try:
        with make_session_factory(reading_engine(engine))() as session:
            abandoned = batch.abandoned_jobs(session=session)
            expired = batch.expired_jobs(session=session, keep_days=keep_days)
        if not abandoned and not expired:
            return
        with transaction(app.state.session_factory) as session:
            marked = batch.fail_abandoned(session=session)
            deleted = batch.delete_expired(
                session=session, keep_days=keep_days, jobs_dir=settings.jobs_dir
            )
    except Exception:  # the server still starts: its pages say when the database is unusable
        # A warning: the check is a courtesy, and a database not yet migrated fails it too.
        logger.warning(
            "could not tidy the bulk screening jobs (left by a stopped server, expired)",
            exc_info=True,
        )
        return
    if marked:
        logger.warning("%d bulk screening job(s) left by a stopped server marked failed", marked)
    if deleted:
        logger.info("%d bulk screening job(s) older than %d days deleted", deleted, keep_days)


def _warm_index(app: FastAPI) -> None:
    """Build the screening index (and load the compiled scorers) in the background as the worker
    starts, so the first screening request does not wait for them; a failure only means the
    first request does that work."""

    def build() -> None:
        started = time.perf_counter()
        try:
            warm_up_matching()
            with app.state.session_factory() as session:
                app.state.index_provider.current(session=session)
        except Exception:  # a thread's failure would otherwise go unseen
            logger.exception(
                "screening index warm-up failed; the first screening request will build it"
            )
            return
        duration_ms = milliseconds_since(started)
        logger.info(
            "screening index warmed up in %.1f ms", duration_ms, extra={"duration_ms": duration_ms}
        )

    threading.Thread(target=build, name="nonpro-index-warmup", daemon=True).start()


async def _handle_invalid_request(request: Request, error: Exception) -> Response:
    """A request FastAPI could not parse: a 422 naming the field, never echoing the value."""
    assert isinstance(error, RequestValidationError)
    if request.url.path.startswith("/api"):
        return invalid_request_response(error)
    return render_error(request, status=422, message=request_problem(error).message)


async def _handle_domain_error(request: Request, error: Exception) -> Response:
    """Every domain error, mapped once: JSON under /api, a page (or the sign-in) elsewhere."""
    assert isinstance(error, NonproError)
    if request.url.path.startswith("/api"):
        return api_error_response(error)
    status = status_for(error)
    if isinstance(error, PasswordChangeRequired):
        return RedirectResponse(CHANGE_PASSWORD_PATH, status_code=303)
    if status == 401:
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)
    return render_error(request, status=status, message=error.message)
