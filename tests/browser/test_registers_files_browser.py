"""Journey 5, the files: the multilateral officer opens the FMCT file, records a state's
position with its source, and sees it in the file's timeline; the page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_record_a_position_and_see_it_in_the_timeline(page: Page, server: Server) -> None:
    sign_in(page, server, "mona")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Files and agreements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Negotiation files")
    page.get_by_role(
        "link", name="Fissile material cut-off treaty and fissile material moratoria"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fissile material cut-off")
    assert axe_violations(page) == []

    form = page.get_by_role("form", name="Record a position")
    form.get_by_label("State").fill("Brazil")
    form.get_by_label("Date").fill("2024-05-14")
    form.get_by_label("Forum").select_option("CD")
    form.get_by_label("Stance, in a few words").fill("Supports starting negotiations")
    # The source is required: the browser refuses the form until it is filled.
    form.get_by_label("Source (document symbol or URL)").fill("CD/PV.1700")
    form.get_by_role("button", name="Record position").click()

    expect(page.get_by_role("status")).to_have_text("Position recorded.")
    timeline = page.get_by_role("table", name="Positions, position paper versions")
    row = timeline.get_by_role("row").filter(has_text="Supports starting negotiations")
    expect(row).to_contain_text("2024-05-14")
    expect(row).to_contain_text("BRA (CD, statement)")
    expect(row).to_contain_text("CD/PV.1700")
    assert axe_violations(page) == []

    # The register of agreements starts empty and the voting record page names a bad series.
    page.get_by_role("navigation", name="Multilateral files").get_by_role(
        "link", name="UNGA votes"
    ).click()
    record = page.get_by_role("form", name="Voting record")
    record.get_by_label("State").fill("Brazil")
    record.get_by_label("Resolution series").fill("NOPE")
    record.get_by_role("button", name="Show record").click()
    expect(page.get_by_role("alert")).to_contain_text("series")
    assert axe_violations(page) == []
