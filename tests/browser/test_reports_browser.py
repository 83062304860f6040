"""Journey 6: the report writer generates last year's annual report on missile proliferation —
North Korea's flight tests by month and class, transfers, determinations made, treaty changes —
as PDF and DOCX, reproducible from the data as of a date; and looks at a country's programs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SHARED_DATA, Server, axe_violations, nonpro, sign_in

pytestmark = pytest.mark.browser
MISSILES = SHARED_DATA / "missiles"
YEAR = "2025"
DETERMINATION = {
    "entities": [{"name": "Korea Tangun Trading Corporation", "country": "North Korea"}],
    "authorities": [{"authority": "EO 12938"}],
    "measures": ["procurement_ban"],
    "activity": "transfer of missile guidance components",
    "determination_date": f"{YEAR}-03-04",
}


@pytest.fixture(scope="module")
def writer_server(server: Server) -> Server:
    """The server with the program data loaded and one determination made, as the office
    would do by CLI; users come from the shared fixture (``ana`` is an analyst)."""
    nonpro(server.env, server.workdir, "programs", "load", str(MISSILES))
    spec = server.workdir / "determination.json"  # JSON is YAML
    spec.write_text(json.dumps(DETERMINATION))
    nonpro(server.env, server.workdir, "sanctions", "determinations", "add", str(spec))
    return server


def _generate(page: Page, file_format: str) -> str:
    form = page.locator("form").filter(has=page.get_by_role("heading", name="Annual report"))
    form.get_by_label("Calendar year").fill(YEAR)
    form.get_by_label("Marking").select_option("unclassified")
    form.get_by_label("Format").select_option(file_format)
    form.get_by_role("button", name="Generate annual report").click()
    notice = page.get_by_role("status")
    expect(notice).to_contain_text(f"annual-report-{YEAR}.{file_format}")
    text = notice.inner_text()
    return text.split("input hash ", 1)[1].split("…")[0]


def test_annual_report_pdf_and_docx(page: Page, writer_server: Server, tmp_path: Path) -> None:
    sign_in(page, writer_server, "ana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    assert axe_violations(page) == []

    first_hash = _generate(page, "pdf")
    assert axe_violations(page) == []
    with page.expect_download() as pdf_download:
        page.get_by_role("status").get_by_role("link").click()
    pdf = tmp_path / "annual.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    second_hash = _generate(page, "docx")
    assert second_hash == first_hash  # the same data gives the same report
    with page.expect_download() as docx_download:
        page.get_by_role("status").get_by_role("link").click()
    word = docx.Document(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "2. North Korea" in headings
    assert {
        "2.1 Ballistic missile programmes",
        "2.4 Flight tests",
        "2.5 Foreign suppliers of missile equipment and technology",
        "2.6 Transfers of missiles and launchers",
        "2.7 Determinations naming its entities",
        "2.9 Treaty and regime status changes",
        "6. U.S. measures taken",
    } <= set(headings)
    assert [p.text for p in word.sections[0].header.paragraphs] == ["UNCLASSIFIED"]
    assert any(
        "Korea Tangun Trading Corporation" in c.text
        for t in word.tables
        for row in t.rows
        for c in row.cells
    )
    assert len(word.inline_shapes) >= 3  # the map of programmes, per month and class, by class

    archive = page.get_by_role("table").filter(has_text="reports generated")
    # Its two files; other tests on this shared server may have archived reports of their own.
    expect(archive.get_by_role("row").filter(has_text=f"annual-report-{YEAR}.")).to_have_count(2)
    expect(archive).to_contain_text(f"annual-report-{YEAR}.pdf")
    expect(archive).to_contain_text(f"annual-report-{YEAR}.docx")

    # The figures behind it, computed again by the CLI: the same hash.
    figures = writer_server.workdir / "figures.json"
    nonpro(
        writer_server.env,
        writer_server.workdir,
        "report",
        "annual",
        "--year",
        YEAR,
        "--format",
        "json",
        "--out",
        str(figures),
        "--marking",
        "unclassified",
    )
    body = json.loads(figures.read_text())
    assert body["input_hash"].startswith(first_hash)
    prk = body["countries"][0]
    assert prk["country"] == "PRK" and prk["flight_tests"] == sum(prk["by_month"].values())
    assert len(prk["determinations"]) == 1


def test_country_programs_page(page: Page, writer_server: Server) -> None:
    sign_in(page, writer_server, "vic")
    page.goto(f"{writer_server.url}/reports")
    expect(page.get_by_role("heading", name="Generate a report")).to_have_count(0)
    page.get_by_role("link", name="data sets and countries").click()
    page.get_by_label("Country").fill("DPRK")
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Missile programs: PRK")
    chart = page.get_by_role("img", name="Bar chart of flight tests per year")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Flight tests per year")).to_contain_text(
        "2022"
    )
    assert axe_violations(page) == []
