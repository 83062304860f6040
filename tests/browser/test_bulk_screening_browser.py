"""An analyst screens a file in the browser: uploads it, maps its columns, watches the job
finish, reads the alert and why, and downloads the result."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_upload_map_watch_review_and_download(page: Page, server: Server, tmp_path: Path) -> None:
    parties = tmp_path / "customers.csv"
    parties.write_text(
        "ref,Customer name,Born,Nationality\n"
        "c1,Jane Q Nobody,1990-01-02,US\n"
        "c2,Mohammad Reza Naqdi,1952,IR\n"
        "c3,Ann Example,5 May 1960,GB\n",
        encoding="utf-8",
    )
    sign_in(page, server, "ana")
    page.goto(f"{server.url}/screening")
    page.get_by_role("link", name="Screen a whole file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bulk screening")
    assert axe_violations(page) == []
    page.get_by_label("CSV or Parquet file").set_input_files(parties)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("customers.csv uploaded: 3 rows")
    page.get_by_label("Name (required)").select_option("Customer name")
    page.get_by_label("Date of birth").select_option("Born")
    page.get_by_label("Country", exact=True).select_option("Nationality")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start screening").click()
    # The page reloads itself every 2 seconds until the job is done.
    expect(page.locator("#job-state")).to_contain_text("Done", timeout=60_000)
    expect(page.locator("#job-count")).to_have_text("3 of 3 rows")
    expect(page.get_by_role("progressbar", name="Rows screened")).to_have_attribute("value", "3")
    alerts = page.get_by_role("table", name="Rows with a hit at or above the threshold")
    expect(alerts).to_contain_text("Mohammad Reza Naqdi")
    expect(alerts.get_by_role("link").first).to_contain_text("NAQDI")
    ignored = page.get_by_role("table", name="Cells left out of their row's screening")
    expect(ignored).to_contain_text("Born")
    assert axe_violations(page) == []
    # At a phone's width the page does not scroll sideways (long hashes wrap, tables scroll).
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the result (CSV)").click()
    saved = tmp_path / "result.csv"
    download_info.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert [row["alert"] for row in rows] == ["False", "True", "False"]
    assert rows[1]["top_snapshot"] and rows[2]["ignored"].startswith("Born:")
    alerts.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NAQDI")
