"""The team deployment under load: a real server with several workers on PostgreSQL.

    .venv/bin/python bench/load.py [--users 50] [--duration 300] [--think 1-3]
                                   [--screening-duration 60] [--stress-duration 60]
                                   [--workers 2]
                                   [--database-url postgresql+psycopg://postgres@127.0.0.1/test]

Sets a server up as an office would (its own PostgreSQL schema, `nonpro db upgrade`,
`reference load`, the UN and OFAC SDN lists, users and tokens, referred cases), serves it with
`nonpro serve --workers N`, and runs three phases:

1. the office: N users for the duration, each looping over a mix of what the office does
   (screening queries on the API, case pages on the web, signed in, advice writes on the API)
   and pausing between actions as people do (`--think`, seconds, uniform; as locust's
   `between`): latency at N concurrent users;
2. screening only, no pause: how many screening requests the server answers per second;
3. the office mix with no pause: the same requests as fast as the server takes them (capacity,
   and latency under overload).

Prints requests/s, p50/p95/p99 per kind and the error count of each phase; the load generator
runs on the same machine, so the figures are conservative. The schema is dropped at the end.
Targets (issue 11): 0 errors; ≥ 300 screening requests/s on 2 cores; pages p95 ≤ 150 ms at 50
concurrent users.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import signal
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the live-server helper the suite uses

from tests.cases.conftest import case_json  # noqa: E402
from tests.reliability.live_server import PASSWORD, LiveServer, live_server  # noqa: E402

SHARED_LISTS = ROOT.parent / "shared" / "data" / "lists"
NAMES = [
    "Mohammad Ali",
    "Kim Jong Un",
    "Rosoboronexport",
    "Tsukuba Space Instruments",
    "Shahid Hemmat Industrial Group",
    "John Smith",
    "Korea Mining Development",
    "Aerospace Industries Organization",
    "Maria Garcia",
    "Islamic Revolutionary Guard",
]
MIX = [("screen", 0.6), ("case page", 0.25), ("advice", 0.15)]
CASES = 10


def _schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@dataclass
class Setup:
    analyst: dict[str, str]
    defense: dict[str, str]
    cases: list[str]
    referrals: list[str]


Record = dict[str, list[float]]


def _prepare(server: LiveServer) -> Setup:
    for folder in ("un_2026-02", "ofac_sdn_2021"):
        server.nonpro("lists", "load", str(SHARED_LISTS / folder))
    analyst = server.user_token("ana", "analyst")
    chair = server.user_token("chris", "chair", "STATE_ISN_MTR")
    defense = server.user_token("dora", "agency_reviewer", "DEFENSE_DTSA")
    references, referrals = [], []
    with httpx.Client(base_url=server.url, headers=chair, timeout=60) as client:
        for number in range(CASES):
            reference = f"LOAD-{number}"
            case = client.post("/api/cases", json=case_json(reference)).json()
            for target in ("submitted", "under_review"):
                case = client.post(
                    f"/api/cases/{case['id']}/transitions",
                    json={"to": target, "version": case["version"]},
                ).json()
            referral = client.post(
                "/api/interagency/referrals",
                json={"case": reference, "group": "MTEC", "agencies": ["DEFENSE_DTSA"]},
            ).json()
            references.append(reference)
            referrals.append(referral["id"])
    return Setup(analyst, defense, references, referrals)


async def _signed_in(url: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=60, follow_redirects=False)
    page = await client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    done = await client.post(
        "/signin",
        data={"username": "ana", "password": PASSWORD, "csrf_token": token.group(1), "next": "/"},
    )
    if done.status_code != 303:
        raise RuntimeError(f"sign-in answered {done.status_code}: {done.text[:200]}")
    return client


@dataclass
class User:
    """One virtual user's connections: the API as analyst and as advisor, and a web session."""

    api: httpx.AsyncClient
    advisor: httpx.AsyncClient
    web: httpx.AsyncClient


async def _new_user(url: str, setup: Setup) -> User:
    api = httpx.AsyncClient(base_url=url, timeout=60, headers=setup.analyst)
    advisor = httpx.AsyncClient(base_url=url, timeout=60, headers=setup.defense)
    return User(api, advisor, await _signed_in(url))


@dataclass(frozen=True)
class Phase:
    title: str
    mix: list[tuple[str, float]]
    duration: float
    think: tuple[float, float] = (0.0, 0.0)  # seconds between a user's actions, uniform


async def _user(user: User, setup: Setup, until: float, record: Record, phase: Phase) -> None:
    rng = random.Random()
    api, advisor, web = user.api, user.advisor, user.web
    kinds, weights = zip(*phase.mix, strict=True)
    try:
        # Users arrive spread over one pause rather than all in the same instant.
        await asyncio.sleep(rng.uniform(0.0, phase.think[1]))
        while time.monotonic() < until:
            kind = rng.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                response = await _request(kind, rng, api, web, advisor, setup)
            except httpx.TransportError as error:  # counted, and the user carries on
                record[f"{kind} errors"].append(0.0)
                record["transport errors"].append(0.0)
                print(f"{kind}: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            elapsed = time.perf_counter() - started
            record[kind].append(elapsed)
            if response.status_code >= 400:
                record[f"{kind} errors"].append(float(response.status_code))
            if phase.think[1] > 0:
                await asyncio.sleep(rng.uniform(*phase.think))
    finally:
        for client in (api, advisor, web):
            await client.aclose()


async def _request(
    kind: str,
    rng: random.Random,
    api: httpx.AsyncClient,
    web: httpx.AsyncClient,
    advisor: httpx.AsyncClient,
    setup: Setup,
) -> httpx.Response:
    if kind == "screen":
        return await api.post("/api/screen", json={"name": rng.choice(NAMES)})
    if kind == "case page":
        return await web.get(f"/cases/{rng.choice(setup.cases)}")
    return await advisor.post(
        f"/api/interagency/referrals/{rng.choice(setup.referrals)}/advice",
        json={
            "kind": rng.choice(["approve", "deny"]),
            "reasons": ["load"],
            "rationale": f"load {uuid.uuid4().hex[:8]}",
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def _run(url: str, setup: Setup, users: int, phase: Phase) -> Record:
    record: Record = defaultdict(list)
    # Everyone signs in first (password hashing is deliberately slow): the clock starts after.
    crowd = await asyncio.gather(*(_new_user(url, setup) for _ in range(users)))
    until = time.monotonic() + phase.duration
    await asyncio.gather(*(_user(user, setup, until, record, phase) for user in crowd))
    return record


def _think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    try:
        pause = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--think: expected seconds as A-B, got {text!r}"
        ) from None
    if not 0 <= pause[0] <= pause[1]:
        raise argparse.ArgumentTypeError(f"--think: expected 0 <= A <= B, got {text!r}")
    return pause


def _report(title: str, record: Record, mix: list[tuple[str, float]], duration: float) -> int:
    """Print one phase's table; returns its error count."""
    errors = 0
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"\n{title}")
    print(f"{'kind':<10} {columns[0]:>9} " + " ".join(f"{c:>8}" for c in columns[1:]) + " errors")
    for kind, _ in mix:
        times, failed = record[kind], record[f"{kind} errors"]
        errors += len(failed)
        print(
            f"{kind:<10} {len(times):>9,} {len(times) / duration:>8.1f} "
            f"{_percentile(times, 0.5):>8.1f} {_percentile(times, 0.95):>8.1f} "
            f"{_percentile(times, 0.99):>8.1f} {len(failed)}"
            + (f" {sorted({int(code) for code in failed})}" if failed else "")
        )
    if record["transport errors"]:
        print(f"connections dropped: {len(record['transport errors'])}")
    total = sum(len(record[kind]) for kind, _ in mix)
    print(f"all: {total:,} requests, {total / duration:.1f} req/s, {errors} errors")
    return errors


def _print_server_errors(log: Path) -> None:
    lines = log.read_text().splitlines()
    problems = [n for n, line in enumerate(lines) if "ERROR" in line or "Traceback" in line]
    if problems:
        block = lines[problems[-1] :]
        end = next((n for n, line in enumerate(block[1:], 1) if not line.startswith(" ")), 0)
        print("server log, last error:", *block[: end + 1][-12:], sep="\n  ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of the office mix")
    parser.add_argument(
        "--think",
        type=_think,
        default=(1.0, 3.0),
        help="seconds a user pauses between actions in the office phase, A-B (default 1-3)",
    )
    parser.add_argument(
        "--screening-duration",
        type=float,
        default=60.0,
        help="seconds of screening requests only, no pause, after the mix (0 to skip)",
    )
    parser.add_argument(
        "--stress-duration",
        type=float,
        default=60.0,
        help="seconds of the office mix with no pause, last (0 to skip)",
    )
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument(
        "--keep-alive", type=int, default=75, help="server keep-alive seconds (as behind nginx)"
    )
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    args = parser.parse_args()
    # Stopped from outside (timeout, kill): unwind, so the server stops and the schema goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    phases = [
        Phase(
            f"office, {args.think[0]:g}-{args.think[1]:g} s between actions",
            MIX,
            args.duration,
            args.think,
        ),
        Phase("screening only, no pause", [("screen", 1.0)], args.screening_duration),
        Phase("office mix, no pause (capacity)", MIX, args.stress_duration),
    ]
    phases = [phase for phase in phases if phase.duration > 0]
    schema = f"nonpro_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    errors = 0
    try:
        with (
            tempfile.TemporaryDirectory() as folder,
            live_server(
                _schema_url(args.database_url, schema),
                Path(folder),
                workers=args.workers,
                keep_alive=args.keep_alive,
            ) as server,
        ):
            print(f"server: {server.url}, {args.workers} workers, PostgreSQL schema {schema}")
            setup = _prepare(server)
            for phase in phases:
                print(f"{phase.title}: {args.users} users for {phase.duration:.0f} s, {phase.mix}")
                try:
                    record = asyncio.run(_run(server.url, setup, args.users, phase))
                except Exception:
                    _print_server_errors(Path(folder) / "server.log")
                    raise
                phase_errors = _report(phase.title, record, phase.mix, phase.duration)
                if phase_errors:
                    _print_server_errors(Path(folder) / "server.log")
                errors += phase_errors
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
