"""The change-password page and an administrator's reset, in a real Chromium (issue 19, 8)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, Server, axe_violations, sign_in

pytestmark = pytest.mark.browser
NEW_PASSWORD = "plum tractor velvet oxide"


def _fill_change(page: Page, current: str, new: str, again: str) -> None:
    page.get_by_label("Current password").fill(current)
    page.get_by_label("New password", exact=True).fill(new)
    page.get_by_label("New password again").fill(again)
    page.get_by_label("New password again").press("Enter")


def test_a_user_changes_their_password_from_the_header(page: Page, server: Server) -> None:
    sign_in(page, server, "pat")
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change password")).to_be_visible()
    assert axe_violations(page) == []

    _fill_change(page, "not my password at all", NEW_PASSWORD, NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("is not your current password")
    expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Current password")).to_have_value("")  # no password kept
    assert axe_violations(page) == []

    _fill_change(page, PASSWORD, "password12345", "password12345")
    expect(page.get_by_role("alert")).to_contain_text("too easy to guess")
    expect(page.get_by_label("New password", exact=True)).to_have_attribute("aria-invalid", "true")

    _fill_change(page, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    expect(page.get_by_role("status")).to_contain_text("Your password is changed")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, server, "pat", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()


def test_a_reset_user_must_choose_a_new_password_first(page: Page, server: Server) -> None:
    sign_in(page, server, "admin")
    page.get_by_role("link", name="Users").click()
    page.get_by_role("button", name="Reset password of rita").click()
    notice = page.get_by_role("status").filter(has_text="one-time password of rita")
    found = re.search(r"rita is (\S+) ", notice.inner_text())
    assert found, notice.inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, server, "rita", found.group(1))
    expect(page).to_have_url(re.compile(r"/account/password$"))
    expect(page.get_by_text("You must choose a new password")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{server.url}/")
    expect(page).to_have_url(re.compile(r"/account/password$"))
    _fill_change(page, found.group(1), NEW_PASSWORD, NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
