"""The multilateral officer records a transfer through the UN Register form, sees it in the
register, and opens the national report, which lists it in its category; axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_record_a_transfer_and_open_the_national_report(page: Page, server: Server) -> None:
    sign_in(page, server, "mona")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Arms register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("UN Register of Conventional Arms")
    assert axe_violations(page) == []

    form = page.locator("#record-form")
    form.get_by_label("Direction").select_option("export")
    form.get_by_label("Year").fill("2023")
    form.get_by_label("Category", exact=True).select_option("VII")
    form.get_by_label("Sub-category (IV, V and VII)").select_option("VII.b MANPADS")
    form.get_by_label("Final importer State (export) or exporter State (import)").fill("Latvia")
    form.get_by_label("Number of items").fill("40")
    form.get_by_label("Description of item").fill("FIM-92 Stinger")
    form.get_by_role("button", name="Record transfer").click()
    expect(page.get_by_role("status")).to_have_text("Transfer recorded.")
    row = (
        page.get_by_role("table", name="Transfers")
        .get_by_role("row")
        .filter(has_text="FIM-92 Stinger")
    )
    expect(row).to_contain_text("Latvia")
    expect(row).to_contain_text("40")

    page.get_by_role("navigation", name="UN Register of Conventional Arms").get_by_role(
        "link", name="National report"
    ).click()
    page.get_by_label("Calendar year").fill("2023")
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "National report to the UN Register, 2023"
    )
    exports = page.get_by_role("table", name="Exports, 2023")
    manpads = exports.get_by_role("row").filter(has_text="FIM-92 Stinger")
    expect(manpads).to_contain_text("VII.b MANPADS")
    expect(manpads).to_contain_text("Latvia")
    expect(exports.get_by_role("row").filter(has_text="I. Battle tanks")).to_contain_text("nil")
    assert axe_violations(page) == []
