"""Session cookie flags, security headers, and uploaded documents that only ever download."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from nonpro.app import SESSION_COOKIE
from nonpro.http.downloads import attachment_headers
from nonpro.http.headers import SecurityHeadersMiddleware
from tests.cases.conftest import case_json
from tests.conftest import REPO_ROOT

Bearer = Callable[..., dict[str, str]]


def _session_cookie(client: TestClient, base_url: str) -> str:
    response = client.get(f"{base_url}/signin")
    cookies = [c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)]
    assert len(cookies) == 1
    return cookies[0].lower()


def test_the_session_cookie_is_httponly_samesite_and_secure_only_over_https(
    client: TestClient,
) -> None:
    plain = _session_cookie(client, "http://testserver")
    assert "httponly" in plain and "samesite=lax" in plain and "secure" not in plain
    client.cookies.clear()
    over_tls = _session_cookie(client, "https://testserver")
    assert "httponly" in over_tls and "samesite=lax" in over_tls and over_tls.endswith("; secure")


def test_secure_cookies_always_marks_them_even_over_http(client: TestClient) -> None:
    for middleware in client.app.user_middleware:  # type: ignore[attr-defined]
        if middleware.cls is SecurityHeadersMiddleware:
            middleware.kwargs["secure_cookies"] = "always"
    client.app.middleware_stack = None  # type: ignore[attr-defined]  # rebuilt with the change
    assert "secure" in _session_cookie(client, "http://testserver")


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/signin", "/api/health", "/static/nonpro.css"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy


def test_an_uploaded_document_is_always_a_download(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.ANALYST, "ana")
    case = client.post("/api/cases", json=case_json("DL-1"), headers=headers).json()
    text = b"<script>alert(1)</script> plain text, not a page"
    added = client.post(
        f"/api/cases/{case['id']}/documents",
        headers=headers,
        files={"file": ('note"; x=.txt', text, "text/html")},
    ).json()
    fetched = client.get(f"/api/cases/DL-1/documents/{added['id']}", headers=headers)
    assert fetched.content == text
    assert fetched.headers["content-type"].startswith("text/plain")  # the checked type, not theirs
    assert fetched.headers["content-disposition"].startswith("attachment;")
    assert fetched.headers["x-content-type-options"] == "nosniff"
    refused = client.post(
        f"/api/cases/{case['id']}/documents",
        headers=headers,
        files={"file": ("page.html", text, "text/html")},
    )
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "filename"


def test_a_hostile_file_name_cannot_break_the_header() -> None:
    header = attachment_headers('évil"\r\nSet-Cookie: x=1.txt')["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="_vil_Set-Cookie: x=1.txt"')
    assert "filename*=UTF-8''%C3%A9vil%22Set-Cookie%3A%20x%3D1.txt" in header


def test_no_secret_is_committed() -> None:
    """Private keys, tokens and passwords in tracked files (the test password is known)."""
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    markers = ("-----BEGIN", "PRIVATE KEY-----", "AKIA", "ghp_", "xoxb-", "sk_live_")
    found = []
    for name in files:
        path = REPO_ROOT / name
        if path.resolve() == Path(__file__).resolve():
            continue  # this file names the markers it looks for
        if not path.is_file() or path.suffix in {".png", ".pdf", ".docx", ".parquet", ".zip"}:
            continue
        text = path.read_text("utf-8", errors="ignore")
        found += [f"{name}: {m}" for m in markers if m in text]
    tracked_secret_files = [f for f in files if f.endswith(("secret_key", ".pem", ".key", ".env"))]
    assert not found and not tracked_secret_files, found + tracked_secret_files


def test_an_unhandled_error_still_carries_the_security_headers(client: TestClient) -> None:
    def explode() -> None:
        raise RuntimeError("a bug, not a refusal")

    app = client.app
    app.add_api_route("/api/test-explodes", explode)  # type: ignore[attr-defined]
    app.add_api_route("/test-explodes", explode)  # type: ignore[attr-defined]
    with TestClient(app, raise_server_exceptions=False) as plain:
        for path in ("/api/test-explodes", "/test-explodes"):
            response = plain.get(path)
            assert response.status_code == 500, path
            assert response.headers["x-content-type-options"] == "nosniff", path
            assert "script-src 'self'" in response.headers["content-security-policy"], path
            assert "a bug" not in response.text  # the details go to the log only
        assert plain.get("/api/test-explodes").json()["error"]["type"] == "InternalError"


def test_the_api_docs_load_everything_from_this_server_under_the_policy(
    client: TestClient,
) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in page.text  # every script is a file
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(assets) == 3, assets
    for asset in assets:
        assert asset.startswith("/"), asset  # no CDN
        loaded = client.get(asset)
        assert loaded.status_code == 200 and loaded.content, asset
        assert loaded.headers["x-content-type-options"] == "nosniff", asset
    assert "SwaggerUIBundle(" in client.get("/static/swagger-start.js").text
