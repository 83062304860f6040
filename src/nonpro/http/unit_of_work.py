"""The request's unit of work: one session, one transaction, committed or discarded here only.

Every route of every router (``APIRouter(route_class=SessionRoute)``) gets its session from
``unit_of_work``. A handler that refuses what it was sent after it wrote (a form shown again
with its errors) calls ``uow.discard()``; nothing else decides. ``UnitOfWork.end`` then
commits, or rolls back a discarded unit, and it is the only place that does either for a
request (the sign-in check ends its own short transaction through it too).

Where the transaction ends, and why there:

- **The handler's own thread.** FastAPI runs a plain ``def`` handler on the request thread
  pool, and then, still before the dependencies' exit code runs, checks its return value
  against the response model on that pool again. A request whose session still held its
  connection at that point waited for a thread while holding the connection; on a busy server
  every connection could end up held by requests waiting for a thread while every thread waited
  for a connection, and nothing moved until the pool timed out. So ``SessionRoute`` ends the
  transaction on the handler's thread, on its way out.
- **Off the request pool, shielded.** ``unit_of_work`` still closes the session after the
  response is built, and ends anything opened later (an async handler, a lazy load while the
  response was built) on a thread of its own: a commit that waited for a free request thread,
  while every thread waits for a connection or a row lock this transaction holds, would never
  come. Shielded, so a dropped client still commits or rolls back, never leaves the connection
  mid-transaction.
- **Before the response.** The dependency has ``scope="function"``: the commit happens before
  the response goes out, so a client that sees 200 can rely on the write being stored.
- **An exception** raised through the handler rolls everything back, whatever it was.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from typing import Annotated, Any

from anyio import CancelScope, CapacityLimiter, to_thread
from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from nonpro.core.db import reading_engine
from nonpro.http.invalid_requests import refuse_unrepresentable_json

_UNIT_KEY = "nonpro.unit_of_work"


class UnitOfWork:
    """One request's session and the decision to keep or discard what it wrote."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._discarded = False
        session.info[_UNIT_KEY] = self

    @classmethod
    def of(cls, session: Session) -> UnitOfWork:
        """The unit ``session`` belongs to (a session made outside a request gets its own)."""
        unit = session.info.get(_UNIT_KEY)
        return unit if isinstance(unit, UnitOfWork) else cls(session)

    @property
    def discarded(self) -> bool:
        return self._discarded

    def discard(self) -> None:
        """Keep nothing this request wrote or still writes: rolled back now (a refused form is
        shown again from what is stored, and a failed flush leaves the session usable), and
        whatever it reads or writes after this ends in a rollback too."""
        self._discarded = True
        self.session.rollback()

    def end(self) -> None:
        """End the transaction under way: committed, or rolled back if the unit was discarded."""
        if self._discarded:
            self.session.rollback()
        else:
            self.session.commit()

    def fail(self) -> None:
        """Roll back after an exception: nothing of a failed request is kept."""
        self.session.rollback()


def _finish(unit: UnitOfWork, *, failed: bool) -> None:
    try:
        if failed:
            unit.fail()
        else:
            unit.end()
    finally:
        unit.session.close()


async def _finish_off_the_pool(unit: UnitOfWork, *, failed: bool) -> None:
    # See the module docstring: not on the request pool, and shielded.
    with CancelScope(shield=True):
        await to_thread.run_sync(
            functools.partial(_finish, unit, failed=failed), limiter=CapacityLimiter(1)
        )


async def unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    """One request, one unit of work: its transaction ends before the response is sent.

    Usually ``SessionRoute`` has ended it already on the handler's thread, and all that is left
    is closing the session. Async on purpose: a session with nothing open is closed without
    I/O, so the usual request costs no extra thread hop. Tests override this dependency to run
    requests in their own rolled-back session.
    """
    unit = UnitOfWork(_session_for(request))
    try:
        yield unit
    except BaseException:
        await _finish_off_the_pool(unit, failed=True)
        raise
    if unit.session.in_transaction():
        await _finish_off_the_pool(unit, failed=False)
    else:
        unit.session.close()


# Methods that change nothing (RFC 9110's safe methods): their requests read, and on SQLite
# need not queue for the write lock (``nonpro.core.db.reading_engine``).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _session_for(request: Request) -> Session:
    factory = request.app.state.session_factory
    if request.method in SAFE_METHODS:
        return factory(bind=reading_engine(request.app.state.engine))  # type: ignore[no-any-return]
    return factory()  # type: ignore[no-any-return]


UnitOfWorkDep = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]


async def request_session(unit: UnitOfWorkDep) -> Session:
    return unit.session


SessionDep = Annotated[Session, Depends(request_session)]


def _units_in(values: Iterable[object]) -> list[UnitOfWork]:
    units: list[UnitOfWork] = []
    for value in values:
        unit = UnitOfWork.of(value) if isinstance(value, Session) else value
        if isinstance(unit, UnitOfWork) and unit not in units:
            units.append(unit)
    return units


def _ending_transactions(handler: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        result = handler(*args, **kwargs)
        for unit in _units_in(kwargs.values()):
            unit.end()
        return result

    return run


class SessionRoute(APIRoute):
    """The route class of every nonpro router: a plain handler's thread ends its transaction,
    and a JSON body holding a value no schema should see (``nonpro.http.invalid_requests``) is
    refused before the handler's parameters are read."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _ending_transactions(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def checked(request: Request) -> Response:
            await refuse_unrepresentable_json(request)
            return await handle(request)

        return checked
