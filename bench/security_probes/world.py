"""What the probes share: the server under probe, the people and data seeded on it, verdicts."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from tests.reliability.live_server import LiveServer

TIMEOUT = httpx.Timeout(20.0)
SEEDING_TIMEOUT = 120.0  # the first case builds the screening index
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


def verdict(problems: list[str], fine: str) -> Outcome:
    """FAILED naming the problems found, or HELD saying what came back."""
    return failed("; ".join(problems)) if problems else held(fine)


@dataclass(frozen=True)
class Target:
    url: str
    server: LiveServer | None  # None: a server the probe did not start
    database: Path | None  # its SQLite file, when the probe owns it


@dataclass
class World:
    """The server and what was seeded on it; the probes read it and never change the seed."""

    target: Target
    run_id: str
    seeded: bool = False
    unseeded_because: str = "needs seeded accounts: give --admin-token with --base-url"
    tokens: dict[str, Headers] = field(default_factory=dict)  # by role name used below
    usernames: dict[str, str] = field(default_factory=dict)
    case_reference: str = ""
    referral_id: str = ""
    meeting_id: str = ""
    multilateral_meeting_id: str = ""
    disposition_note: str = ""
    screened_party: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.target.url

    def api(self, who: str | None = None, timeout: float | None = None) -> httpx.Client:
        headers = self.tokens[who] if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout or TIMEOUT)

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = httpx.get(f"{self.url}/api/openapi.json", timeout=TIMEOUT).json()
        return schema

    @contextmanager
    def web(self, who: str) -> Iterator[httpx.Client]:
        """A browser-like client signed in as ``who``."""
        with httpx.Client(base_url=self.url, timeout=TIMEOUT) as client:
            answer = sign_in(client, self.usernames[who], PASSWORD)
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


PEOPLE = {  # the name used below: (role, agency)
    "analyst": ("analyst", None),
    "chair": ("chair", "STATE_ISN_MTR"),
    "rep_a": ("agency_reviewer", AGENCY_A),
    "rep_b": ("agency_reviewer", AGENCY_B),
    "officer": ("multilateral_officer", None),
    "sanctions": ("sanctions_officer", None),
    "alice": ("viewer", None),
}


def _admin_token(target: Target, run_id: str) -> Headers:
    name = f"probe-admin-{run_id}"
    made = cli(
        target,
        "users",
        "create",
        name,
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    if made.returncode != 0:
        raise RuntimeError(f"users create: {made.stderr[-300:]}")
    lists = Path(target.server.env["NONPRO_SHARED_DIR"]) / "data" / "lists" / "un_2026-02"  # type: ignore[union-attr]
    if lists.is_dir():
        cli(target, "lists", "load", str(lists))
    token = cli(target, "tokens", "create", name).stdout.strip()
    return {"Authorization": f"Bearer {token}"}


def seed(target: Target, run_id: str, admin_token: str | None, wanted: bool) -> World:
    world = World(target, run_id)
    if not wanted:
        return world
    if target.server is not None:
        world.tokens["admin"] = _admin_token(target, run_id)
    elif admin_token:
        world.tokens["admin"] = {"Authorization": f"Bearer {admin_token}"}
    else:
        return world
    try:
        _seed_people(world)
        _seed_case(world)
        _seed_screening(world)
        with world.api("officer") as officer:
            meeting = officer.post("/api/multilateral/meetings", json=multilateral_meeting(world))
            world.multilateral_meeting_id = expect(meeting, 201)["id"]
    except (RuntimeError, httpx.HTTPError) as error:
        world.unseeded_because = f"seeding failed: {type(error).__name__}: {error}"[:300]
        return world
    world.seeded = True
    return world


def _seed_people(world: World) -> None:
    with world.api("admin", SEEDING_TIMEOUT) as admin:
        for who, (role, agency) in PEOPLE.items():
            username = f"probe{who.replace('_', '')}{world.run_id}"
            user = {"username": username, "role": role, "password": PASSWORD, "agency": agency}
            expect(admin.post("/api/users", json=user), 201)
            token = expect(
                admin.post("/api/tokens", json={"username": username, "name": "probe"}), 201
            )
            world.usernames[who] = username
            world.tokens[who] = {"Authorization": f"Bearer {token['token']}"}


def case_json(reference: str) -> dict[str, Any]:
    return {
        "reference": reference,
        "type": "dual_use_referral",
        "destination": "JP",
        "end_use": "Attitude reference for a commercial Earth-observation satellite",
        "parties": [
            {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
            {"role": "end_user", "name": LISTED_NAME, "country": "KP"},
        ],
        "items": [{"description": "Fibre optic gyro, drift 0.05 deg/h", "quantity": 12}],
    }


def _seed_case(world: World) -> None:
    """A case referred to agency A only, on a meeting's agenda with A's vote."""
    world.case_reference = f"PROBE-{world.run_id.upper()}"
    with world.api("chair", SEEDING_TIMEOUT) as chair:
        case = expect(chair.post("/api/cases", json=case_json(world.case_reference)), 201)
        for target in ("submitted", "under_review"):
            move = {"to": target, "version": case["version"]}
            case = expect(chair.post(f"/api/cases/{case['id']}/transitions", json=move), 200)
        referral = {"case": world.case_reference, "group": "MTEC", "agencies": [AGENCY_A]}
        world.referral_id = expect(chair.post("/api/interagency/referrals", json=referral), 201)[
            "id"
        ]
        meeting = {
            "group": "MTEC",
            "held_on": date.today().isoformat(),
            "cases": [world.case_reference],
        }
        world.meeting_id = expect(chair.post("/api/interagency/meetings", json=meeting), 201)["id"]
        base = f"/api/interagency/meetings/{world.meeting_id}"
        for agency in (AGENCY_A, AGENCY_B, "STATE_ISN_MTR"):
            expect(chair.post(f"{base}/attendance", json={"agency": agency}), 200)
        vote = {
            "case": world.case_reference,
            "agency": AGENCY_A,
            "choice": "deny",
            "reasons": "Probe vote: end user is listed",
        }
        expect(chair.post(f"{base}/votes", json=vote), 200, 201)


def _seed_screening(world: World) -> None:
    """A disposition with a note on the listed party, if the list is loaded."""
    party = {"name": LISTED_NAME, "country": "KP"}
    with world.api("analyst", SEEDING_TIMEOUT) as analyst:
        hits = expect(analyst.post("/api/screen", json=party), 200).get("hits", [])
        if not hits:
            return
        world.disposition_note = (
            f"PROBE-NOTE-{world.run_id}: cleared on case {world.case_reference}"
        )
        disposition = {
            "query": party,
            "entry_id": hits[0]["entry_id"],
            "decision": "true_match",
            "note": world.disposition_note,
        }
        expect(analyst.post("/api/dispositions", json=disposition), 201)
        world.screened_party = party


def multilateral_meeting(world: World, **changes: str) -> dict[str, Any]:
    meeting = {
        "body": "IAEA-BOG",
        "title": f"Probe board {world.run_id}",
        "start_date": "2026-06-08",
        "end_date": "2026-06-12",
    }
    return {**meeting, **changes}
