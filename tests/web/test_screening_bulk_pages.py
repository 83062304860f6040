"""Bulk screening pages: upload, map the columns, follow the job, review it, download it."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.batch import services as batch
from nonpro.http.parameters import job_runner
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]
PARTIES = "id,Full Name,DOB,Country\n1,Mohammad Reza Naqdi,1952,IR\n2,Ann Example,5 May 1960,GB\n"


class InlineRunner:
    """Runs a job at once, in the test's session (the app's thread would not see its rows)."""

    def __init__(self, session: Session, jobs_dir: Path) -> None:
        self.session, self.jobs_dir = session, jobs_dir
        self.submitted: list[uuid.UUID] = []

    def submit(self, job_id: uuid.UUID) -> None:
        self.submitted.append(job_id)
        batch.run_job(
            job_id,
            sessions=lambda: nullcontext(self.session),
            provider=IndexProvider(),
            jobs_dir=self.jobs_dir,
        )


class HeldRunner(InlineRunner):
    """Keeps the job queued, as a busy runner would."""

    def submit(self, job_id: uuid.UUID) -> None:
        self.submitted.append(job_id)


def _runner(client: TestClient, db_session: Session, kind: type[InlineRunner]) -> InlineRunner:
    app: FastAPI = client.app  # type: ignore[assignment]
    runner = kind(db_session, app.state.settings.jobs_dir)
    app.dependency_overrides[job_runner] = lambda: runner
    return runner


def _upload(client: TestClient, text: str = PARTIES, name: str = "parties.csv"):  # type: ignore[no-untyped-def]
    page = client.get("/screening/bulk")
    return client.post(
        "/screening/bulk",
        data={"csrf_token": csrf_of(page.text)},
        files={"file": (name, io.BytesIO(text.encode()), "text/csv")},
        follow_redirects=False,
    )


def _start(client: TestClient, location: str, **fields: str):  # type: ignore[no-untyped-def]
    page = client.get(location)
    return client.post(
        location, data={"csrf_token": csrf_of(page.text), **fields}, follow_redirects=False
    )


def test_upload_map_run_review_and_download(
    client: TestClient, db_session: Session, make_user: MakeUser, un_list: ParsedList
) -> None:
    runner = _runner(client, db_session, InlineRunner)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    uploaded = _upload(client)
    assert uploaded.status_code == 303
    columns = uploaded.headers["location"]
    assert re.fullmatch(r"/screening/bulk/[0-9a-f-]{36}/columns", columns)
    mapping = client.get(columns)
    assert "2 rows" in mapping.text
    # Guessed from the headers: the name, date of birth and country selects preselect them.
    for column in ("Full Name", "DOB", "Country"):
        assert f'<option value="{column}" selected>' in mapping.text
    started = _start(client, columns, name="Full Name", dob="DOB", country="Country")
    assert started.status_code == 303 and len(runner.submitted) == 1
    job = client.get(started.headers["location"])
    assert job.status_code == 200
    assert "http-equiv" not in job.text  # done: no more refreshing
    assert "2 of 2 rows" in job.text and "<strong>1 alert</strong>" in job.text
    listed = re.search(r'<a href="(/lists/entries/[^"]+)">([^<]*)</a>', job.text)
    assert listed and "NAQDI" in listed.group(2).upper()
    assert client.get(listed.group(1).replace("&amp;", "&")).status_code == 200
    assert "<td>3</td><td>DOB</td>" in job.text  # row 3's date of birth left out, said so
    download = client.get(started.headers["location"] + "/result.csv")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [row["alert"] for row in rows] == ["True", "False"] and rows[0]["top_snapshot"]
    assert "parties.csv" in client.get("/screening/bulk").text


def test_a_queued_job_page_refreshes_and_shows_progress(
    client: TestClient, db_session: Session, make_user: MakeUser
) -> None:
    _runner(client, db_session, HeldRunner)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    columns = _upload(client).headers["location"]
    job = client.get(_start(client, columns, name="Full Name").headers["location"])
    assert '<meta http-equiv="refresh" content="2">' in job.text
    assert '<progress id="job-progress" max="2" value="0">' in job.text
    assert "0 of 2 rows" in job.text and "Queued" in job.text


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [("parties.xlsx", PARTIES, ".csv or .parquet"), ("parties.csv", "name\n", "no rows")],
)
def test_a_bad_file_is_named_beside_the_file_field(
    client: TestClient, make_user: MakeUser, name: str, text: str, problem: str
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    refused = _upload(client, text, name)
    assert refused.status_code == 422
    assert problem in problem_beside(refused.text, "file")


def test_a_bad_threshold_is_named_and_the_mapping_kept(
    client: TestClient, db_session: Session, make_user: MakeUser
) -> None:
    runner = _runner(client, db_session, HeldRunner)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    columns = _upload(client).headers["location"]
    refused = _start(client, columns, name="Full Name", country="Country", threshold="high")
    assert refused.status_code == 422 and not runner.submitted
    assert "between 0 and 1" in problem_beside(refused.text, "threshold")
    assert '<option value="Country" selected>' in refused.text and 'value="high"' in refused.text


def test_a_viewer_cannot_screen_files(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    assert client.get("/screening/bulk").status_code == 403


def test_another_users_job_is_not_found(
    client: TestClient, db_session: Session, make_user: MakeUser
) -> None:
    _runner(client, db_session, HeldRunner)
    make_user("ana", Role.ANALYST)
    make_user("ben", Role.ANALYST)
    make_user("root", Role.ADMIN)
    sign_in(client, "ana")
    columns = _upload(client).headers["location"]
    job = columns.removesuffix("/columns")
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/").text)})
    sign_in(client, "ben")
    for path in (job, columns, job + "/result.csv"):
        assert client.get(path).status_code == 404, path
    assert "parties.csv" not in client.get("/screening/bulk").text
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/").text)})
    sign_in(client, "root")
    assert client.get(job).status_code == 200


def test_a_failed_job_says_why_without_the_servers_path(
    client: TestClient, db_session: Session, make_user: MakeUser
) -> None:
    _runner(client, db_session, InlineRunner)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    columns = _upload(client, "id,Full Name\n1,Ann,extra\n").headers["location"]
    job = client.get(_start(client, columns, name="Full Name").headers["location"])
    assert 'role="alert">The screening failed: parties.csv: line 2 has more cells' in job.text
    assert "input.csv" not in job.text and "result.csv" not in job.text
