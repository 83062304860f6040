"""The people and data the probes need, made as an office would: the CLI, then the API."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from bench.security_probes.world import (
    AGENCY_A,
    AGENCY_B,
    LISTED_NAME,
    PASSWORD,
    Headers,
    Target,
    World,
    change_password,
    cli,
    expect,
    short,
)
from tests.cases.conftest import case_json

SEEDING_TIMEOUT = 120.0  # the first case builds the screening index
VOTE_REASONS = "Probe vote: the end user is on the UN list"  # agency A's, for A's eyes only
RENEWED = "Probe-" + secrets.token_urlsafe(18)  # for accounts made to change theirs at first use
PEOPLE = {  # the name the probes use: (role, agency)
    "analyst": ("analyst", None),
    "chair": ("chair", "STATE_ISN_MTR"),
    "rep_a": ("agency_reviewer", AGENCY_A),
    "rep_b": ("agency_reviewer", AGENCY_B),
    "officer": ("multilateral_officer", None),
    "sanctions": ("sanctions_officer", None),
    "alice": ("viewer", None),
}


def settle(world: World, username: str, token: Headers) -> None:
    """An account the server makes change its password before anything else has it changed
    now, so that the probes meet the account and not that gate."""
    with httpx.Client(base_url=world.url, headers=token, timeout=SEEDING_TIMEOUT) as api:
        me = api.get("/api/me")
    if me.status_code != 403 or "password" not in me.text.lower():
        return
    changed = change_password(world, token, PASSWORD, RENEWED)
    if changed is None or changed.status_code >= 300:
        raise RuntimeError(f"{username} must change the password first: {short(me)}")
    world.passwords[username] = RENEWED


def _cli_token(target: Target, username: str) -> Headers:
    made = cli(target, "tokens", "create", username)
    if made.returncode != 0:
        raise RuntimeError(f"tokens create: {made.stderr[-300:]}")
    return {"Authorization": f"Bearer {made.stdout.strip()}"}


def _admin(world: World) -> Headers:
    """An administrator made with the CLI, with the UN list loaded: what `nonpro` sets up."""
    target, name = world.target, f"probe-admin-{world.run_id}"
    assert target.server is not None
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
    lists = Path(target.server.env["NONPRO_SHARED_DIR"]) / "data" / "lists" / "un_2026-02"
    if lists.is_dir():
        cli(target, "lists", "load", str(lists))
    settle(world, name, _cli_token(target, name))
    return _cli_token(target, name)  # a fresh one: a password change may end the others


def seed(target: Target, run_id: str, admin_token: str | None, wanted: bool) -> World:
    """The world the probes need; unseeded (saying why) if it cannot be made."""
    world = World(target, run_id)
    if not wanted or (target.server is None and not admin_token):
        return world
    try:
        if target.server is not None:
            world.tokens["admin"] = _admin(world)
        else:
            world.tokens["admin"] = {"Authorization": f"Bearer {admin_token}"}
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


def new_person(world: World, username: str, role: str, agency: str | None = None) -> Headers:
    """A user made by the administrator through the API, ready to use; their token."""
    user = {"username": username, "role": role, "password": PASSWORD, "agency": agency}
    with world.api("admin", SEEDING_TIMEOUT) as admin:
        expect(admin.post("/api/users", json=user), 201)

        def token() -> Headers:
            made = expect(admin.post("/api/tokens", json={"username": username}), 201)
            return {"Authorization": f"Bearer {made['token']}"}

        settle(world, username, token())
        return token()


def _seed_people(world: World) -> None:
    for who, (role, agency) in PEOPLE.items():
        username = f"probe{who.replace('_', '')}{world.run_id}"
        world.tokens[who] = new_person(world, username, role, agency)
        world.usernames[who] = username


def probe_case(reference: str) -> dict[str, Any]:
    """The suite's clean case, with a listed end user so that screening raises an alert."""
    parties = [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "end_user", "name": LISTED_NAME, "country": "KP"},
    ]
    return case_json(reference, parties=parties)


def _seed_case(world: World) -> None:
    """A case referred to agency A only, on a meeting's agenda with A's vote."""
    world.case_reference = f"PROBE-{world.run_id.upper()}"
    with world.api("chair", SEEDING_TIMEOUT) as chair:
        case = expect(chair.post("/api/cases", json=probe_case(world.case_reference)), 201)
        for target in ("submitted", "under_review"):
            move = {"to": target, "version": case["version"]}
            case = expect(chair.post(f"/api/cases/{case['id']}/transitions", json=move), 200)
        referral = {"case": world.case_reference, "group": "MTEC", "agencies": [AGENCY_A]}
        made = chair.post("/api/interagency/referrals", json=referral)
        world.referral_id = expect(made, 201)["id"]
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
            "reasons": VOTE_REASONS,
        }
        expect(chair.post(f"{base}/votes", json=vote), 200, 201)


def _seed_screening(world: World) -> None:
    """A disposition with a note on the listed party, if the list is loaded."""
    party = {"name": LISTED_NAME, "country": "KP"}
    with world.api("analyst", SEEDING_TIMEOUT) as analyst:
        hits = expect(analyst.post("/api/screen", json=party), 200).get("hits", [])
        if not hits:
            return
        world.disposition_note = f"PROBE-NOTE-{world.run_id} on case {world.case_reference}"
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
