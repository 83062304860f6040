"""Journey 7's last step and the analyst's view of journey 1, in a real Chromium with axe checks:
classify a product against the MTCR Annex, browse the Annex, and estimate a missile's range."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser

SOUNDING_MOTOR = (
    "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"
)


def test_compliance_officer_classifies_a_product(page: Page, server: Server) -> None:
    sign_in(page, server, "cora")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Controls").click()
    expect(page.get_by_role("heading", name="Controls", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Controls").get_by_role("link", name="Classify").click()
    page.get_by_label("Item description").fill("ring laser gyro for an aircraft INS")
    page.get_by_label("Parameters (optional)").fill("drift_rate_stability=0.1 deg/h")
    page.get_by_role("button", name="Classify").click()
    expect(page.get_by_role("heading", name="Category II", exact=True)).to_be_visible()
    match = page.locator("article.match").first
    expect(match).to_contain_text("9.A.4")
    expect(match.get_by_role("listitem").first).to_contain_text("drift")
    assert axe_violations(page) == []
    # The named entry opens in the Annex browser, with its thresholds and sources.
    match.get_by_role("link", name="9.A.4").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annex 9.A.4")
    expect(page.get_by_role("table", name=re.compile("Thresholds of 9.A.4"))).to_be_visible()
    expect(page.get_by_role("heading", name="Sources").first).to_be_visible()
    assert axe_violations(page) == []


def test_sounding_rocket_motor_is_category_one(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.goto(f"{server.url}/controls/classify")
    page.get_by_label("Item description").fill(SOUNDING_MOTOR)
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Classify").press("Enter")  # keyboard only
    expect(page.get_by_role("heading", name="Category I", exact=True)).to_be_visible()
    match = page.locator("article.match").first
    expect(match).to_contain_text("2.A.1.c.1")
    expect(match).to_contain_text("total impulse 1.2e6 N·s ≥ 1.1e6 N·s → 2.A.1.c.1")
    expect(page.get_by_role("table", name="Parameters read")).to_contain_text("1.2 x 10^6 N-s")
    expect(page.get_by_text("stated end use: a sounding rocket")).to_be_visible()
    assert axe_violations(page) == []


def test_annex_browser_tree_and_search(page: Page, server: Server) -> None:
    sign_in(page, server, "vic")
    page.goto(f"{server.url}/controls/annex")
    item_two = page.locator("details").filter(has_text="Item 2:")
    item_two.locator("summary").click()
    expect(item_two.get_by_role("link", name="2.A.1.c.1")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Search words or an item number").fill("ring laser gyro")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("table", name=re.compile("ranked by relevance"))
    expect(results.get_by_role("row").nth(1)).to_contain_text("9.A.4")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Compare Annex versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annex pre-2016 → 2024-03-14")
    expect(page.get_by_role("table", name=re.compile("3.A.1.a"))).to_contain_text("dry weight")
    assert axe_violations(page) == []


def test_range_page_with_the_v2(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.goto(f"{server.url}/controls/range")
    assert axe_violations(page) == []
    page.get_by_label("Historical example").select_option("v2")
    page.get_by_role("button", name="Show the example").click()
    heading = page.get_by_role("heading", name=re.compile(r"V-2 \(A-4\): Category I"))
    expect(heading).to_be_visible()
    figures = page.locator("dl.figures")
    expect(figures).to_contain_text("Published range")
    expect(figures).to_contain_text("320 km")
    expect(figures).to_contain_text("290 km")
    plot = page.get_by_role("img", name=re.compile("Payload–range trade-off of V-2"))
    expect(plot).to_be_visible()
    # The PNG is rendered by a local route; wait until the browser has decoded it.
    page.wait_for_function(
        "() => { const i = document.querySelector('figure img'); "
        "return i.complete && i.naturalWidth > 600; }"
    )
    table = page.get_by_role("table", name=re.compile("Payload–range trade-off"))
    expect(table).to_contain_text("1,000 (declared)")
    expect(table).to_contain_text("289.5")
    assert axe_violations(page) == []
    # The form holds the example's inputs; a change is estimated again through the POST form.
    expect(page.get_by_label("Payload (kg)")).to_have_value("1000")
    page.get_by_label("Payload (kg)").fill("500")
    page.get_by_role("button", name="Estimate").click()
    expect(page.locator("dl.figures")).to_contain_text("Range with 500 kg")
    expect(page.get_by_role("table", name=re.compile("trade-off"))).to_contain_text(
        "500 (declared)"
    )
    assert axe_violations(page) == []


def test_destination_policy_as_of_a_date(page: Page, server: Server) -> None:
    sign_in(page, server, "vic")
    page.goto(f"{server.url}/controls")
    page.get_by_role("navigation", name="Controls").get_by_role("link", name="Destination").click()
    page.get_by_label("Country (name or code)").fill("Iran")
    page.get_by_label("As of").fill("2020-01-01")
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_role("heading", name="Iran (IRN) as of 2020-01-01")).to_be_visible()
    facts = page.get_by_role("table", name="Destination facts")
    expect(facts.get_by_role("row", name="MTCR partner")).to_contain_text("no")
    expect(facts.get_by_role("row", name="State sponsor of terrorism")).to_contain_text("yes")
    expect(page.locator("article").filter(has_text="CA-DEST-TERRORISM")).to_contain_text("§73(f)")
    assert axe_violations(page) == []


def test_missile_end_users_of_a_country_with_their_sources(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.goto(f"{server.url}/controls")
    nav = page.get_by_role("navigation", name="Controls")
    nav.get_by_role("link", name="Missile end users").click()
    page.get_by_label("Country (name or code)").fill("North Korea")
    page.get_by_label("Name contains").fill("space")
    page.get_by_role("button", name="Search").click()
    table = page.get_by_role("table", name="Programme entities")
    row = table.get_by_role("row", name=re.compile("KOREAN COMMITTEE FOR SPACE TECHNOLOGY"))
    expect(row).to_contain_text("UN Security Council Consolidated List entry")
    expect(row).to_contain_text("read from the list")
    assert axe_violations(page) == []
    page.get_by_label("Country (name or code)").fill("Pakistan")
    page.get_by_label("Name contains").fill("")
    page.get_by_role("button", name="Search").click()
    ndc = table.get_by_role("row", name=re.compile("National Development Complex"))
    expect(ndc).to_contain_text("generic name: matched only in its country")
    expect(ndc).to_contain_text("Pakistan")
    assert axe_violations(page) == []
