"""Journeys 2 and 3 in a real Chromium: a Defense representative sees only Defense's referrals
and records a denial with reasons; Commerce records an approval with provisos; the consolidated
view shows the conflict; the chair's meeting page records the vote. axe checks every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in
from tests.cases.conftest import case_json

pytestmark = pytest.mark.browser


def _refer(server: Server, reference: str, *agencies: str) -> None:
    path = Path(server.workdir) / f"{reference}.json"
    path.write_text(json.dumps(case_json(reference)), "utf-8")
    nonpro(server.env, server.workdir, "cases", "create", str(path), "--submit")
    nonpro(server.env, server.workdir, "cases", "transition", reference, "under_review")
    flags = [arg for agency in agencies for arg in ("--agency", agency)]
    nonpro(server.env, server.workdir, "interagency", "refer", reference, "--group", "MTEC", *flags)


def test_representatives_advise_and_the_conflict_shows(page: Page, server: Server) -> None:
    _refer(server, "J2-DEFENSE", "COMMERCE_BIS", "DEFENSE_DTSA")
    _refer(server, "J2-COMMERCE-ONLY", "COMMERCE_BIS")

    sign_in(page, server, "dora")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Interagency").click()
    expect(page.get_by_role("heading", name="Interagency review: DEFENSE_DTSA")).to_be_visible()
    queue = page.locator("#queue")
    expect(queue).to_contain_text("J2-DEFENSE")
    expect(queue).not_to_contain_text("J2-COMMERCE-ONLY")
    assert axe_violations(page) == []

    queue.get_by_role("link", name="J2-DEFENSE").click()
    expect(page.get_by_role("heading", name="Case J2-DEFENSE before MTEC")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Deny").check()
    page.get_by_label("Reasons (one a line; a denial needs at least one)").fill(
        "Gyro stability fits missile guidance\nEnd user not verified"
    )
    page.get_by_label("Rationale").fill("Category II item; MTCR Guidelines factors weigh against")
    page.get_by_role("button", name="Record advice").click()
    expect(page.get_by_role("status").first).to_contain_text("Advice recorded.")
    expect(page.locator("table.advice").first).to_contain_text(
        "Gyro stability fits missile guidance"
    )

    page.context.clear_cookies()
    sign_in(page, server, "cole")
    page.goto(f"{server.url}/interagency")
    page.locator("#queue").get_by_role("link", name="J2-DEFENSE").click()
    page.get_by_label("Approve with provisos").check()
    page.get_by_label("Stated end use only").check()
    page.get_by_label("Provisos in your own words (one a line)").fill("Annual end-use report")
    page.get_by_role("button", name="Record advice").click()
    outcome = page.locator("#outcome")
    expect(outcome).to_contain_text("Conflict")
    expect(outcome).to_contain_text("DEFENSE_DTSA deny against the approval of COMMERCE_BIS")
    assert axe_violations(page) == []


def test_the_chair_records_the_meeting(page: Page, server: Server) -> None:
    _refer(server, "J3-MEETING", "COMMERCE_BIS", "DEFENSE_DTSA")
    sign_in(page, server, "chris")
    page.goto(f"{server.url}/interagency")
    assert axe_violations(page) == []
    page.get_by_label("Meeting of group").select_option("MTEC")
    page.get_by_label("Cases for the agenda (references, comma-separated)").fill("J3-MEETING")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("Meeting scheduled.")
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA"):
        page.get_by_label(f"{agency} present").check()
    page.get_by_role("button", name="Record attendance").click()
    page.get_by_label("Vote of STATE_ISN_MTR on J3-MEETING").select_option("deny")
    page.get_by_label("Vote of DEFENSE_DTSA on J3-MEETING").select_option("deny")
    page.get_by_label("Vote of COMMERCE_BIS on J3-MEETING").select_option("approve")
    page.get_by_role("button", name="Record the votes on J3-MEETING").click()
    page.get_by_label("Dissenting agency").select_option("COMMERCE_BIS")
    page.get_by_label("Reasons for the dissent").fill("Provisos would answer the concern")
    page.get_by_role("button", name="Record the dissent").click()
    page.get_by_label("Chair's recommendation on J3-MEETING").select_option("deny")
    page.get_by_label("Reasons", exact=True).fill("Majority of the group")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator("#result-1")).to_contain_text("deny")
    expect(page.locator(".dissent")).to_contain_text("Provisos would answer the concern")
    assert axe_violations(page) == []
