"""The UN Register pages: record through the form (CSRF), errors shown on the form naming the
field, the national report with downloads as attachments, an import, and the mirror view."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role

MakeUser = Callable[..., User]
DATA = Path(__file__).resolve().parents[1] / "registers" / "data"
FORM = {
    "reporting_state": "USA",
    "direction": "export",
    "year": "2023",
    "category": "I",
    "subcategory": "",
    "partner": "Poland",
    "number_of_items": "12",
    "description": "M1A1 Abrams",
}


def test_record_report_import_and_mirror_pages(client: TestClient, make_user: MakeUser) -> None:
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    page = client.get("/registers/arms")
    assert page.status_code == 200
    assert '<a href="/registers/arms" aria-current="page">Arms register</a>' in page.text
    token = csrf_of(page.text)
    assert client.post("/registers/arms/transfers", data=FORM).status_code == 403  # no token
    done = client.post(
        "/registers/arms/transfers", data={**FORM, "csrf_token": token}, follow_redirects=False
    )
    assert (done.status_code, done.headers["location"]) == (303, "/registers/arms")
    notice = '<div class="alert alert-ok" role="status">Transfer recorded.</div>'
    assert notice in client.get("/registers/arms").text  # the next page shows it, once
    page = client.get("/registers/arms", params={"year": "2023", "state": "Poland"})
    assert "Transfer recorded." not in page.text and "M1A1 Abrams" in page.text

    report = client.get("/registers/arms/report", params={"year": "2023"})
    assert report.status_code == 200
    assert '<td>Poland</td><td class="num">12</td>' in report.text
    assert "nil" in report.text
    as_csv = client.get("/registers/arms/report/download", params={"year": "2023"})
    assert as_csv.headers["content-disposition"] == 'attachment; filename="unroca-USA-2023.csv"'
    assert "exports,I. Battle tanks,,Poland,12" in as_csv.text
    as_docx = client.get(
        "/registers/arms/report/download", params={"year": "2023", "format": "docx"}
    )
    assert as_docx.headers["content-disposition"].startswith("attachment;")
    cells = docx.Document(io.BytesIO(as_docx.content)).tables[0].rows[1].cells
    assert [c.text for c in cells][:3] == ["I. Battle tanks", "Poland", "12"]

    files = {"file": ("pol-2023.csv", (DATA / "pol-2023.csv").read_bytes(), "text/csv")}
    imported = client.post(
        "/registers/arms/imports",
        files=files,
        follow_redirects=False,
        data={
            "csrf_token": token,
            "kind": "report",
            "import_state": "Poland",
            "import_year": "2023",
        },
    )
    assert imported.status_code == 303, imported.text
    mirror = client.get("/registers/arms/mirror", params={"year": "2023"})
    assert mirror.status_code == 200
    assert "numbers differ" in mirror.text and "The numbers differ by 2." in mirror.text


def test_errors_show_on_the_form_naming_the_field(client: TestClient, make_user: MakeUser) -> None:
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    token = csrf_of(client.get("/registers/arms").text)
    bad = client.post(
        "/registers/arms/transfers", data={**FORM, "partner": "Atlantis", "csrf_token": token}
    )
    assert bad.status_code == 422
    assert (
        "<strong>Final importer / exporter State</strong>: &#39;Atlantis&#39; is not a state"
        in (bad.text)
    )
    assert problem_beside(bad.text, "r-partner") == "&#39;Atlantis&#39; is not a state nonpro knows"
    assert 'name="partner" type="text" value="Atlantis" required' in bad.text
    bad = client.post(
        "/registers/arms/transfers", data={**FORM, "number_of_items": "-2", "csrf_token": token}
    )
    assert "<strong>Number of items</strong>: Input should be greater than or equal to 0" in (
        bad.text
    )
    two = {**FORM, "number_of_items": "-2", "year": "soon", "csrf_token": token}
    bad = client.post("/registers/arms/transfers", data=two)
    assert "greater than or equal to 0" in problem_beside(bad.text, "r-number")
    assert "valid integer" in problem_beside(bad.text, "r-year")
    assert "<li><strong>Year</strong>: " in bad.text  # the summary lists both
    assert "No transfers match." in client.get("/registers/arms").text  # nothing was stored
    files = {"file": ("pol.csv", b"not,a,report\n", "text/csv")}
    bad = client.post(
        "/registers/arms/imports",
        files=files,
        data={"csrf_token": token, "kind": "report", "import_state": "POL", "import_year": "2023"},
    )
    assert bad.status_code == 422
    assert "pol.csv, line 1: the header row must be" in bad.text
    assert client.get("/registers/arms", params={"category": "IX"}).status_code == 422


def test_viewers_read_but_cannot_record(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    page = client.get("/registers/arms")
    assert page.status_code == 200 and "Record a transfer" not in page.text
    token = csrf_of(page.text)
    denied = client.post("/registers/arms/transfers", data={**FORM, "csrf_token": token})
    assert denied.status_code == 403


def test_an_import_with_a_bad_row_shows_it_and_the_mirror_says_so(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    token = csrf_of(client.get("/registers/arms").text)
    text = (DATA / "pol-2023.csv").read_text().replace(",10,", ",1e999999,")
    form = {"csrf_token": token, "kind": "report", "import_state": "POL", "import_year": "2023"}
    strict = client.post(
        "/registers/arms/imports",
        files={"file": ("pol.csv", text.encode(), "text/csv")},
        data={**form, "strict": "on"},
    )
    assert strict.status_code == 422 and "nothing stored; 1 row could not be read" in strict.text
    assert '<th scope="row">line 3</th><td>Number of items</td>' in strict.text  # the table
    imported = client.post(
        "/registers/arms/imports",
        files={"file": ("pol.csv", text.encode(), "text/csv")},
        data=form,
    )
    assert imported.status_code == 200
    assert (
        "Report imported." in imported.text and "5 rows read: 4 stored, 1 refused" in imported.text
    )
    refused = imported.text.split('id="refused-rows"')[1]
    assert '<th scope="row">line 3</th><td>Number of items</td>' in refused
    mirror = client.get("/registers/arms/mirror", params={"year": "2023"})
    assert 'id="incomplete"' in mirror.text
    assert "POL report for 2023: 1 row(s) refused on import (upload:pol.csv)" in mirror.text
