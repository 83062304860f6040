"""The reports and program pages: generate into the archive with CSRF, download, chart + table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.programs.data import load_all
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

MakeUser = Callable[..., User]


@pytest.fixture
def writer(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    shared_data: Path,
) -> TestClient:
    load_all(shared_data, session=db_session, actor=operator)
    make_user("rita", Role.ANALYST)
    assert sign_in(client, "rita") == 303
    return client


def test_generate_and_download(writer: TestClient) -> None:
    page = writer.get("/reports")
    assert page.status_code == 200 and "No reports generated yet" in page.text
    assert '<a href="/reports" aria-current="page">Reports</a>' in page.text
    assert '<option value="">Choose a marking</option>' in page.text  # none configured
    form = {"kind": "annual", "year": "2023", "format": "pdf", "csrf_token": csrf_of(page.text)}
    assert writer.post("/reports", data={**form, "csrf_token": "stale"}).status_code == 403
    unmarked = writer.post("/reports", data=form)
    assert unmarked.status_code == 422
    assert "no marking set" in problem_beside(unmarked.text, "annual-marking")
    form["marking"] = "cui"
    made = writer.post("/reports", data=form, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"].startswith("/reports?made=")
    page = writer.get(made.headers["location"])
    assert "Generated" in page.text and "annual-report-2023.pdf" in page.text
    report_id = made.headers["location"].split("=", 1)[1]
    file = writer.get(f"/reports/{report_id}/file")
    assert file.status_code == 200 and file.content.startswith(b"%PDF")
    bad = writer.post("/reports", data={**form, "year": "last"})
    assert bad.status_code == 422 and "four digits" in problem_beside(bad.text, "annual-year")
    assert 'value="last"' in bad.text and bad.text.count("annual-report-") == 1  # nothing stored
    assert "<option selected>cui</option>" in bad.text  # the choice is kept


def test_emergency_with_expenses(writer: TestClient) -> None:
    page = writer.get("/reports")
    form = {
        "kind": "emergency",
        "start": "2025-01-01",
        "end": "2025-06-30",
        "format": "json",
        "marking": "unclassified",
        "csrf_token": csrf_of(page.text),
    }
    bad = writer.post("/reports", data={**form, "expenses": "a lot"})
    assert bad.status_code == 422
    assert "U.S. dollars" in problem_beside(bad.text, "emergency-expenses")
    made = writer.post("/reports", data={**form, "expenses": "12,500"}, follow_redirects=False)
    assert made.status_code == 303
    file = writer.get(f"/reports/{made.headers['location'].split('=', 1)[1]}/file")
    body = file.json()
    assert body["expenses"] == "12500" and body["marking"]["banner"] == "UNCLASSIFIED"


def test_country_programs_page(writer: TestClient) -> None:
    index = writer.get("/programs")
    assert "cns_nk_missile_tests" in index.text and 'href="/programs/PRK"' in index.text
    assert writer.get("/programs?state=DPRK", follow_redirects=False).headers["location"] == (
        "/programs/PRK"
    )
    page = writer.get("/programs/PRK")
    assert page.status_code == 200
    assert 'alt="Bar chart of flight tests per year. 1984: 6' in page.text
    assert "<caption>Flight tests per year</caption>" in page.text
    assert "Hwasong-11" in page.text and "Source: SIPRI" in page.text


def test_viewer_reads_but_cannot_generate(client: TestClient, make_user: MakeUser) -> None:
    make_user("val", Role.VIEWER)
    assert sign_in(client, "val") == 303
    page = client.get("/reports")
    assert page.status_code == 200 and "Generate a report" not in page.text
    token = csrf_of(page.text)
    denied = client.post("/reports", data={"kind": "annual", "year": "2023", "csrf_token": token})
    assert denied.status_code == 403


def test_configured_marking_and_records(writer: TestClient, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(
        "records:\n  - {kind: regulatory, date: 2025-02-01, text: A rule changed., source: test}\n"
    )
    app = writer.app
    app.state.settings = app.state.settings.model_copy(
        update={"marking_scheme": "cui", "report_records": records}
    )
    page = writer.get("/reports")
    assert '<select id="emergency-marking"' in page.text
    assert "<option selected>cui</option>" in page.text and "Choose a marking" not in page.text
    form = {
        "kind": "emergency",
        "start": "2025-01-01",
        "end": "2025-06-30",
        "format": "html",
        "csrf_token": csrf_of(page.text),
    }
    made = writer.post("/reports", data=form, follow_redirects=False)  # no marking field: cui
    assert made.status_code == 303
    html = writer.get(f"/reports/{made.headers['location'].split('=', 1)[1]}/file").text
    assert "(CUI) 2025-02-01: A rule changed. (Source: test)" in html
    assert "DRAFT: the expenses figure" in html
