"""Bulk screening jobs: the upload stored, the columns mapped, the runner's result, on both
databases."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.batch import services as batch
from nonpro.batch.jobs import this_worker
from nonpro.batch.models import BatchJob
from nonpro.batch.schemas import ColumnMapping, JobOut, JobState
from nonpro.core.errors import InvalidInput, NotFound, PermissionDenied
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider

ANA = Principal(username="ana", role=Role.ANALYST)
BEN = Principal(username="ben", role=Role.ANALYST)
ADMIN = Principal(username="root", role=Role.ADMIN)

PARTIES = (
    "customer,full_name,birth_date,nationality\n"
    "1,Mohammad Reza Naqdi,1952,IR\n"
    "2,Ann Example,5 May 1960,GB\n"
    "3,Jane Q Nobody,1990-01-02,US\n"
)


@pytest.fixture
def jobs_dir(tmp_path: Path) -> Path:
    return tmp_path / "jobs"


def _upload(
    session: Session, jobs_dir: Path, text: str = PARTIES, name: str = "parties.csv"
) -> JobOut:
    return batch.create_job(
        io.BytesIO(text.encode()),
        name,
        session=session,
        actor=ANA,
        jobs_dir=jobs_dir,
        max_bytes=2**20,
    )


def _sessions(session: Session) -> Callable[[], AbstractContextManager[Session]]:
    """The runner's sessions, all the test's own: its commits are savepoints."""

    def opened() -> AbstractContextManager[Session]:
        return nullcontext(session)

    return opened


def test_upload_stores_the_file_and_guesses_the_columns(
    db_session: Session, jobs_dir: Path
) -> None:
    job = _upload(db_session, jobs_dir)
    assert job.state == JobState.UPLOADED and job.rows_total == 3
    assert job.columns == ["customer", "full_name", "birth_date", "nationality"]
    assert (jobs_dir / str(job.id) / "input.csv").read_text() == PARTIES
    guess = batch.guess_mapping(job.columns)
    assert (guess.name, guess.dob, guess.country) == ("full_name", "birth_date", "nationality")


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("parties.xlsx", PARTIES, ".csv or .parquet"),
        ("parties.csv", "", "empty"),
        ("parties.csv", "name\n", "no rows"),
        ("parties.csv", "name,alert\nA,1\n", "result columns alert"),
        ("parties.parquet", "not parquet", "Parquet"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field_and_leaves_nothing(
    db_session: Session, jobs_dir: Path, name: str, text: str, problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _upload(db_session, jobs_dir, text, name)
    assert refused.value.field == "file" and problem in refused.value.problem
    assert not any(jobs_dir.glob("*/*"))


def test_a_file_over_the_limit_is_refused(db_session: Session, jobs_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="larger than 1 MiB"):
        batch.create_job(
            io.BytesIO(b"name\n" + b"x" * 2**20),
            "big.csv",
            session=db_session,
            actor=ANA,
            jobs_dir=jobs_dir,
            max_bytes=2**20,
        )


def test_a_reader_without_screening_cannot_upload(db_session: Session, jobs_dir: Path) -> None:
    with pytest.raises(PermissionDenied):
        batch.create_job(
            io.BytesIO(PARTIES.encode()),
            "p.csv",
            session=db_session,
            actor=Principal(username="viewer", role=Role.VIEWER),
            jobs_dir=jobs_dir,
            max_bytes=2**20,
        )


def test_only_the_owner_and_admins_see_a_job(db_session: Session, jobs_dir: Path) -> None:
    job = _upload(db_session, jobs_dir)
    assert batch.job(job.id, session=db_session, reader=ADMIN).id == job.id
    with pytest.raises(NotFound):
        batch.job(job.id, session=db_session, reader=BEN)
    with pytest.raises(NotFound):
        batch.job("not-a-uuid", session=db_session, reader=ANA)
    assert batch.jobs(session=db_session, reader=BEN) == []


def test_the_runner_screens_the_file_with_alerts_explained_and_bad_cells_named(
    db_session: Session, jobs_dir: Path, un_list: ParsedList
) -> None:
    job = _upload(db_session, jobs_dir)
    mapping = ColumnMapping(name="full_name", dob="birth_date", country="nationality")
    started = batch.start_job(
        job.id, mapping, threshold=None, session=db_session, actor=ANA, jobs_dir=jobs_dir
    )
    assert started.state == JobState.QUEUED
    batch.run_job(
        job.id,
        sessions=_sessions(db_session),
        provider=IndexProvider(),
        jobs_dir=jobs_dir,
        chunk_rows=1,
    )
    done = batch.job(job.id, session=db_session, reader=ANA)
    assert done.state == JobState.DONE, done.error
    assert (done.rows_done, done.alerts) == (3, 1)
    assert "un" in "".join(done.snapshots) and done.finished_at is not None
    review = batch.review(job.id, session=db_session, reader=ANA, jobs_dir=jobs_dir)
    assert review is not None
    (alert,) = review.alerts
    assert alert.line == 2 and alert.name == "Mohammad Reza Naqdi"
    assert "NAQDI" in alert.hits[0].name.upper() and alert.hits[0].explanation
    (cell,) = review.ignored
    assert (cell.line, cell.column) == (3, "birth_date")
    path = batch.result_file(job.id, session=db_session, reader=ANA, jobs_dir=jobs_dir)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [row["alert"] for row in rows] == ["True", "False", "False"]
    assert rows[0]["top_snapshot"] == done.snapshots[rows[0]["top_list"]]
    assert rows[1]["ignored"].startswith("birth_date:")


def test_a_job_whose_file_cannot_be_read_fails_with_the_reason(
    db_session: Session, jobs_dir: Path, un_list: ParsedList
) -> None:
    job = _upload(db_session, jobs_dir)
    batch.start_job(
        job.id,
        ColumnMapping(name="full_name"),
        threshold=0.9,
        session=db_session,
        actor=ANA,
        jobs_dir=jobs_dir,
    )
    (jobs_dir / str(job.id) / "input.csv").write_bytes(b"customer,full_name\n1,A,extra\n")
    batch.run_job(
        job.id, sessions=_sessions(db_session), provider=IndexProvider(), jobs_dir=jobs_dir
    )
    failed = batch.job(job.id, session=db_session, reader=ANA)
    assert failed.state == JobState.FAILED
    assert failed.error == "parties.csv: line 2 has more cells than the header"
    with pytest.raises(NotFound):
        batch.result_file(job.id, session=db_session, reader=ANA, jobs_dir=jobs_dir)


def test_a_mapping_naming_a_missing_column_is_refused(db_session: Session, jobs_dir: Path) -> None:
    job = _upload(db_session, jobs_dir)
    with pytest.raises(InvalidInput, match="missing nope"):
        batch.start_job(
            job.id,
            ColumnMapping(name="nope"),
            threshold=None,
            session=db_session,
            actor=ANA,
            jobs_dir=jobs_dir,
        )
    assert batch.job(job.id, session=db_session, reader=ANA).state == JobState.UPLOADED


@pytest.fixture
def stale_job(db_session: Session) -> Iterator[BatchJob]:
    """A job a server process that is no longer alive left running."""
    row = BatchJob(
        id=uuid.uuid4(),
        kind="bulk_screening",
        owner="ana",
        state=JobState.RUNNING,
        file_name="p.csv",
        file_hash="0" * 64,
        rows_done=7,
        worker=this_worker().rsplit(":", 1)[0] + ":999999999",
    )
    db_session.add(row)
    db_session.flush()
    yield row


def test_a_job_left_running_by_a_dead_server_is_marked_failed(
    db_session: Session, jobs_dir: Path, stale_job: BatchJob
) -> None:
    live = _upload(db_session, jobs_dir)
    batch.start_job(
        live.id,
        ColumnMapping(name="full_name"),
        threshold=None,
        session=db_session,
        actor=ANA,
        jobs_dir=jobs_dir,
    )
    assert batch.abandoned_jobs(session=db_session) == [stale_job.id]
    assert batch.fail_abandoned(session=db_session) == 1
    failed = batch.job(stale_job.id, session=db_session, reader=ANA)
    assert failed.state == JobState.FAILED and "server stopped" in failed.error
    assert batch.job(live.id, session=db_session, reader=ANA).state == JobState.QUEUED


def test_deleting_a_job_removes_its_files(db_session: Session, jobs_dir: Path) -> None:
    job = _upload(db_session, jobs_dir)
    batch.delete_job(job.id, session=db_session, actor=ANA, jobs_dir=jobs_dir)
    assert not (jobs_dir / str(job.id)).exists()
    with pytest.raises(NotFound):
        batch.job(job.id, session=db_session, reader=ANA)


def test_a_parquet_file_is_screened_too(
    db_session: Session, jobs_dir: Path, un_list: ParsedList, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = tmp_path / "parties.parquet"
    pq.write_table(pa.table({"name": ["Mohammad Reza Naqdi", "Jane Q Nobody"]}), source)
    with source.open("rb") as upload:
        job = batch.create_job(
            upload,
            "parties.parquet",
            session=db_session,
            actor=ANA,
            jobs_dir=jobs_dir,
            max_bytes=2**20,
        )
    assert (job.columns, job.rows_total) == (["name"], 2)
    batch.start_job(
        job.id, ColumnMapping(), threshold=None, session=db_session, actor=ANA, jobs_dir=jobs_dir
    )
    batch.run_job(
        job.id, sessions=_sessions(db_session), provider=IndexProvider(), jobs_dir=jobs_dir
    )
    done = batch.job(job.id, session=db_session, reader=ANA)
    assert done.state == JobState.DONE and (done.rows_done, done.alerts) == (2, 1)
