"""Issue 25 item 4: the report writer generates a country profile as a draft, writes the office's
introduction to a section, has it cleared by two offices (each by its own clearing officer),
a fourth officer finalizes it, and the exported PDF carries the edited text, marked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in

pytestmark = pytest.mark.browser
INTRODUCTION = "The office notes **three** new launch sites.\n\n- *Sohae* was expanded"
OFFICES = {"ISN/MTR": "lars", "PM/DTC": "milo"}


@pytest.fixture(scope="module")
def drafts_server(server: Server) -> Server:
    """Each office names its clearing officer, as the office would do by CLI."""
    for office, officer in OFFICES.items():
        nonpro(server.env, server.workdir, "instructions", "appoint-clearer", office, officer)
    return server


def _clear_as(page: Page, server: Server, draft_url: str, office: str) -> None:
    sign_in(page, server, OFFICES[office])
    page.goto(draft_url)
    page.get_by_label("Office you clear for").select_option(office)
    page.get_by_role("button", name="Clear", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{office}: cleared.")


def test_generate_edit_clear_by_two_offices_finalize_export(
    page: Page, drafts_server: Server, tmp_path: Path
) -> None:
    sign_in(page, drafts_server, "ana")
    page.goto(f"{drafts_server.url}/reports")
    page.get_by_role("link", name="Report drafts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report drafts")
    assert axe_violations(page) == []
    page.get_by_label("Report", exact=True).select_option("country")
    page.get_by_label("Country (country profile)").fill("North Korea")
    page.get_by_label("Marking").select_option("unclassified")
    page.get_by_role("button", name="Generate draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft generated")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft: Country Profile: North Korea")
    draft_url = page.url.split("#")[0]
    assert axe_violations(page) == []

    page.get_by_label("Office comment or introduction: 1. Missile programs").fill(INTRODUCTION)
    page.get_by_role("button", name="Save 1. Missile programs").click()
    expect(page.get_by_role("status")).to_contain_text("Saved as version 2")
    page.get_by_role("link", name="Changes in version 2").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1. Missile programs")
    expect(page.locator("ins").first).to_contain_text("three")
    assert axe_violations(page) == []

    page.goto(draft_url)
    page.get_by_label("Offices to clear").fill("ISN/MTR, PM/DTC")
    page.get_by_role("button", name="Request clearance").click()
    expect(page.locator("#draft-state")).to_have_text("in clearance")
    # The author may not clear her own text.
    page.get_by_role("button", name="Clear", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("you wrote this text")
    assert axe_violations(page) == []

    _clear_as(page, drafts_server, draft_url, "ISN/MTR")
    assert axe_violations(page) == []
    _clear_as(page, drafts_server, draft_url, "PM/DTC")
    expect(page.locator("#draft-state")).to_have_text("cleared")

    sign_in(page, drafts_server, "mona")
    page.goto(draft_url)
    page.get_by_role("button", name="Finalize (PDF and DOCX)").click()
    expect(page.get_by_role("status")).to_contain_text("Final report made from version 2")
    expect(page.locator("#draft-state")).to_have_text("final")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    pdf = tmp_path / "final.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "(U) The office notes three new launch sites." in text
    assert "(U) Sohae was expanded" in text
    assert "DRAFT" not in text and "UNCLASSIFIED" in text
