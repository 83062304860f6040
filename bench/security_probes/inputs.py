"""Items 9-14: one person's instruction, bad input, body and text limits, CSV cells, date ranges."""

from __future__ import annotations

import csv
import io
import random
import select
import socket
import string
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

import httpx
from bench.security_probes.seeding import multilateral_meeting
from bench.security_probes.world import (
    Outcome,
    World,
    expect,
    failed,
    held,
    short,
    verdict,
)


def one_person(world: World) -> Outcome:
    """The multilateral officer drafts, submits, clears, approves and sends, alone."""
    office = "ISN/MNSA"
    draft = {
        "title": "Probe instruction",
        "mission": "USMISSION UNVIE",
        "text": "Vote yes.",
        "offices": [office],
    }
    steps = [
        {"action": "submit"},
        {"action": "clear", "office": office},
        {"action": "approve"},
        {"action": "send"},
    ]
    with world.api("officer") as officer:
        made = officer.post(
            f"/api/multilateral/meetings/{world.multilateral_meeting_id}/instructions", json=draft
        )
        instruction = expect(made, 201)["id"]
        for step in steps:
            answer = officer.post(f"/api/multilateral/instructions/{instruction}/steps", json=step)
            if answer.status_code >= 500:
                return failed(f"{step['action']} broke: {short(answer)}")
            if answer.status_code >= 400:
                return held(f"{step['action']} refused: {short(answer)}")
    return failed("one person drafted, cleared, approved and sent it (all 200)")


@dataclass(frozen=True)
class BadInput:
    where: str
    path: str
    field: str  # the field the answer must name
    body: str | None = None  # raw JSON, so 1e400 and lone surrogates go out as written
    who: str = "analyst"
    # False for a value that is valid but extreme: it may be taken (2xx), only never a 5xx.
    must_refuse: bool = True


CASE = (
    '{{"reference": "PROBE-BAD-{run_id}-{n}", "type": "dual_use_referral",'
    ' "destination": {destination},'
    ' "parties": [{{"role": "end_user", "name": {name}, "country": "JP", "dob": {dob}}}],'
    ' "items": [{{"description": "Gyro", "quantity": {quantity}}}]}}'
)
DETERMINATION = (
    '{{"entities": [{{"name": "Probe Trading"}}], "authorities": [{{"authority": "AECA 73"}}],'
    ' "measures": ["contracts_all"], "activity": "probe activity",'
    ' "determination_date": {day}}}'
)
INVALID_DATES = ["1974-01-32", "1968-13-30", "0000-00-00"]
EDGE_DATES = ["9999-12-31", "0001-01-01"]  # real days, where adding a day or a month overflows
BAD_DATES = INVALID_DATES + EDGE_DATES
SURROGATE = '"\\ud800"'  # JSON text for a lone surrogate


def _case(run_id: str, n: int, **changes: str) -> str:
    values = {"destination": '"JP"', "name": '"Probe Party"', "dob": "null", "quantity": "1"}
    return CASE.format(run_id=run_id.upper(), n=n, **{**values, **changes})


def bad_inputs(run_id: str) -> list[BadInput]:
    """A handful of real endpoints (case intake, determinations, treaty status, screening)."""
    case = partial(_case, run_id)
    cases = [
        *(
            BadInput(
                f"case dob {d}",
                "/api/cases",
                "dob",
                case(n, dob=f'"{d}"'),
                must_refuse=d not in EDGE_DATES,
            )
            for n, d in enumerate(BAD_DATES)
        ),
        BadInput("case quantity 1e400", "/api/cases", "quantity", case(5, quantity="1e400")),
        BadInput("case quantity 1e999999", "/api/cases", "quantity", case(6, quantity="1e999999")),
        BadInput("case name lone surrogate", "/api/cases", "name", case(7, name=SURROGATE)),
        BadInput("case destination null", "/api/cases", "destination", case(8, destination="null")),
    ]
    determinations = [
        BadInput(
            f"determination {d}",
            "/api/sanctions/determinations",
            "determination_date",
            DETERMINATION.format(day=d if d == "null" else f'"{d}"'),
            "sanctions",
            must_refuse=d not in EDGE_DATES,
        )
        for d in [*BAD_DATES, "null"]
    ]
    as_of = [  # a GET: no body
        BadInput(
            f"treaty as_of {d}",
            f"/api/treaties/status/IR?as_of={d}",
            "as_of",
            must_refuse=d not in EDGE_DATES,
        )
        for d in [*BAD_DATES, "%ED%A0%80"]
    ]
    screening = [
        BadInput("screen name lone surrogate", "/api/screen", "name", f'{{"name": {SURROGATE}}}'),
        BadInput("screen name null", "/api/screen", "name", '{"name": null}'),
        BadInput(
            "screen dob 1974-01-32", "/api/screen", "dob", '{"name": "P", "dob": "1974-01-32"}'
        ),
        BadInput(
            "screen threshold 1e400",
            "/api/screen",
            "threshold",
            '{"name": "P", "threshold": 1e400}',
        ),
    ]
    return [*cases, *determinations, *as_of, *screening]


def _answer_to(world: World, bad: BadInput) -> str | None:
    """None if refused with a 4xx naming the field; else what came back ("500", "201"...)."""
    with world.api(bad.who) as api:
        answer = api.request(
            "POST" if bad.body else "GET",
            bad.path,
            content=bad.body,
            headers={"Content-Type": "application/json"},
        )
    if answer.status_code < 400 and not bad.must_refuse:
        return None
    if not 400 <= answer.status_code < 500:
        return str(answer.status_code)
    return None if bad.field in answer.text else f"{answer.status_code} not naming {bad.field}"


def invalid_input(world: World) -> Outcome:
    wrong: dict[str, list[str]] = defaultdict(list)  # by endpoint: what came back instead
    sent: Counter[str] = Counter()
    for bad in bad_inputs(world.run_id):
        endpoint = bad.where.split()[0]
        sent[endpoint] += 1
        if (came_back := _answer_to(world, bad)) is not None:
            wrong[endpoint].append(f"{bad.where.split(' ', 1)[1]} {came_back}")
    problems = [
        f"{endpoint} {len(answers)} of {sent[endpoint]} ({', '.join(answers[:3])}"
        + (", …)" if len(answers) > 3 else ")")
        for endpoint, answers in wrong.items()
    ]
    return verdict(problems, f"all {sum(sent.values())} answered 4xx naming the field")


def _raw_exchange(world: World, head: str, chunks: int = 0, chunk: bytes = b"") -> str:
    """Send a request by hand (no client would send a lying Content-Length); the status line."""
    address = urlsplit(world.url)
    with socket.create_connection((address.hostname, address.port or 80), timeout=5) as raw:
        raw.sendall(head.encode("ascii"))
        sent = 0
        try:
            for _ in range(chunks):
                if select.select([raw], [], [], 0)[0]:
                    break  # an answer before the end of the body: read it before a reset can
                raw.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
            else:
                if chunks:
                    raw.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server stopped reading: its answer says why
        try:
            answer = raw.recv(4096).decode("latin-1")
        except TimeoutError:
            return f"no answer within 5 s after {sent >> 20} MiB"
        except OSError as error:
            return f"connection closed ({type(error).__name__}) after {sent >> 20} MiB"
    return (answer.split("\r\n", 1)[0] or "connection closed") + f" after {sent >> 20} MiB"


def body_cap(world: World) -> Outcome:
    host = urlsplit(world.url).netloc
    head = f"POST /api/screen HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
    declared = _raw_exchange(world, head + f"Content-Length: {10**12}\r\n\r\n{{")
    streamed = _raw_exchange(
        world, head + "Transfer-Encoding: chunked\r\n\r\n", chunks=64, chunk=b" " * (1 << 20)
    )
    problems = [
        f"{what}: {line}"
        for what, line in (("Content-Length 1 TB", declared), ("chunked 64 MiB", streamed))
        if " 413 " not in line
    ]
    return verdict(problems, f"Content-Length: {declared}; chunked: {streamed}")


def _hundred_kb_of_words() -> str:
    """Distinct made-up words: what makes name matching and country resolution work hardest."""
    rng = random.Random(19)
    words = ("".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(12_500))
    return " ".join(words)[:100_000]


def long_text(world: World) -> Outcome:
    """Four slow inputs at once must neither take long nor hold up a fifth, normal request."""
    text = _hundred_kb_of_words()

    def screen(party: dict[str, str]) -> tuple[int, float]:
        started = time.monotonic()
        with world.api("analyst") as api:
            answer = api.post("/api/screen", json=party, timeout=60)
        return answer.status_code, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=4) as pool:
        slow = [pool.submit(screen, {"name": text, "country": text}) for _ in range(4)]
        time.sleep(0.3)  # the four are in the server before the normal one
        normal, waited = screen({"name": "Probe Party", "country": "JP"})
        answers = [future.result() for future in slow]
    problems = [
        f"100 KB name and country: {code} in {took:.1f} s"
        for code, took in answers
        if not 400 <= code < 500 or took > 3
    ]
    if normal != 200 or waited > 2:
        problems.append(f"a normal screening meanwhile: {normal} after {waited:.1f} s")
    codes = ", ".join(f"{code} in {took:.1f} s" for code, took in answers)
    return verdict(problems, f"100 KB inputs {codes}; a normal one meanwhile {waited:.1f} s")


FORMULAS = ['=HYPERLINK("http://probe.invalid/?x","open")', "@SUM(1+1)*cmd|' /C calc'!A0"]


def _formula_cells(text: str) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if "HYPERLINK" in cell or "SUM(1+1)" in cell
    ]


def _csv_problems(where: str, answer: httpx.Response) -> list[str]:
    if answer.status_code != 200:
        return [f"{where}: {answer.status_code}"]
    cells = _formula_cells(answer.text)
    if not cells:
        return [f"{where}: the probe's cells are missing"]
    live = [cell for cell in cells if not cell.startswith("'")]
    return [f"{where}: {len(live)} of {len(cells)} formula cells as typed"] if live else []


def csv_formulas(world: World) -> Outcome:
    year = 2025
    contribution = {
        "year": year,
        "fund": "TCF",
        "amount": "1000.00",
        "purpose": FORMULAS[0],
        "allocations": [{"project": "PROBE1", "title": FORMULAS[1], "amount": "10"}],
    }
    transfer = {
        "direction": "export",
        "year": year,
        "category": "I",
        "partner": "JP",
        "number_of_items": 1,
        "description": FORMULAS[0],
        "comments": FORMULAS[1],
    }
    with world.api("officer") as officer, world.web("officer") as web:
        expect(officer.post("/api/multilateral/contributions", json=contribution), 201)
        expect(officer.post("/api/registers/arms/transfers", json=transfer), 201)
        exports = {
            "API contributions.csv": officer.get(
                f"/api/multilateral/contributions.csv?year={year}"
            ),
            "API arms report CSV": officer.get(f"/api/registers/arms/report/{year}/download"),
            "web contributions.csv": web.get(f"/multilateral/contributions.csv?year={year}"),
            "web arms report CSV": web.get(f"/registers/arms/report/download?year={year}"),
        }
    problems = [p for where, answer in exports.items() for p in _csv_problems(where, answer)]
    return verdict(problems, f"{len(exports)} exports, every formula cell starts with '")


def date_range(world: World) -> Outcome:
    attempts = {
        "end before start": multilateral_meeting(
            world, start_date="2026-06-12", end_date="2026-06-01"
        ),
        "year 9999": multilateral_meeting(world, start_date="9999-12-30", end_date="9999-12-31"),
    }
    problems, codes = [], []
    with world.api("officer") as officer:
        for what, meeting in attempts.items():
            answer = officer.post("/api/multilateral/meetings", json=meeting)
            codes.append(f"{what} {answer.status_code}")
            if answer.status_code < 400:
                problems.append(f"{what}: accepted ({answer.status_code})")
            elif answer.status_code >= 500:
                problems.append(f"{what}: {short(answer, 60)}")
            elif "date" not in answer.text:
                problems.append(f"{what}: {answer.status_code} not naming the date")
        if problems:
            calendar = officer.get("/api/multilateral/meetings.ics")
            problems.append(f"then meetings.ics answered {calendar.status_code}")
    return verdict(problems, ", ".join(codes))
