"""A real nonpro server on a free port and Debian's Chromium driven by Playwright.

The server runs as a user would run it (`nonpro db upgrade`, `reference load`, `serve`) on its own
SQLite file; users are created with the CLI. Accessibility is checked with axe-core, installed by
`make test` into .cache/npm.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.reliability.live_server import Command, administer, serving

REPO_ROOT = Path(__file__).resolve().parents[2]
# ``../shared`` beside the clone, or NONPRO_SHARED_DIR (as in tests/conftest.py).
SHARED_DATA = (
    Path(os.environ.get("NONPRO_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve() / "data"
)
SHARED_LISTS = SHARED_DATA / "lists"
AXE_PATH = REPO_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "browser test password"
USERS = {"admin": "admin", "ana": "analyst", "vic": "viewer"}
USERS["cora"] = "analyst"  # a compliance officer outside government (journey 7)
USERS["sofia"] = "sanctions_officer"  # the sanctions officer (journey 4)
USERS["mona"] = "multilateral_officer"  # the multilateral officer (journey 5)
USERS["lars"] = "multilateral_officer"  # clears instructions for the offices (journey 5)
USERS["milo"] = "multilateral_officer"  # approves instructions (journey 5)
USERS["chris"] = "chair"  # the MTEC chair (journey 3)
USERS["dora"] = "agency_reviewer"  # Defense's representative (journey 2)
USERS["cole"] = "agency_reviewer"  # Commerce's representative (journey 2)
USERS["pat"] = "viewer"  # changes their own password
USERS["rita"] = "viewer"  # has their password reset by the administrator
# Agency of a user, where the role needs one (`users create --agency`).
USER_AGENCIES = {"chris": "STATE_ISN_MTR", "dora": "DEFENSE_DTSA", "cole": "COMMERCE_BIS"}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    for candidate in (os.environ.get("NONPRO_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    pytest.fail("browser tests need Debian's chromium: apt-get install chromium (see .ci/run)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def nonpro(env: dict[str, str], cwd: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "from nonpro.cli.main import run; run()", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"nonpro {' '.join(args)}: {result.stderr}"
    return result.stdout


@dataclass
class Server:
    url: str
    env: dict[str, str]
    workdir: Path


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {
        **os.environ,
        "NONPRO_DATABASE_URL": f"sqlite:///{workdir / 'nonpro.db'}",
        "NONPRO_SECRET_KEY": secrets.token_urlsafe(48),
        "NONPRO_SIGN_IN_ATTEMPTS": "50",
    }
    # The UN list is small and real: enough for screening journeys without slowing start-up.
    setup: list[Command] = [
        (["db", "upgrade"], None),
        (["reference", "load"], None),
        (["lists", "load", str(SHARED_LISTS / "un_2026-02")], None),
    ]
    for username, role in USERS.items():
        agency = ["--agency", USER_AGENCIES[username]] if username in USER_AGENCIES else []
        create = ["users", "create", username, "--role", role, "--password-stdin", *agency]
        setup.append((create, PASSWORD + "\n"))
    administer(env, workdir, setup)
    with serving(env, workdir, port) as url:
        yield Server(url=url, env=env, workdir=workdir)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; the test fails if the Content-Security-Policy refused anything on it."""
    context = browser.new_context()
    opened = context.new_page()
    refused: list[str] = []
    opened.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield opened
    context.close()
    assert not refused, f"the page broke its own Content-Security-Policy: {refused[:3]}"


def sign_in(page: Page, server: Server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{server.url}/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core missing at {AXE_PATH}: run `make test` (it installs it)")
    # Evaluated through the DevTools protocol: the page's CSP refuses injected <script> tags.
    page.evaluate(AXE_PATH.read_text("utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
