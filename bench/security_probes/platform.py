"""Items 15-18: parallel writers, health when the storage goes, the audit log, error headers."""

from __future__ import annotations

import re
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from bench.security_probes.world import (
    Outcome,
    World,
    cli,
    failed,
    held,
    short,
    skipped,
    verdict,
)
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options")


def parallel_advice(world: World) -> Outcome:
    path = f"/api/interagency/referrals/{world.referral_id}/advice"

    def advise(n: int) -> httpx.Response:
        advice = {"kind": "approve", "reasons": ["probe"], "rationale": f"probe {n}"}
        with world.api("rep_a") as api:
            return api.post(
                path, json=advice, headers={"Idempotency-Key": uuid.uuid4().hex}, timeout=30
            )

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(advise, range(20)))
    codes = sorted(answer.status_code for answer in answers)
    tally = ", ".join(f"{codes.count(c)} x {c}" for c in sorted(set(codes)))
    broken = [a for a in answers if a.status_code >= 500 or "database is locked" in a.text]
    return failed(f"{tally}; e.g. {short(broken[0])}") if broken else held(tally)


def health(world: World) -> Outcome:
    """Healthy now; then, on the probe's own server, 503 once the database file is gone."""
    now = httpx.get(f"{world.url}/api/health", timeout=10)
    if now.status_code != 200:
        return failed(f"unhealthy before anything was done: {short(now)}")
    database = world.target.database
    if database is None:
        return skipped("200 now; the database removal needs the probe's own server")
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = Path(f"{database}{suffix}")
        if part.exists():
            part.rename(part.with_name(part.name + ".removed"))
    after = httpx.get(f"{world.url}/api/health", timeout=10)
    problems = [] if after.status_code == 503 else [f"health after removal: {short(after)}"]
    came_back = f"200 before; health {after.status_code} after"
    if world.seeded:  # a request that needs the data, not just a connection
        with world.api("analyst") as api:
            cases = api.get("/api/cases")
        came_back += f", GET /api/cases {cases.status_code}"
        if cases.status_code != 503:
            problems.append(f"GET /api/cases after removal: {cases.status_code}")
    return verdict(problems, came_back)


def _copy(database: Path, name: str) -> Path:
    """A consistent copy of the live database (SQLite's online backup)."""
    copy = database.with_name(name)
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def _delete_tail(copy: Path, rows: int) -> None:
    with sqlite3.connect(copy) as db:
        db.execute(
            "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) FROM audit_log) - ?", (rows,)
        )


def _forge_last(copy: Path) -> None:
    """Rewrite the last row and recompute its hash as the published algorithm does: what
    someone with write access to the database, but no key kept outside it, can do."""
    from nonpro.core.audit import HASHED_FIELDS, AuditEntry, compute_hash

    engine = create_engine(f"sqlite:///{copy}")
    with Session(engine) as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        last.actor = "someone-else"
        last.payload = {**last.payload, "forged": True}
        last.hash = compute_hash(**{name: getattr(last, name) for name in HASHED_FIELDS})
        session.commit()
    engine.dispose()


def audit(world: World) -> Outcome:
    """Verify the live log first, as an administrator would (a log that keeps signed anchors
    may write one then); then tamper with copies of it, as someone with the database file but
    not the server's keys could, and verify each copy."""
    database = world.target.database
    assert database is not None
    intact = cli(world.target, "audit", "verify")
    if intact.returncode != 0:
        return skipped(f"the untouched log does not verify: {intact.stderr.strip()[:120]}")
    tampered = {"3 last rows deleted": _copy(database, "tail.db")}
    _delete_tail(tampered["3 last rows deleted"], 3)
    tampered["last row forged"] = _copy(database, "forged.db")
    _forge_last(tampered["last row forged"])
    problems, codes = [], []
    for what, copy in tampered.items():
        verified = cli(world.target, "audit", "verify", database=copy)
        codes.append(f"{what}: exit {verified.returncode}")
        if verified.returncode == 0:
            problems.append(f"{what}: verify says {verified.stdout.strip()[:60]!r}")
    return verdict(problems, "; ".join(codes))


ASSETS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*["']([^"']+)["']""")


def _docs_problems(world: World) -> list[str]:
    docs = httpx.get(f"{world.url}/docs", timeout=10)
    if docs.status_code != 200:
        return [f"/docs: {docs.status_code}"]
    problems = []
    ours = urlsplit(world.url).netloc
    for found in ASSETS.finditer(docs.text):
        link = urljoin(f"{world.url}/docs", found.group(1) or found.group(2))
        host = urlsplit(link).netloc
        if host != ours:
            problems.append(f"/docs loads from {host}")
        elif httpx.get(link, timeout=10).status_code != 200:
            problems.append(f"/docs asset {urlsplit(link).path} does not load")
    return problems


def headers(world: World) -> Outcome:
    errors = {
        "API 404": httpx.get(f"{world.url}/api/no-such-thing", timeout=10),
        "page 404": httpx.get(f"{world.url}/no-such-page", timeout=10),
        "API 401": httpx.get(f"{world.url}/api/me", timeout=10),
        "bad JSON": httpx.post(
            f"{world.url}/api/screen",
            content=b"{",
            timeout=10,
            headers={"Content-Type": "application/json"},
        ),
    }
    for met in world.server_errors[:3]:  # a few of the 5xx other probes met are enough
        errors.setdefault(f"{met.request.method} {met.request.url.path}", met)
    problems = []
    for what, answer in errors.items():
        lacking = [name for name in SECURITY_HEADERS if name not in answer.headers]
        if lacking:
            problems.append(f"{what} ({answer.status_code}) lacks {' and '.join(lacking)}")
    problems += _docs_problems(world)
    codes = ", ".join(f"{what} {answer.status_code}" for what, answer in errors.items())
    if not world.server_errors:
        codes += " (no 5xx met by the other probes to check)"
    return verdict(sorted(set(problems)), f"headers on {codes}; /docs served locally")
