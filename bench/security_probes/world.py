"""What the probes share: the server under probe, the people and data seeded on it, verdicts."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from tests.reliability.live_server import LiveServer

TIMEOUT = httpx.Timeout(20.0)
# Long, random and with no word a strength check could call common.
PASSWORD = "Probe-" + secrets.token_urlsafe(18)
LISTED_NAME = "Korea Mining Development Trading Corporation"  # on the UN list the probe loads
AGENCY_A = "DEFENSE_DTSA"
AGENCY_B = "IC"  # an MTEC member, never asked to advise on the probe's case
Headers = dict[str, str]


@dataclass(frozen=True)
class Outcome:
    verdict: str  # HELD, FAILED or SKIPPED
    came_back: str


def held(came_back: str) -> Outcome:
    return Outcome("HELD", came_back)


def failed(came_back: str) -> Outcome:
    return Outcome("FAILED", came_back)


def skipped(why: str) -> Outcome:
    return Outcome("SKIPPED", why)


def verdict(problems: list[str], fine: str, notes: list[str] | None = None) -> Outcome:
    """FAILED naming the problems found, or HELD saying what came back; with the notes (parts
    of the probe that could not run) either way."""
    told = "; ".join([*problems, *(notes or [])] if problems else [fine, *(notes or [])])
    return failed(told) if problems else held(told)


@dataclass(frozen=True)
class Target:
    url: str
    server: LiveServer | None  # None: a server the probe did not start
    database: Path | None  # its SQLite file, when the probe owns it


@dataclass
class World:
    """The server and what was seeded on it. The probes change nothing of the seed; they add the
    5xx they meet and the passwords they had to change."""

    target: Target
    run_id: str
    seeded: bool = False
    unseeded_because: str = "needs seeded accounts: give --admin-token with --base-url"
    tokens: dict[str, Headers] = field(default_factory=dict)  # by the names of seeding.PEOPLE
    usernames: dict[str, str] = field(default_factory=dict)
    case_reference: str = ""
    referral_id: str = ""
    meeting_id: str = ""
    multilateral_meeting_id: str = ""
    disposition_note: str = ""
    screened_party: dict[str, Any] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # by user name, if not PASSWORD
    # Every 5xx any probe met, for probe 18 to check its headers: an error page is an answer too.
    server_errors: list[httpx.Response] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.target.url

    def api(self, who: str | None = None, timeout: float | None = None) -> httpx.Client:
        headers = self.tokens[who] if who else {}
        return httpx.Client(
            base_url=self.url, headers=headers, timeout=timeout or TIMEOUT, event_hooks=self.hooks
        )

    @property
    def hooks(self) -> dict[str, list[Callable[[httpx.Response], None]]]:
        return {"response": [self._note_server_error]}

    def _note_server_error(self, answer: httpx.Response) -> None:
        if answer.status_code >= 500:
            self.server_errors.append(answer)

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = httpx.get(f"{self.url}/api/openapi.json", timeout=TIMEOUT).json()
        return schema

    def password_of(self, username: str) -> str:
        return self.passwords.get(username, PASSWORD)

    @contextmanager
    def web(self, who: str) -> Iterator[httpx.Client]:
        """A browser-like client signed in as ``who``."""
        with httpx.Client(base_url=self.url, timeout=TIMEOUT, event_hooks=self.hooks) as client:
            username = self.usernames[who]
            answer = sign_in(client, username, self.password_of(username))
            if not signed_in(answer):
                raise RuntimeError(f"sign-in of {who} answered {answer.status_code}")
            yield client


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"|name="csrf-token" content="([^"]+)"')


def csrf_of(page: httpx.Response) -> str:
    found = CSRF.search(page.text)
    if found is None:
        raise RuntimeError(f"no CSRF token on {page.url}")
    return found.group(1) or found.group(2)


def sign_in(
    client: httpx.Client, username: str, password: str, headers: Headers | None = None
) -> httpx.Response:
    token = csrf_of(client.get("/signin"))
    form = {"username": username, "password": password, "csrf_token": token, "next": "/"}
    return client.post("/signin", data=form, headers=headers or {})


def signed_in(answer: httpx.Response) -> bool:
    return answer.status_code == 303 and "signin" not in answer.headers.get("location", "")


def cli(
    target: Target, *args: str, stdin: str | None = None, database: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`nonpro ARGS` as the server's administrator runs it (optionally on another file)."""
    assert target.server is not None
    env = dict(target.server.env)
    if database is not None:
        env["NONPRO_DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run(
        [sys.executable, "-c", "from nonpro.cli.main import run; run()", *args],
        env=env,
        cwd=target.server.workdir,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def short(answer: httpx.Response, length: int = 90) -> str:
    text = " ".join(answer.text.split())
    return f"{answer.status_code} {text[:length]}"


def expect(answer: httpx.Response, *codes: int) -> dict[str, Any]:
    if answer.status_code not in codes:
        raise RuntimeError(f"seeding {answer.request.url.path}: {short(answer, 300)}")
    body: dict[str, Any] = answer.json() if answer.content else {}
    return body


def password_change_operation(world: World) -> tuple[str, str, list[str]] | None:
    """The API's change-password operation, found in its OpenAPI schema (the probe is written
    before it exists): method, path and the names of its password fields."""
    schema = world.openapi()
    for path, operations in schema.get("paths", {}).items():
        if "password" not in path or "{" in path:
            continue
        for method in ("post", "put", "patch"):
            if method in operations:
                body = operations[method].get("requestBody", {}).get("content", {})
                ref = body.get("application/json", {}).get("schema", {}).get("$ref", "")
                model = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
                fields = [name for name in model.get("properties", {}) if "password" in name]
                return method, path, fields
    return None


def change_password(
    world: World, headers: Headers, current: str, new: str
) -> httpx.Response | None:
    """Change the password of whoever ``headers`` name; None if the API has no way to."""
    operation = password_change_operation(world)
    if operation is None:
        return None
    method, path, fields = operation
    body = {name: current if ("current" in name or "old" in name) else new for name in fields}
    with httpx.Client(base_url=world.url, headers=headers, timeout=TIMEOUT) as api:
        return api.request(method, path, json=body)
