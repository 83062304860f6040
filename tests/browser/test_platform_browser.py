"""Sign-in, failed sign-in, a forbidden page and the admin pages, in a real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_sign_in_lands_on_the_dashboard(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page).to_have_url(re.compile(r"/signin\?next=/$"))
    assert axe_violations(page) == []
    sign_in(page, server, "ana")
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
    expect(page.get_by_text("Your role: Export-review analyst")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_failed_sign_in_says_why_and_stays(page: Page, server: Server) -> None:
    sign_in(page, server, "ana", "not the password at all")
    expect(page.get_by_role("alert")).to_contain_text("unknown user name or wrong password")
    expect(page.get_by_label("User name")).to_have_value("ana")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert axe_violations(page) == []


def test_viewer_may_not_open_the_users_page(page: Page, server: Server) -> None:
    sign_in(page, server, "vic")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Users")
    ).to_have_count(0)
    response = page.goto(f"{server.url}/admin/users")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    assert axe_violations(page) == []


def test_admin_creates_a_user_by_keyboard_and_sees_the_audit_trail(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "admin")
    page.get_by_role("link", name="Users").click()
    assert axe_violations(page) == []
    page.get_by_label("User name").fill("cbp-rep")
    page.get_by_label("Role", exact=True).select_option("agency_reviewer")
    page.get_by_label("Agency", exact=True).select_option("DHS")
    page.get_by_label("Initial password").fill("short")
    page.get_by_label("Initial password").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("password")
    page.get_by_label("Initial password").fill("a much longer password")
    page.get_by_label("Initial password").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Created user cbp-rep")
    new_row = page.get_by_role("row").filter(has_text="cbp-rep")
    expect(new_row.get_by_title("agency_reviewer")).to_have_text("Agency representative")
    expect(new_row).to_contain_text("DHS")
    # Disabling asks first and says what it does; enabling and a new role need no question.
    new_row.get_by_role("link", name="Disable cbp-rep").click()
    expect(page.get_by_role("heading", name="Disable cbp-rep?")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("can no longer sign in")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Disable cbp-rep").click()
    expect(page.get_by_role("status")).to_contain_text("Disabled cbp-rep")
    new_row = page.get_by_role("row").filter(has_text="cbp-rep")
    new_row.get_by_role("button", name="Enable cbp-rep").click()
    expect(page.get_by_role("status")).to_contain_text("Enabled cbp-rep")
    new_row = page.get_by_role("row").filter(has_text="cbp-rep")
    new_row.get_by_label("Role of cbp-rep").select_option("viewer")
    new_row.get_by_role("button", name="Change role of cbp-rep").click()
    expect(page.get_by_role("status")).to_contain_text("cbp-rep is now Viewer")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("status")).to_contain_text("Hash chain intact")
    expect(page.get_by_role("cell", name="user:cbp-rep").first).to_be_visible()
    assert axe_violations(page) == []


def test_a_user_makes_and_revokes_an_api_token(page: Page, server: Server) -> None:
    sign_in(page, server, "ana")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name (what uses it)").fill("nightly screening")
    page.get_by_label("Expires after").fill("30")
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_role("heading", name="Your new token “nightly screening”")).to_be_visible()
    expect(page.locator("#new-token")).to_contain_text("np_")
    assert axe_violations(page) == []
    row = page.get_by_role("row").filter(has_text="nightly screening")
    expect(row).to_contain_text("active")
    row.get_by_role("link", name="Revoke nightly screening").click()
    question = page.get_by_role("heading", name="Revoke the token “nightly screening”?")
    expect(question).to_be_visible()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_role("status")).to_contain_text("Revoked the token")
    expect(page.get_by_role("row").filter(has_text="nightly screening")).to_contain_text("revoked")
    assert axe_violations(page) == []


def test_agencies_page_and_countries_lookup(page: Page, server: Server) -> None:
    sign_in(page, server, "admin")
    page.get_by_role("link", name="Agencies").click()
    expect(page.get_by_label("Name of DEFENSE_DTSA")).to_have_value(re.compile("Defense"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Countries").click()
    page.get_by_label("Name or code").fill("Soviet Union")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_role("cell", name="SUN")).to_be_visible()
    assert axe_violations(page) == []


def test_the_api_docs_render_with_the_policy_on_and_no_cdn(page: Page, server: Server) -> None:
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.log('CSP refused ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{server.url}/docs")
    # The first OpenAPI description is built on demand, which takes a few seconds.
    expect(page.get_by_role("heading", name=re.compile("^nonpro"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("/api/health").first).to_be_visible()
    assert not [line for line in blocked if line.startswith("CSP refused")]
    assert all(url.startswith(server.url) for url in fetched), fetched
