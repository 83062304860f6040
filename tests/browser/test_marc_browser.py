"""MARC as the Missile Annex Review Committee in a real Chromium: the chair records a proposal to
amend 2.A.1.c (an unknown entry is refused beside its field first) and requests views; Defense's
representative records its view; the chair sets the U.S. position and records the TEM and the
plenary, which names the Annex version produced. axe checks every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_chair_and_defense_take_a_proposal_to_the_plenary(page: Page, server: Server) -> None:
    sign_in(page, server, "chris")
    page.goto(f"{server.url}/interagency")
    page.get_by_role("link", name="MARC: proposals to amend the MTCR Annex").click()
    expect(
        page.get_by_role("heading", name="MARC: proposals to amend the MTCR Annex")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Annex entry (e.g. 2.A.1.c)").fill("2.A.9")
    page.get_by_label("Proposed text").fill("Rocket motor cases of 1.0 x 10^6 N-s or more")
    page.get_by_label("Rationale").fill("Partners' practice")
    page.get_by_role("button", name="Record the proposal").click()
    expect(page.locator("#entry-problem")).to_contain_text("not in the Annex")
    expect(page.get_by_label("Proposed text")).to_have_value(
        "Rocket motor cases of 1.0 x 10^6 N-s or more"
    )
    assert axe_violations(page) == []
    page.get_by_label("Annex entry (e.g. 2.A.1.c)").fill("2.A.1.c")
    page.get_by_role("button", name="Record the proposal").click()
    expect(page.get_by_role("heading", name="Proposal to amend MTCR Annex 2.A.1.c")).to_be_visible()
    page.get_by_role("button", name="Request the member agencies' views").click()
    expect(page.get_by_role("status").first).to_contain_text("Views requested")
    proposal_url = page.url

    page.context.clear_cookies()
    sign_in(page, server, "dora")
    page.goto(proposal_url)
    expect(page.get_by_role("button", name="Set the U.S. position")).to_have_count(0)
    page.get_by_label("View of DEFENSE_DTSA").select_option("oppose")
    page.get_by_label("Note").fill("Too broad for tactical motors")
    page.get_by_role("button", name="Record the view").click()
    expect(page.locator("#views")).to_contain_text("Too broad for tactical motors")
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(page, server, "chris")
    page.goto(proposal_url)
    page.get_by_label("Position of the United States").select_option("support_with_changes")
    page.get_by_label("Grounds").fill("Support, with Defense's carve-out for tactical motors")
    page.get_by_role("button", name="Set the U.S. position").click()
    expect(page.locator("#us-position")).to_contain_text("support with changes")
    page.get_by_label("Date of the Technical Experts Meeting").fill("2026-04-20")
    page.get_by_label("Outcome", exact=True).select_option("adopted")
    page.get_by_role("button", name="Record the Technical Experts Meeting outcome").click()
    expect(page.locator("#outcomes")).to_contain_text("Technical Experts Meeting, 2026-04-20")
    page.get_by_label("Date of the plenary").fill("2026-10-05")
    page.get_by_label("Outcome", exact=True).select_option("adopted")
    page.get_by_label("Annex version produced").fill("MTCR/TEM/2026/Annex")
    page.get_by_role("button", name="Record the plenary outcome").click()
    expect(page.locator("#produced")).to_have_text("MTCR/TEM/2026/Annex")
    expect(page.locator("#status")).to_contain_text("plenary decided")
    assert axe_violations(page) == []
