"""Replay the attacks of issue 19 against a real server and print what held.

    .venv/bin/python bench/probe_security.py [--only 1,2,10]
    .venv/bin/python bench/probe_security.py --base-url http://127.0.0.1:8000 [--admin-token T]

By default it sets a server up as an office would, in a temporary folder: `nonpro db upgrade`,
`reference load`, the UN list, an administrator and a token made with the CLI; then the people
and the data the probes need through the API (an analyst, a chair, representatives of two
agencies A = DEFENSE_DTSA and B = IC, a multilateral and a sanctions officer; a case referred
only to A, a meeting with it on the agenda, a screening hit with a disposition note), and serves
it with `nonpro serve` (one worker) on a free port of 127.0.0.1.

Each probe of issue 19 (items 1-18, in bench/security_probes/) prints one line, `HELD`, `FAILED`
or `SKIPPED` (a probe that cannot run against this build, saying why), then a summary line. What
the issue adds and this build may lack (a token expiry field, a change-password operation) is
looked up in the OpenAPI schema; a part that finds nothing says so on its line. The exit code
is 0 whatever held; 2 if the server could not start. Every request has a timeout and every probe
a deadline, so a run is bounded; on a loaded machine the set-up (password hashing, CLI
start-ups) takes most of it.

With `--base-url` the script probes a server that is already running. Give it an
administrator's token (`--admin-token` or NONPRO_PROBE_ADMIN_TOKEN) on a server whose reference
data is loaded (agencies DEFENSE_DTSA and IC, group MTEC): it seeds through the API with names
ending in a fresh run id, so it may be run again. Without a token only the probes that need no
account run; the probes that need the server's files (16's second half, 17) are skipped.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ProbeTimeout
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the live-server helper the suite uses, and the probes' modules

from bench.security_probes import access, accounts, inputs, platform  # noqa: E402
from bench.security_probes.seeding import seed  # noqa: E402
from bench.security_probes.world import Outcome, Target, World, failed, skipped  # noqa: E402
from tests.reliability.live_server import live_server  # noqa: E402

Needs = str  # "" (nothing), "world" (seeded people and data), "files" (the server's database file)


@dataclass(frozen=True)
class Probe:
    number: int
    tried: str
    run: Callable[[World], Outcome]
    needs: Needs = "world"
    deadline: float = 60.0  # seconds


PROBES = [
    Probe(1, "minutes of A's meeting read by agency B's rep (API, PDF, web)", access.minutes),
    Probe(2, "dissent by B's rep on a case referred only to A", access.dissent),
    Probe(3, "dashboard and screening of A's party read by B's rep", access.dashboard),
    Probe(4, "A's hidden case asked for by B's rep vs a nonexistent one", access.hidden_case),
    Probe(5, "token and cookie of a rep after the agency is deactivated", accounts.deactivated),
    Probe(6, "copied cookie after sign-out; token created already expired", accounts.sessions),
    Probe(
        7,
        "sign-in throttle: a locked name's variants, other addresses, X-Forwarded-For",
        accounts.throttle,
    ),
    Probe(8, "weak passwords on create (API, CLI) and on change", accounts.weak_passwords),
    Probe(9, "instruction drafted, cleared, approved and sent by one person", inputs.one_person),
    Probe(10, "invalid dates, 1e400, lone surrogate, null on 4 endpoints", inputs.invalid_input),
    Probe(11, "body over the cap, by Content-Length and chunked, no auth", inputs.body_cap, ""),
    Probe(12, "4 x 100 KB name+country screenings while a normal one waits", inputs.long_text),
    Probe(13, "CSV exports of cells starting =HYPERLINK( and @SUM(", inputs.csv_formulas),
    Probe(14, "multilateral meeting ending before it starts / in year 9999", inputs.date_range),
    Probe(15, "20 parallel advice submissions on SQLite", platform.parallel_advice),
    Probe(17, "audit verify: 3 last rows deleted / last row forged", platform.audit, "files", 180),
    Probe(18, "security headers on errors; /docs without a CDN", platform.headers, ""),
    # Last: it takes the database away from the running server.
    Probe(16, "/api/health now, and after the database file is removed", platform.health, ""),
]


def run_probe(probe: Probe, world: World, pool: ThreadPoolExecutor) -> Outcome:
    if probe.needs == "world" and not world.seeded:
        return skipped(world.unseeded_because)
    if probe.needs == "files" and world.target.database is None:
        return skipped("needs the server's database file: run without --base-url")
    future = pool.submit(probe.run, world)
    try:
        return future.result(timeout=probe.deadline)
    except ProbeTimeout:
        return skipped(f"no verdict within {probe.deadline:.0f} s (a loaded machine?)")
    except httpx.TimeoutException as error:  # the server took a request and never answered
        return failed(f"no answer to {error.request.method} {error.request.url.path}")
    except Exception as error:  # a probe that breaks says so and the run goes on
        return skipped(f"the probe itself broke: {type(error).__name__}: {error}"[:300])


def report(probes: list[Probe], world: World) -> None:
    verdicts: list[str] = []
    # One thread per probe, so that a probe past its deadline does not hold up the next.
    pool = ThreadPoolExecutor(max_workers=max(1, len(probes)))
    for probe in probes:
        outcome = run_probe(probe, world, pool)
        verdicts.append(outcome.verdict)
        print(
            f"{outcome.verdict:<6} {probe.number}. {probe.tried} — {outcome.came_back}", flush=True
        )
    # A late probe is waited for before the server and its folder go away (it would recreate
    # files there); every request and CLI run in it has a timeout, so the wait is bounded.
    pool.shutdown(wait=True)
    ran = [v for v in verdicts if v != "SKIPPED"]
    held = ran.count("HELD")
    print(f"held {held} of {len(ran)} probes ({len(verdicts) - len(ran)} skipped)")


def own_server(stack: ExitStack, workdir: Path) -> Target:
    """A fresh server on a temporary SQLite database, in one worker process: uvicorn's supervisor
    kills workers that start slowly on a loaded machine, and one process is enough for the
    probes (the 20 parallel writers are threads of it). It stops when ``stack`` closes."""
    database = workdir / "probe.db"
    shared = os.environ.get("NONPRO_SHARED_DIR", str(ROOT.parent / "shared"))
    server = stack.enter_context(
        live_server(
            f"sqlite:///{database}",
            workdir,
            workers=1,
            keep_alive=30,  # the throttle probe keeps one connection, so one worker, throughout
            settings={"NONPRO_SHARED_DIR": shared, "NONPRO_WARM_INDEX": "false"},
        )
    )
    return Target(server.url, server, database)


def numbers(text: str) -> set[int]:
    try:
        return {int(n) for n in text.split(",")}
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: probe numbers separated by commas") from None


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=numbers, help="probe numbers to run, e.g. 1,2,10")
    parser.add_argument("--base-url", help="probe this running server instead of starting one")
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("NONPRO_PROBE_ADMIN_TOKEN"),
        help="with --base-url: an administrator's API token, to seed through the API",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    probes = [p for p in PROBES if args.only is None or p.number in args.only]
    run_id = secrets.token_hex(3)
    if args.base_url:
        target = Target(args.base_url.rstrip("/"), None, None)
        if not answers(target.url):
            print(f"no server answers at {target.url}/api/health", file=sys.stderr)
            return 2
        report(probes, seed(target, run_id, args.admin_token, probes_need_world(probes)))
        return 0
    with tempfile.TemporaryDirectory(prefix="nonpro-probe-") as folder, ExitStack() as stack:
        started = time.monotonic()
        try:
            target = own_server(stack, Path(folder))
        except (RuntimeError, OSError, AssertionError) as error:
            print(f"the server could not start: {error}", file=sys.stderr)
            return 2
        world = seed(target, run_id, None, probes_need_world(probes))
        print(f"server {target.url} set up in {time.monotonic() - started:.1f} s", flush=True)
        report(probes, world)
    return 0


def answers(url: str) -> bool:
    try:
        httpx.get(f"{url}/api/health", timeout=10)
    except httpx.TransportError:
        return False
    return True


def probes_need_world(probes: list[Probe]) -> bool:
    return any(p.needs == "world" for p in probes)


if __name__ == "__main__":
    sys.exit(main())
