"""Journey 4, steps 1-2: the sanctions officer evaluates a reported transfer, records the
determination, and the entity is screened against at once (two kept parties light up)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, nonpro, sign_in

pytestmark = pytest.mark.browser
COMPANY = "Gamma Orbital Guidance Systems"


def test_evaluate_record_and_screen(page: Page, server: Server) -> None:
    # Two parties of open cases, kept for re-screening before any determination exists.
    for name in (COMPANY, "Gamma Orbital Guidance Systems Ltd"):
        nonpro(server.env, server.workdir, "screen", name, "--keep")

    sign_in(page, server, "sofia")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sanctions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanctions register")
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Sanctions").get_by_role(
        "link", name="Evaluate an activity"
    ).click()

    # Step 1: a foreign company shipped guidance sets to a non-adherent's missile program.
    page.get_by_label("Name", exact=True).fill(COMPANY)
    page.get_by_label("Nationality").fill("Malaysia")
    page.get_by_label("Kind").select_option("transfer")
    page.get_by_label("Date", exact=True).fill("2026-03-01")
    page.get_by_label("MTCR Annex entry").fill("2.A.1.d")
    page.get_by_label("Country of the missile program").fill("Iran")
    page.get_by_label("Substantially contributed").check()
    page.get_by_role("button", name="Evaluate").click()

    aeca = page.locator("article.authority").filter(has_text="AECA 73: applies (mandatory)")
    expect(aeca).to_contain_text("contracts_all")
    expect(aeca).to_contain_text("not less than 2 years")
    expect(aeca).to_contain_text("22 U.S.C. 2797b(a)(2)(C)")
    expect(aeca).to_contain_text("no MTCR adherent authorized the trade")
    expect(page.locator("article.authority").filter(has_text="AECA 72")).to_contain_text(
        "does not apply"
    )
    expect(page.get_by_role("note").first).to_contain_text("45 working days")
    assert axe_violations(page) == []

    # Step 2: record the determination; the entity is screened against at once.
    page.get_by_label("Aliases (separated by ;)").fill("GOGS")
    page.get_by_role("button", name="Record determination").click()
    hits = page.locator("#new-hits")
    # Other browser tests share the server and keep parties of their own: name ours, not a count.
    expect(hits).to_contain_text("kept parties now hit")
    expect(hits).to_contain_text("Gamma Orbital Guidance Systems (manual:")
    expect(hits).to_contain_text("Gamma Orbital Guidance Systems Ltd")
    expect(page.get_by_role("link", name="Word (DOCX)")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Screening").click()
    page.get_by_label("Name", exact=True).fill("GOGS")
    page.get_by_role("button", name="Screen", exact=True).click()
    expect(page.locator("article.hit").first).to_contain_text("nonpro-determinations")
