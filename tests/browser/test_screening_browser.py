"""An analyst screens a party, reads why a hit is a hit, and records a decision."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_screen_explain_and_dispose(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Screening").click()
    page.get_by_label("Name", exact=True).fill("Mohammad Reza Naqdi")
    page.get_by_label("Type").select_option("person")
    page.get_by_role("button", name="Screen", exact=True).click()
    first = page.locator("article.hit").first
    expect(first).to_contain_text("Alert")
    expect(first).to_contain_text("NAQDI")
    expect(first.get_by_role("table")).to_contain_text("name")
    assert axe_violations(page) == []
    first.get_by_label("Note on").fill("same person; DOB agrees")
    first.get_by_role("button", name="True match").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded true match")
    expect(page.locator("article.hit").first).to_contain_text("same person; DOB agrees")
    assert axe_violations(page) == []


def test_lists_page_shows_the_active_snapshot(page: Page, server: Server) -> None:
    sign_in(page, server, "vic")
    page.get_by_role("link", name="Lists").click()
    row = page.get_by_role("row").filter(has_text="un")
    expect(row).to_contain_text("1003")
    expect(row).to_contain_text("2026-02-27")
    assert axe_violations(page) == []


def test_a_hit_opens_its_listed_record(page: Page, server: Server) -> None:
    """From a hit to the listed record it names: every name (weak aliases labelled), the
    identifiers, the snapshot it came from; axe finds nothing."""
    sign_in(page, server, "ana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Screening").click()
    page.get_by_label("Name", exact=True).fill("Mohammad Reza Naqdi")
    page.get_by_label("Type").select_option("person")
    page.get_by_role("button", name="Screen", exact=True).click()
    first = page.locator("article.hit").first
    first.get_by_role("link", name="Listed record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NAQDI")
    expect(page.get_by_role("table", name="Every name the list gives")).to_be_visible()
    expect(page.get_by_text("(active)")).to_be_visible()
    assert axe_violations(page) == []
