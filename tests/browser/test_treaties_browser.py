"""Journey 5, step 2: a multilateral officer checks, for a briefing, which NPT parties still have no
Additional Protocol in force and how CTBT ratifications moved since the last Review Conference — a
map and a table, as of a date, each fact with its source."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    SHARED_DATA,
    Server,
    axe_violations,
    nonpro,
    sign_in,
)

pytestmark = pytest.mark.browser
TREATIES = SHARED_DATA / "treaties"


@pytest.fixture(scope="module")
def officer_server(server: Server) -> Server:
    """The running server with the official pages loaded (as the office would, by CLI); the
    multilateral officer ``mona`` is one of the server's users (tests/browser/conftest.py) and
    the compiled reference data came with ``nonpro reference load``."""
    for source in ("untc", "unoda"):
        nonpro(server.env, server.workdir, "treaties", "load", str(TREATIES / source))
    return server


def test_briefing_on_safeguards_and_ctbt(page: Page, officer_server: Server) -> None:
    sign_in(page, officer_server, "mona")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Treaties").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Treaties, safeguards")
    assert axe_violations(page) == []

    # Which NPT parties have a CSA but no Additional Protocol in force, as of a date.
    page.get_by_role("link", name="NPT parties with a comprehensive safeguards").click()
    page.get_by_label("As of", exact=True).fill("2025-06-30")
    page.get_by_role("button", name="Ask").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("states as of 2025-06-30")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Iran")
    expect(table).not_to_contain_text("Germany")
    expect(page.locator("svg.world path[data-state='IRN'] title")).to_have_text(
        "Iran: answers the question"
    )
    assert axe_violations(page) == []

    # A filter of her own: MTCR partners that do not subscribe to the HCOC.
    page.get_by_text("Your own filter").click()
    page.get_by_label("Party to every one of").select_option("MTCR")
    page.get_by_label("and party to none of").select_option("HCOC")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Party to MTCR, not party")
    expect(page.get_by_role("table")).to_contain_text("Brazil")
    assert axe_violations(page) == []

    # How CTBT ratifications moved: the map and table as of a date, changed in place.
    page.goto(f"{officer_server.url}/treaties/instruments/CTBT")
    expect(page.locator("svg.chart")).to_be_visible()
    panel = page.locator("#as-of-panel")
    panel.get_by_label("As of", exact=True).fill("2023-01-01")
    panel.get_by_role("button", name="Show").click()
    expect(page.locator("#as-of-heading")).to_have_text("Status as of 2023-01-01")
    russia = page.get_by_role("row").filter(has_text="Russian Federation RUS")
    expect(russia).to_contain_text("ratified, not yet in force for it")
    expect(russia).to_contain_text("https://treaties.un.org")  # each fact with its source
    assert "as_of=2023-01-01" in page.url
    page.locator("#as-of-panel").get_by_label("As of", exact=True).fill("2024-01-01")
    page.locator("#as-of-panel").get_by_role("button", name="Show").click()
    expect(page.locator("#as-of-heading")).to_have_text("Status as of 2024-01-01")
    expect(page.get_by_role("row").filter(has_text="Russian Federation RUS")).to_contain_text(
        "signatory, not party"
    )
    expect(page.locator("svg.world path[data-state='RUS'] title")).to_contain_text(
        "Russian Federation: signatory, not party"
    )
    annex2 = page.get_by_role("table").filter(has_text="whose ratification the rule requires")
    expect(annex2.locator("tbody tr")).to_have_count(9)
    changes = page.locator("#changes")
    expect(changes).to_contain_text("Changes from 2022-08-26")
    expect(changes.get_by_role("row").filter(has_text="Russian Federation")).to_contain_text(
        "withdrawal of ratification"
    )
    assert axe_violations(page) == []

    # The country profile: every instrument, status, dates, with the map.
    page.goto(f"{officer_server.url}/treaties")
    page.get_by_label("Country profile").fill("Russia")
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Russian Federation (RUS)")
    expect(page.get_by_role("row").filter(has_text="MTCR")).to_contain_text("party")
    assert axe_violations(page) == []
