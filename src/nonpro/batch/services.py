"""Screen every row of a file against the active lists and write the rows back with the result.

The scoring is the screening capability's own (``rank``, which is ``match`` without the hits'
explanations): a file screening and a single screening of the same party give the same answer.
"""

from __future__ import annotations

from pathlib import Path

from nonpro.batch.executors import executor_for as executor_for
from nonpro.batch.jobs import abandoned_jobs as abandoned_jobs
from nonpro.batch.jobs import create_job as create_job
from nonpro.batch.jobs import delete_expired as delete_expired
from nonpro.batch.jobs import delete_job as delete_job
from nonpro.batch.jobs import expired_jobs as expired_jobs
from nonpro.batch.jobs import fail_abandoned as fail_abandoned
from nonpro.batch.jobs import guess_mapping as guess_mapping
from nonpro.batch.jobs import job as job
from nonpro.batch.jobs import jobs as jobs
from nonpro.batch.jobs import result_file as result_file
from nonpro.batch.jobs import review as review
from nonpro.batch.jobs import start_job as start_job
from nonpro.batch.partitioned import screen_file_partitioned as screen_file_partitioned
from nonpro.batch.rows import RowProgress, check_columns, screen_row
from nonpro.batch.runner import JobRunner as JobRunner
from nonpro.batch.runner import ThreadJobRunner as ThreadJobRunner
from nonpro.batch.runner import run_job as run_job
from nonpro.batch.schemas import RESULT_COLUMNS, BulkSummary, ColumnMapping
from nonpro.batch.tables import TableWriter, iter_rows
from nonpro.batch.tables import count_rows as count_rows
from nonpro.screening.index import ScreeningIndex


def screen_file(
    source: Path,
    output: Path,
    *,
    mapping: ColumnMapping,
    index: ScreeningIndex,
    threshold: float | None = None,
    progress: RowProgress | None = None,
) -> BulkSummary:
    """Screen each row of ``source`` (CSV or Parquet); ``output`` appears only when complete.

    The reference path, row by row in this process; `nonpro.batch.partitioned` must give the
    same file.
    """
    columns = check_columns(source, mapping)
    writer = TableWriter(output, [*columns, *RESULT_COLUMNS])
    rows = alerts = 0
    try:
        for line, row in enumerate(iter_rows(source), start=2):
            result = screen_row(row, line=line, mapping=mapping, index=index, threshold=threshold)
            writer.write({**row, **result})
            rows += 1
            alerts += result["alert"]
            if progress:
                progress(rows)
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return BulkSummary(rows=rows, alerts=alerts, output=str(output))
