"""Parameters every router shares: the screening index, and calendar years within bounds."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from nonpro.batch.services import JobRunner
from nonpro.screening.services import IndexProvider


async def index_provider(request: Request) -> IndexProvider:
    provider: IndexProvider = request.app.state.index_provider
    return provider


IndexDep = Annotated[IndexProvider, Depends(index_provider)]


async def job_runner(request: Request) -> JobRunner:
    """The app's background runner of bulk screening jobs (tests swap in one that runs inline)."""
    runner: JobRunner = request.app.state.job_runner
    return runner


JobRunnerDep = Annotated[JobRunner, Depends(job_runner)]


# A calendar year in a query or a path: bounded, so a stray 10**20 is a 422 naming ``year``
# rather than an overflow in the database driver.
FIRST_YEAR, LAST_YEAR = 1900, 2200
YearQuery = Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]
OptionalYearQuery = Annotated[
    int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")
]
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]

# An import's ``strict``: by default the good rows are stored and the bad ones listed in the
# answer's ``report.refused``; strict stores nothing when any row is bad (a 422 listing them).
StrictQuery = Annotated[
    bool,
    Query(description="store nothing if any row is bad (default: store the good rows)"),
]
