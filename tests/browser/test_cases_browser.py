"""Journey 1 in a real Chromium: an analyst opens a case, reads the automatic assessment, marks
the end user's hit, moves the case along, is refused an approval by the decision gates, proposes
the denial, which a chair countersigns, and gets the decision letter; axe checks every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_intake_assessment_transition_and_letter(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
    expect(page.get_by_role("heading", name="Export review cases")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Open a new case").click()
    assert axe_violations(page) == []
    page.get_by_label("Reference").fill("BROWSER-1")
    page.get_by_label("Type").select_option("dual_use_referral")
    page.get_by_label("Destination country").fill("Iran")
    page.get_by_label("Stated end use").fill("University sounding-rocket research")
    page.get_by_label("Party 1 name").fill("Westfield Propulsion Inc.")
    page.get_by_label("Party 1 country").fill("US")
    page.get_by_label("Party 2 role").select_option("end_user")
    page.get_by_label("Party 2 name").fill("Shahid Hemmat Industrial Group")
    page.get_by_label("Party 2 country").fill("IR")
    page.get_by_label("Item 1 description").fill(
        "Solid propellant rocket motor, total impulse capacity 1.4 x 10^6 N-s, with igniter"
    )
    page.get_by_label("Item 1 quantity").fill("2")
    page.get_by_role("button", name="Create and assess").click()

    expect(page.get_by_role("heading", name="Case BROWSER-1")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Case created and assessed.")
    reasons = page.locator("#deciding-reasons")
    expect(page.locator(".recommendation")).to_contain_text("Deny")
    expect(reasons).to_contain_text("2.A.1.c.1")
    expect(reasons).to_contain_text("SHAHID HEMMAT INDUSTRIAL GROUP")
    assert axe_violations(page) == []

    end_user = page.get_by_role("article").filter(has_text="End user: Shahid Hemmat")
    end_user.get_by_label("Note on").first.fill("same entity; UN 1737 listing")
    end_user.get_by_role("button", name="True match").first.click()
    expect(page.get_by_role("status")).to_contain_text("Decision on the hit recorded")
    expect(page.get_by_role("article").filter(has_text="End user")).to_contain_text("confirmed")

    for status in ("submitted", "under_review"):
        page.get_by_label("New status").select_option(status)
        page.get_by_role("button", name="Apply").click()
        expect(page.get_by_role("status")).to_contain_text(
            f"Case moved to {status.replace('_', ' ')}"
        )
    # An approval against the recommendation, of a Category I motor, to Iran, for a listed end
    # user: the gates refuse it and say why, each reason with its source.
    page.get_by_label("New status").select_option("decided")
    page.get_by_label("Decision (when deciding)").select_option("approved")
    page.get_by_role("button", name="Apply").click()
    blocked = page.locator("#decision-blocked")
    expect(blocked).to_contain_text("Category I")
    expect(blocked).to_contain_text("confirmed as the listed")
    expect(blocked).to_contain_text("Source:")
    expect(page.locator("#justification-problem")).to_contain_text("departs from the")
    expect(page.locator("#case-status")).to_contain_text("under review")
    assert axe_violations(page) == []

    # The denial follows the recommendation; it is proposed and waits for a second signature.
    page.get_by_label("New status").select_option("decided")
    page.get_by_label("Decision (when deciding)").select_option("denied")
    page.get_by_label("Note", exact=True).fill("Category I motor; listed end user")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status").first).to_contain_text("Decision proposed")
    expect(page.locator("#pending-proposal")).to_contain_text("Proposed: denied")
    expect(page.get_by_role("button", name="Countersign the decision")).to_have_count(0)
    assert axe_violations(page) == []
    case_url = page.url.split("?")[0]

    page.context.clear_cookies()
    sign_in(page, server, "chris")
    page.goto(case_url)
    page.get_by_label("Note with the countersignature").fill("agreed")
    page.get_by_role("button", name="Countersign the decision").click()
    expect(page.locator("#case-status")).to_contain_text("decided (denied)")
    expect(page.locator(".facts")).to_contain_text("countersigned by chris")
    assert axe_violations(page) == []

    link = page.get_by_role("link", name="Decision letter (PDF)")
    href = link.get_attribute("href")
    assert href
    pdf = page.request.get(f"{server.url}{href}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    history = page.get_by_role(
        "table", name="Every step, oldest first (the audit log holds the proof)"
    )
    expect(history).to_contain_text("under review → decided")
