"""Items 5-8: agency deactivation, sessions and tokens, the sign-in throttle, password strength."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from bench.security_probes.seeding import new_person
from bench.security_probes.world import (
    TIMEOUT,
    Outcome,
    World,
    change_password,
    cli,
    csrf_of,
    expect,
    short,
    sign_in,
    signed_in,
    skipped,
    verdict,
)

WEAK = "password123456"


def _still_in(page: httpx.Response) -> bool:
    """A web answer that is the page itself, not a way to the sign-in form."""
    return page.status_code == 200 and 'action="/signin"' not in page.text


def deactivated(world: World) -> Outcome:
    code, username = f"PROBE_{world.run_id.upper()}", f"probeagency{world.run_id}"
    with world.api("admin") as admin:
        expect(admin.post("/api/agencies", json={"code": code, "name": "Probe agency"}), 201)
    token = new_person(world, username, "agency_reviewer", code)
    with httpx.Client(base_url=world.url, timeout=TIMEOUT) as web, world.api() as api:
        if not signed_in(sign_in(web, username, world.password_of(username))):
            return skipped("the new representative could not sign in: set-up is wrong")
        before = api.get("/api/me", headers=token).status_code
        with world.api("admin") as admin:
            expect(admin.patch(f"/api/agencies/{code}", json={"active": False}), 200)
        after_token = api.get("/api/me", headers=token)
        after_page = web.get("/")
    problems = []
    if after_token.status_code != 401:
        problems.append(f"token still answered {after_token.status_code} (before: {before})")
    if _still_in(after_page):
        problems.append("the session cookie still opens the dashboard")
    return verdict(problems, f"token {after_token.status_code}, cookie {after_page.status_code}")


def _token_expiry_field(world: World) -> tuple[str, Any] | None:
    """The API's token expiry field, from /openapi.json, and a value already in the past."""
    schema = world.openapi()
    request = schema.get("components", {}).get("schemas", {}).get("TokenRequest", {})
    for name in request.get("properties", {}):
        if "expir" in name and "day" in name:
            return name, 0
        if "expir" in name:
            return name, (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    return None


def _expired_token(world: World, problems: list[str], notes: list[str]) -> None:
    """A token whose expiry has passed must open nothing (refused at creation is fine too)."""
    field = _token_expiry_field(world)
    if field is None:
        notes.append("token expiry: no expiry field on POST /api/tokens (skipped part)")
        return
    name, value = field
    with world.api("analyst") as api:
        made = api.post("/api/tokens", json={"name": "probe-expired", name: value})
        if made.status_code >= 500:
            problems.append(f"token with {name}={value} broke: {short(made)}")
        if made.status_code >= 400:
            notes.append(f"token with {name}={value} refused: {made.status_code}")
            return
        used = api.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"})
    notes.append(f"token with {name}={value} then answered {used.status_code}")
    if used.status_code != 401:
        problems.append(f"an expired token ({name}={value}) answered {used.status_code}")


def sessions(world: World) -> Outcome:
    with world.web("analyst") as web:
        copied = httpx.Client(base_url=world.url, timeout=TIMEOUT, cookies=web.cookies)
        token = csrf_of(web.get("/"))
        out = web.post("/signout", data={"csrf_token": token})
        with copied:
            after = copied.get("/")
    problems: list[str] = []
    notes: list[str] = []
    if _still_in(after):
        problems.append(f"copied cookie still opens the dashboard (sign-out: {out.status_code})")
    _expired_token(world, problems, notes)
    return verdict(problems, f"copied cookie answered {after.status_code}", notes)


FAILURES = 10  # more than the default 5 a window allows


def _client_at(world: World, address: str) -> httpx.Client:
    """A client whose requests come from ``address`` (any 127.x.y.z is this machine)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=world.url, timeout=TIMEOUT, transport=transport)


def throttle(world: World) -> Outcome:
    """Fail a name's sign-in from one address, then sign in with the right password: as the
    name itself and its spacing and case variants from other addresses (the lock is on the
    name, whoever asks), and with a forged X-Forwarded-For from 127.0.0.1, the address
    uvicorn takes that header from."""
    name = world.usernames["alice"]
    password = world.password_of(name)
    with _client_at(world, "127.0.0.9") as client:
        refusals = [sign_in(client, name, "not the password").status_code for _ in range(FAILURES)]
    tries = {}
    for n, variant in enumerate((name, f" {name.capitalize()} ", f"{name.upper()}\t"), start=2):
        with _client_at(world, f"127.0.0.{n}") as client:
            tries[f"{variant!r} from 127.0.0.{n}"] = sign_in(client, variant, password)
    with _client_at(world, "127.0.0.1") as client:
        forged = {"X-Forwarded-For": "198.51.100.7"}
        tries["X-Forwarded-For 198.51.100.7"] = sign_in(client, name, password, headers=forged)
    problems = [f"{what} signed in" for what, answer in tries.items() if signed_in(answer)]
    codes = ", ".join(f"{what} {answer.status_code}" for what, answer in tries.items())
    locked = f"{refusals.count(429)} of {FAILURES} failures answered 429"
    return verdict([*problems, locked] if problems else [], f"{locked}; then {codes}")


def _refused_without_echo(answer: httpx.Response, password: str, where: str) -> str | None:
    if answer.status_code < 400:
        return f"{where}: accepted ({answer.status_code})"
    if answer.status_code >= 500:
        return f"{where}: {short(answer, 60)}"
    if password in answer.text:
        return f"{where}: the error echoes the password"
    if "password" not in answer.text.lower():
        return f"{where}: the error does not name the password field"
    return None


def weak_passwords(world: World) -> Outcome:
    problems: list[str | None] = []
    weak = {f"weak{world.run_id}": WEAK, f"reginald{world.run_id}": f"reginald{world.run_id}" * 2}
    with world.api("admin") as admin:
        for username, password in weak.items():
            user = {"username": username, "role": "viewer", "password": password}
            answer = admin.post("/api/users", json=user)
            problems.append(_refused_without_echo(answer, password, f"API create {password!r}"))
    notes: list[str] = []
    if world.target.server is not None:
        create = ["users", "create", f"weakcli{world.run_id}", "--role", "viewer"]
        made = cli(world.target, *create, "--password-stdin", stdin=WEAK + "\n")
        if made.returncode == 0 or WEAK in made.stdout + made.stderr:
            problems.append(f"CLI create {WEAK!r}: exit {made.returncode}")
    # Someone of their own, whose password may end up weak if the change is let through.
    changer = f"probechange{world.run_id}"
    token = new_person(world, changer, "viewer")
    change = change_password(world, token, world.password_of(changer), WEAK)
    if change is None:
        notes.append("no change-password operation in the OpenAPI schema (skipped part)")
    else:
        problems.append(_refused_without_echo(change, WEAK, f"change {change.request.url.path}"))
    found = [p for p in problems if p]
    return verdict(found, "refused, naming the password, never echoing it", notes)
