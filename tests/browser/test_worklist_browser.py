"""Home is each role's work queue (issue 24 item 1), in a real Chromium: the analyst, the
Defense representative, the MTEC chair and the multilateral officer each sign in, see their
queue with its counts on top, and follow an item to where it is handled. axe checks home at a
desk's width (1400 px) and a phone's (390 px)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from nonpro.core.clock import today
from tests.browser.conftest import Server, axe_violations, nonpro, sign_in
from tests.cases.conftest import case_json

pytestmark = pytest.mark.browser
WIDTHS = (1400, 390)


def _home_is_accessible_at_both_widths(page: Page, server: Server) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{server.url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
        assert axe_violations(page) == [], f"at {width} px"
    page.set_viewport_size({"width": 1400, "height": 900})


def _new_case(server: Server, reference: str, *, under_review: bool = False) -> None:
    path = Path(server.workdir) / f"{reference}.json"
    path.write_text(json.dumps(case_json(reference)), "utf-8")
    nonpro(server.env, server.workdir, "cases", "create", str(path), "--submit")
    if under_review:
        nonpro(server.env, server.workdir, "cases", "transition", reference, "under_review")


def test_the_analyst_finds_a_new_case_on_her_home_and_opens_it(page: Page, server: Server) -> None:
    _new_case(server, "WL-NEW")
    sign_in(page, server, "ana")
    _home_is_accessible_at_both_widths(page, server)
    counts = page.get_by_role("navigation", name="Your queue at a glance")
    expect(counts).to_contain_text("New cases nobody has taken")
    section = page.locator("section").filter(has=page.locator("h2#new_cases"))
    expect(section.get_by_role("columnheader", name="Due")).to_have_attribute(
        "aria-sort", "ascending"
    )
    section.get_by_role("link", name="WL-NEW", exact=False).click()
    expect(page.get_by_role("heading", name="Case WL-NEW")).to_be_visible()


def test_the_representative_sees_the_referral_due_from_her_agency(
    page: Page, server: Server
) -> None:
    _new_case(server, "WL-REF", under_review=True)
    nonpro(server.env, server.workdir, "interagency", "refer", "WL-REF", "--group", "MTEC",
           "--agency", "DEFENSE_DTSA")  # fmt: skip
    sign_in(page, server, "dora")
    _home_is_accessible_at_both_widths(page, server)
    section = page.locator("section").filter(has=page.locator("h2#referrals_due"))
    expect(section).to_contain_text("Department of Defense")
    section.get_by_role("link", name="WL-REF before MTEC").click()
    expect(page.get_by_role("heading", name="Case WL-REF before MTEC")).to_be_visible()


def test_the_chair_sees_the_meeting_on_her_agenda(page: Page, server: Server) -> None:
    _new_case(server, "WL-AGENDA", under_review=True)
    nonpro(server.env, server.workdir, "interagency", "refer", "WL-AGENDA", "--group", "MTEC")
    held = (today() + timedelta(days=3)).isoformat()
    nonpro(server.env, server.workdir, "interagency", "meeting", "create", "--group", "MTEC",
           "--date", held, "--case", "WL-AGENDA", "--title", "WL monthly meeting")  # fmt: skip
    sign_in(page, server, "chris")
    _home_is_accessible_at_both_widths(page, server)
    section = page.locator("section").filter(has=page.locator("h2#agenda"))
    expect(section).to_contain_text("on the agenda: WL-AGENDA")
    section.get_by_role("link", name="MTEC: WL monthly meeting").click()
    expect(page.get_by_role("heading", name="WL monthly meeting")).to_be_visible()


def test_the_multilateral_officer_sees_the_instruction_she_clears(
    page: Page, server: Server
) -> None:
    start = today() + timedelta(days=10)
    added = nonpro(server.env, server.workdir, "meetings", "add", "--body", "IAEA-BOG",
                   "--title", "WL special session", "--start", start.isoformat(),
                   "--end", (start + timedelta(days=2)).isoformat(), "--json")  # fmt: skip
    meeting_id = json.loads(added)["id"]
    drafted = nonpro(server.env, server.workdir, "instructions", "draft", meeting_id,
                     "--title", "WL instruction", "--mission", "USMISSION UNVIE",
                     "--office", "WL/OFFICE", "--text", "Support it.", "--json")  # fmt: skip
    instruction_id = json.loads(drafted)["id"]
    nonpro(server.env, server.workdir, "instructions", "appoint-clearer", "WL/OFFICE", "lars")
    nonpro(server.env, server.workdir, "instructions", "submit", instruction_id)
    sign_in(page, server, "lars")
    _home_is_accessible_at_both_widths(page, server)
    expect(page.locator("section").filter(has=page.locator("h2#meetings"))).to_contain_text(
        "WL special session"
    )
    section = page.locator("section").filter(has=page.locator("h2#clearances"))
    expect(section).to_contain_text("waiting for WL/OFFICE's clearance")
    section.get_by_role("link", name="WL instruction (USMISSION UNVIE)").click()
    expect(page.get_by_role("heading", name="Instruction: WL instruction")).to_be_visible()
