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


def test_an_import_with_a_bad_row_shows_the_refused_rows(
    page: Page, server: Server, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The officer imports Poland's report with one bad cell: the page says what was stored and
    lists the refused row in a table with its line and column; axe finds nothing."""
    path = tmp_path_factory.mktemp("upload") / "pol-2023.csv"
    path.write_text(
        "Reporting State,Calendar year,Form,Category,Sub-category,"
        "Final importer/exporter State(s),Number of items,State of origin (if not exporter),"
        "Intermediate location(s) (if any),Description of item,Comments on the transfer\n"
        "POL,2023,imports,I. Battle tanks,,United States of America,10,,,M1A1 Abrams,\n"
        "POL,2023,imports,II. Armoured combat vehicles,,Germany,ten,,,Dingo 2,\n"
    )
    sign_in(page, server, "mona")
    page.goto(f"{server.url}/registers/arms")
    form = page.locator("#import-form")
    form.get_by_label("Reporting State (for a state's report)").fill("Poland")
    form.get_by_label("Calendar year (for a state's report)").fill("2023")
    form.get_by_label("CSV file").set_input_files(str(path))
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import of upload:pol-2023.csv")
    expect(page.get_by_role("status")).to_contain_text("2 rows read: 1 stored, 1 refused")
    refused = page.get_by_role("table", name="Refused rows")
    row = refused.get_by_role("row").filter(has_text="line 3")
    expect(row).to_contain_text("Number of items")
    expect(row).to_contain_text("'ten' is not a whole number")
    assert axe_violations(page) == []
