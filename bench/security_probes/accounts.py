"""Items 5-8: agency deactivation, sessions and tokens, the sign-in throttle, password strength."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from bench.security_probes.world import (
    PASSWORD,
    TIMEOUT,
    Outcome,
    World,
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
    code = f"PROBE_{world.run_id.upper()}"
    username = f"probeagency{world.run_id}"
    with world.api("admin") as admin:
        expect(admin.post("/api/agencies", json={"code": code, "name": "Probe agency"}), 201)
        user = {
            "username": username,
            "role": "agency_reviewer",
            "password": PASSWORD,
            "agency": code,
        }
        expect(admin.post("/api/users", json=user), 201)
        made = expect(admin.post("/api/tokens", json={"username": username, "name": "probe"}), 201)
        token = {"Authorization": f"Bearer {made['token']}"}
        web = httpx.Client(base_url=world.url, timeout=TIMEOUT)
        with web:
            if not signed_in(sign_in(web, username, PASSWORD)):
                return skipped("the new representative could not sign in: set-up is wrong")
            before = admin.get("/api/me", headers=token).status_code
            expect(admin.patch(f"/api/agencies/{code}", json={"active": False}), 200)
            after_token = admin.get("/api/me", headers=token)
            after_page = web.get("/", follow_redirects=False)
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


def _expired_token(world: World) -> str:
    field = _token_expiry_field(world)
    if field is None:
        return "token expiry: no expiry field on POST /api/tokens (skipped part)"
    name, value = field
    with world.api("analyst") as api:
        made = api.post("/api/tokens", json={"name": "probe-expired", name: value})
        if made.status_code >= 500:
            return f"token with {name}={value} broke: {short(made)}"
        if made.status_code >= 400:
            return ""  # refused at creation: fine
        used = api.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"})
    return (
        "" if used.status_code == 401 else f"token with {name}={value} answered {used.status_code}"
    )


def sessions(world: World) -> Outcome:
    with world.web("analyst") as web:
        copied = httpx.Client(base_url=world.url, timeout=TIMEOUT, cookies=web.cookies)
        token = csrf_of(web.get("/"))
        out = web.post("/signout", data={"csrf_token": token})
        with copied:
            after = copied.get("/", follow_redirects=False)
    problems = []
    if _still_in(after):
        problems.append(
            f"copied cookie still opens the dashboard after sign-out ({out.status_code})"
        )
    expiry = _expired_token(world)
    if expiry and "skipped part" not in expiry:
        problems.append(expiry)
    note = f"; {expiry}" if expiry else ""
    return verdict(problems, f"copied cookie answered {after.status_code}{note}")


def throttle(world: World) -> Outcome:
    """Lock a name, then try its variants and a forged client address with the right password.

    One client, one kept-alive connection: every attempt reaches the same worker process, so
    a throttle kept in a worker's memory is probed fairly."""
    name = world.usernames["alice"]
    locked_after = None
    with httpx.Client(base_url=world.url, timeout=TIMEOUT) as client:
        for attempt in range(1, 13):
            if sign_in(client, name, "not the password").status_code == 429:
                locked_after = attempt
                break
        if locked_after is None:
            return verdict(["no lock after 12 failed sign-ins"], "")
        tries = {
            "the exact name": sign_in(client, name, PASSWORD),
            "' Name '": sign_in(client, f" {name.capitalize()} ", PASSWORD),
            "'NAME\\t'": sign_in(client, f"{name.upper()}\t", PASSWORD),
            "X-Forwarded-For": sign_in(
                client, name, PASSWORD, headers={"X-Forwarded-For": "198.51.100.7"}
            ),
        }
    problems = [f"{what} signed in" for what, answer in tries.items() if signed_in(answer)]
    codes = ", ".join(f"{what} {answer.status_code}" for what, answer in tries.items())
    return verdict(problems, f"locked after {locked_after} failures; {codes}")


def _refused_without_echo(answer: httpx.Response, password: str, where: str) -> str | None:
    if not 400 <= answer.status_code < 500:
        return f"{where}: {short(answer, 60)}"
    if password in answer.text:
        return f"{where}: the error echoes the password"
    if "password" not in answer.text.lower():
        return f"{where}: the error does not name the password field"
    return None


def _change_endpoint(world: World) -> tuple[str, str, dict[str, Any]] | None:
    """The change-password operation from /openapi.json: method, path and its body fields."""
    schema = world.openapi()
    for path, operations in schema.get("paths", {}).items():
        if "password" not in path or "{" in path:
            continue
        for method in ("post", "put", "patch"):
            if method in operations:
                body = operations[method].get("requestBody", {}).get("content", {})
                ref = body.get("application/json", {}).get("schema", {}).get("$ref", "")
                model = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
                return method, path, model.get("properties", {})
    return None


def _change(world: World, new_password: str) -> httpx.Response | None:
    found = _change_endpoint(world)
    if found is None:
        return None
    method, path, fields = found
    body = {
        name: PASSWORD if ("current" in name or "old" in name) else new_password
        for name in fields
        if "password" in name
    }
    with world.api("analyst") as api:
        return api.request(method, path, json=body)


def weak_passwords(world: World) -> Outcome:
    problems: list[str | None] = []
    weak = {f"weak{world.run_id}": WEAK, f"reginald{world.run_id}": f"reginald{world.run_id}" * 2}
    with world.api("admin") as admin:
        for username, password in weak.items():
            user = {"username": username, "role": "viewer", "password": password}
            answer = admin.post("/api/users", json=user)
            problems.append(_refused_without_echo(answer, password, "API create"))
    notes = []
    if world.target.server is not None:
        made = cli(
            world.target,
            "users",
            "create",
            f"weakcli{world.run_id}",
            "--role",
            "viewer",
            "--password-stdin",
            stdin=WEAK + "\n",
        )
        if made.returncode == 0 or WEAK in made.stdout + made.stderr:
            problems.append(f"CLI create: exit {made.returncode}")
    change = _change(world, WEAK)
    if change is None:
        notes.append("no change-password operation in the OpenAPI schema (skipped part)")
    else:
        problems.append(_refused_without_echo(change, WEAK, f"change {change.request.url.path}"))
    found = [p for p in problems if p]
    return verdict(found, "refused, naming the password, never echoing it; " + "; ".join(notes))
