"""Journeys 1–3 with the handoff in a real Chromium: the analyst opens her case and requests a
referral to MTEC from the case page, where a decided case like hers shows as a precedent with
what it shares and how it was decided; the MTEC chair accepts it; Defense advises denial and
Commerce approval with provisos and the conflict shows; the chair records the meeting. axe checks
every page. Commerce then appeals to the Operating Committee and the chair records its outcome,
which the case page shows. (Marking a hit is journey 1's own browser test,
test_cases_browser.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in
from tests.cases.conftest import case_json

pytestmark = pytest.mark.browser
REF = "J1-HANDOFF"
PRECEDENT = "J1-PRECEDENT"


def test_analyst_requests_chair_accepts_agencies_advise_chair_meets(
    page: Page, server: Server
) -> None:
    path = Path(server.workdir) / f"{REF}.json"
    path.write_text(json.dumps(case_json(REF)), "utf-8")
    nonpro(server.env, server.workdir, "cases", "create", str(path), "--submit")
    nonpro(server.env, server.workdir, "cases", "transition", REF, "under_review")
    # A precedent: an advisory opinion on the same gyro for the same end user, approved.
    earlier = Path(server.workdir) / f"{PRECEDENT}.json"
    earlier.write_text(json.dumps(case_json(PRECEDENT, type="advisory_opinion")), "utf-8")
    nonpro(server.env, server.workdir, "cases", "create", str(earlier), "--submit")
    nonpro(server.env, server.workdir, "cases", "transition", PRECEDENT, "under_review")
    why = "Civil Earth-observation programme, assurances on file"
    nonpro(
        server.env, server.workdir, "cases", "transition", PRECEDENT, "approved",
        "--justification", why,
    )  # fmt: skip

    sign_in(page, server, "ana")
    page.goto(f"{server.url}/cases/{REF}")
    expect(page.get_by_role("heading", name=f"Case {REF}")).to_be_visible()
    precedents = page.locator("#precedents")
    expect(precedents.get_by_role("link", name=PRECEDENT)).to_be_visible()
    expect(precedents).to_contain_text("same Annex entry 9.A.4")
    expect(precedents).to_contain_text("same end user Tsukuba Space Instruments KK")
    expect(precedents).to_contain_text(f"Justification: {why}")
    assert axe_violations(page) == []
    precedents.get_by_role("link", name="Search all decided cases").click()
    page.get_by_label("Outcome").select_option("approved")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("table.precedents")).to_contain_text(PRECEDENT)
    assert axe_violations(page) == []
    page.goto(f"{server.url}/cases/{REF}")
    expect(page.locator("#to")).not_to_contain_text("referred")  # only through a referral
    page.get_by_label("Group", exact=True).select_option("MTEC")
    page.get_by_label("Note for the chair").fill("End user near a space launch programme")
    page.get_by_role("button", name="Request a referral").click()
    expect(page.get_by_role("status").first).to_contain_text("Referral requested")
    expect(page.locator("#referral-requests")).to_contain_text("open")
    assert axe_violations(page) == []
    page.goto(f"{server.url}/interagency")
    expect(page.locator("form[action='/interagency/refer']")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, server, "chris")
    page.goto(f"{server.url}/interagency")
    requests = page.locator("#requests")
    expect(requests).to_contain_text(REF)
    expect(requests).to_contain_text("End user near a space launch programme")
    assert axe_violations(page) == []
    requests.get_by_role("button", name="Accept into MTEC").click()
    expect(page.get_by_role("heading", name=f"Case {REF} before MTEC")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, server, "dora")
    page.goto(f"{server.url}/interagency")
    page.locator("#queue").get_by_role("link", name=REF).click()
    page.get_by_label("Deny").check()
    page.get_by_label("Reasons (one a line; a denial needs at least one)").fill(
        "Gyro stability fits missile guidance"
    )
    page.get_by_role("button", name="Record advice").click()
    expect(page.get_by_role("status").first).to_contain_text("Advice recorded.")

    page.context.clear_cookies()
    sign_in(page, server, "cole")
    page.goto(f"{server.url}/interagency")
    page.locator("#queue").get_by_role("link", name=REF).click()
    page.get_by_label("Approve with provisos").check()
    page.get_by_label("Stated end use only").check()
    page.get_by_role("button", name="Record advice").click()
    outcome = page.locator("#outcome")
    expect(outcome).to_contain_text("Conflict")
    expect(outcome).to_contain_text("DEFENSE_DTSA deny")
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(page, server, "chris")
    page.goto(f"{server.url}/interagency")
    page.get_by_label("Meeting of group").select_option("MTEC")
    page.get_by_label("Cases for the agenda (references, comma-separated)").fill(REF)
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("Meeting scheduled.")
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA"):
        page.get_by_label(f"{agency} present").check()
    page.get_by_role("button", name="Record attendance").click()
    page.get_by_label(f"Vote of STATE_ISN_MTR on {REF}").select_option("deny")
    page.get_by_label(f"Vote of DEFENSE_DTSA on {REF}").select_option("deny")
    page.get_by_label(f"Vote of COMMERCE_BIS on {REF}").select_option("approve")
    page.get_by_role("button", name=f"Record the votes on {REF}").click()
    page.get_by_label(f"Chair's recommendation on {REF}").select_option("deny")
    page.get_by_label("Reasons", exact=True).fill("Majority of the group")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator("#result-1")).to_contain_text("deny")
    assert axe_violations(page) == []

    # Commerce dissents to the Operating Committee; the chair records its outcome, which the
    # case page shows.
    page.context.clear_cookies()
    sign_in(page, server, "cole")
    page.goto(f"{server.url}/interagency")
    page.locator("#queue").get_by_role("link", name=REF).click()
    page.get_by_label("To", exact=True).select_option("operating_committee")
    page.get_by_label("Why").fill("Commerce dissents from the denial")
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("status").first).to_contain_text("Escalation recorded.")

    page.context.clear_cookies()
    sign_in(page, server, "chris")
    page.goto(f"{server.url}/cases/{REF}")
    page.locator("#case-escalations").get_by_role("link", name="MTEC").click()
    page.get_by_label("Outcome at the operating committee").select_option("deny")
    page.get_by_label("What was decided, in words").fill("The OC chair upholds the denial")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Record the operating committee decision").click()
    expect(page.locator("#escalation-operating_committee")).to_contain_text("deny on")
    page.goto(f"{server.url}/cases/{REF}")
    expect(page.locator("#case-escalations")).to_contain_text("The OC chair upholds the denial")
    assert axe_violations(page) == []
