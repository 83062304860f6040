"""The case page at a glance (issue 24 item 2) in a real Chromium: the recommendation, its
deciding reasons grouped and in words, each opening to its evidence; one line per matched
entity; a decided hit with its decision, note, who and when. axe at 1400 and 390 px."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in
from tests.cases.conftest import case_json

pytestmark = pytest.mark.browser
REF = "GLANCE-1"


def test_the_case_page_shows_the_deciding_reasons_and_the_decided_hit(
    page: Page, server: Server
) -> None:
    parties = [
        {"role": "applicant", "name": "Westfield Propulsion Inc.", "country": "US"},
        {"role": "end_user", "name": "Shahid Hemmat Industrial Group", "country": "IR"},
    ]
    items = [{"description": "Solid propellant rocket motor, total impulse capacity "
              "1.4 x 10^6 N-s, with igniter", "quantity": 2}]  # fmt: skip
    path = Path(server.workdir) / f"{REF}.json"
    path.write_text(json.dumps(case_json(REF, parties=parties, items=items, destination="IR")))
    nonpro(server.env, server.workdir, "cases", "create", str(path), "--submit")

    sign_in(page, server, "ana")
    page.goto(f"{server.url}/cases/{REF}")
    expect(page.locator(".recommendation")).to_contain_text("Deny")
    why = page.locator("#deciding-reasons")
    for group in ("Items", "Destination", "Parties"):
        expect(why.get_by_role("heading", name=group, exact=True)).to_be_visible()
    expect(why).to_contain_text("the MTCR Guidelines presume denial")
    evidence = why.locator("details").first
    expect(evidence.get_by_text("rule R-CAT-I", exact=False)).to_be_hidden()
    evidence.locator("summary").click()
    expect(evidence.get_by_text("rule R-CAT-I", exact=False)).to_be_visible()
    for width in (1400, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"at {width} px"
    page.set_viewport_size({"width": 1400, "height": 900})

    end_user = page.get_by_role("article").filter(has_text="End user: Shahid Hemmat")
    expect(end_user).to_contain_text("Possible match, to be decided: SHAHID HEMMAT")
    end_user.get_by_label("Note on").first.fill("same group; UN 1737 listing")
    end_user.get_by_role("button", name="True match").first.click()
    end_user = page.get_by_role("article").filter(has_text="End user: Shahid Hemmat")
    expect(end_user).to_contain_text("Confirmed match: SHAHID HEMMAT")
    expect(end_user.locator(".hit-decision")).to_contain_text("Decided: true match by ana on")
    expect(end_user.locator(".hit-decision")).to_contain_text("same group; UN 1737 listing")
    assert axe_violations(page) == []
