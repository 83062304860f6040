"""Run partitions on a Dask cluster: a local one started here, or a running one by address.

The index is scattered to every worker once (``broadcast=True``) and each task receives the
future, so a task carries only its rows. At most a few partitions per worker are in flight, so
the driver never holds more than those rows in memory however long the file is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, as_completed

from nonpro.batch.executors import Partition, PartitionResult, Screening, screen_partition
from nonpro.batch.schemas import Scheduler

# distributed ships type hints only for part of its API: the calls below it leaves untyped are
# marked one by one rather than relaxing mypy for the whole module.
_IN_FLIGHT_PER_WORKER = 2  # one running, one queued: a worker never waits for the driver


class DaskExecutor:
    def __init__(self, scheduler: Scheduler, *, processes: bool = True) -> None:
        self.scheduler = scheduler
        # Scoring is pure Python and holds the GIL: one single-threaded process per worker.
        # Tests may use threads to start faster.
        self.processes = processes

    def _client(self, stack: ExitStack) -> Client:
        if self.scheduler.address:
            client: Client = Client(self.scheduler.address)  # type: ignore[no-untyped-call]
            stack.enter_context(client)
            return client
        # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its worker processes to return memory
        # sooner; the scorer allocates many small objects, and measured 35% slower with it.
        stack.enter_context(
            dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})
        )
        cluster = stack.enter_context(
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.scheduler.workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=":0",  # any free port: parallel runs never collide on 8787
                silence_logs=logging.WARNING,
            )
        )
        local: Client = Client(cluster)  # type: ignore[no-untyped-call]
        stack.enter_context(local)
        return local

    def run(
        self, partitions: Iterator[Partition], screening: Screening
    ) -> Iterator[PartitionResult]:
        with ExitStack() as stack:
            client = self._client(stack)
            workers = max(len(client.scheduler_info().get("workers", {})), 1)
            # Once per worker, not per task: each task gets the future, resolved on the worker.
            shared = client.scatter(screening.index, broadcast=True, hash=False)  # type: ignore[no-untyped-call]
            pending = as_completed()  # type: ignore[no-untyped-call]

            def submit(part: Partition) -> None:
                future: Future[Any] = client.submit(
                    screen_partition,
                    part.number,
                    part.start,
                    part.rows,
                    screening.mapping,
                    shared,
                    screening.threshold,
                    pure=False,
                )
                pending.add(future)  # type: ignore[no-untyped-call]

            for part in partitions:
                submit(part)
                in_flight: int = pending.count()  # type: ignore[no-untyped-call]
                if in_flight >= workers * _IN_FLIGHT_PER_WORKER:
                    break
            for future in pending:
                result: PartitionResult = future.result()
                following = next(partitions, None)
                if following is not None:
                    submit(following)
                yield result
