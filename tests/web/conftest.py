"""Helpers for page tests: sign in through the form, read CSRF tokens (``client`` is shared)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    return response.status_code


def problem_beside(html: str, field: str) -> str:
    """The message shown beside ``field``, which points to it; fails when there is none."""
    shown = rf'<span class="field-problem" id="{re.escape(field)}-problem">([^<]*)<'
    message = re.search(shown, html)
    assert message, f"no problem shown beside {field}"
    problem = re.escape(f"{field}-problem")
    pointer = rf'id="{re.escape(field)}"[^>]*aria-describedby="(?:[^"]* )?{problem}(?: [^"]*)?"'
    assert re.search(pointer, html), f"{field} does not point to its problem"
    return message.group(1)
