"""The no-undercut check in a real Chromium: an analyst records a partner's denial on the
register's form, then finds the case for the same item to the same end user flagged for
consultation, with the denial named; axe checks every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in
from tests.cases.conftest import case_json

pytestmark = pytest.mark.browser
# An end user and destination no other browser test uses, so the denial flags this case only.
END_USER = "Bharat Orbital Avionics Ltd"


def test_record_a_denial_and_see_the_case_flagged(page: Page, server: Server) -> None:
    reference = "BRW-DENIAL-1"
    path = Path(server.workdir) / f"{reference}.json"
    parties = [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "end_user", "name": END_USER, "country": "IN"},
    ]
    path.write_text(json.dumps(case_json(reference, destination="IN", parties=parties)), "utf-8")
    nonpro(server.env, server.workdir, "cases", "create", str(path), "--submit")

    sign_in(page, server, "ana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Denials").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MTCR denial notifications")
    assert axe_violations(page) == []

    form = page.get_by_role("form", name="Record a denial")
    form.get_by_label("Reference of the notification").fill("FRA-2025-BRW")
    form.get_by_label("Notifying partner (a state; USA for ours)").fill("France")
    form.get_by_label("Notified on").fill("2025-06-12")
    form.get_by_label("Item, as the notification describes it").fill(
        "Fibre optic gyro, drift rate stability 0.05 deg/h"
    )
    form.get_by_label("MTCR Annex entry (leave blank for a catch-all denial)").fill("9.A.4")
    form.get_by_label("End user", exact=True).fill("Bharat Orbital Avionics Limited")
    form.get_by_label("End user's country").fill("India")
    form.get_by_role("button", name="Record denial").click()

    expect(page.get_by_role("status")).to_have_text("Denial FRA-2025-BRW recorded.")
    expect(page.locator("#denial-status")).to_have_text("in force")
    assert axe_violations(page) == []

    page.get_by_role("link", name="All denial notifications").click()
    check = page.get_by_role("form", name="Check a case against the denials")
    check.get_by_label("Case reference").fill(reference)
    check.get_by_role("button", name="Check").click()
    expect(page.locator("#check-summary")).to_contain_text(
        "Consult the notifying partner before approval"
    )
    assert axe_violations(page) == []

    page.get_by_role("heading", level=1).get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {reference}")
    flag = page.get_by_role("region", name="Consult the notifying partner before approval")
    expect(flag).to_contain_text("Consult France (FRA) before approval")
    expect(flag).to_contain_text("the same Annex entry 9.A.4")
    expect(flag.get_by_role("link", name="FRA-2025-BRW")).to_be_visible()
    assert axe_violations(page) == []
