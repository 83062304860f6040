"""At a phone's width (390 px) no page scrolls sideways: wide tables scroll inside their own box,
long codes and addresses wrap (issue 24 item 6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Server, sign_in

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/cases",
    "/treaties",
    "/treaties/instruments/NPT",
    "/controls/classify?text=guidance+set%2C+CEP+10+km+at+300+km+range",
    "/admin/audit",
    "/admin/users",
    "/sanctions",
    "/screening",
]


def test_no_page_scrolls_sideways_at_390_px(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, server, "admin")
    wide = {}
    for path in PAGES:
        response = page.goto(f"{server.url}{path}")
        assert response is not None and response.status < 400, path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            wide[path] = overflow
    assert wide == {}, f"pages wider than the screen (px too wide): {wide}"
