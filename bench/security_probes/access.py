"""Items 1-4: what agency B's representative learns about a case referred only to agency A."""

from __future__ import annotations

import shutil
import subprocess
import uuid

import httpx
from bench.security_probes.seeding import VOTE_REASONS
from bench.security_probes.world import (
    LISTED_NAME,
    Outcome,
    World,
    failed,
    held,
    short,
    skipped,
    verdict,
)


def pdf_text(answer: httpx.Response) -> str | None:
    """The words of a PDF answer (None if pdftotext is not installed)."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-q", "-", "-"], input=answer.content, capture_output=True, timeout=20
    )
    return done.stdout.decode("utf-8", "replace")


def _leaks(answer: httpx.Response, where: str, *hidden: str) -> list[str]:
    """What a readable answer shows of the hidden texts; refusing to answer is fine."""
    if answer.status_code >= 500:
        return [f"{where}: {answer.status_code}"]
    if answer.status_code >= 300:
        return []
    text = answer.text
    if answer.headers.get("content-type", "").startswith("application/pdf"):
        text = pdf_text(answer) or ""  # unreadable without pdftotext: said on the line
    return [f"{where} shows {secret!r}" for secret in hidden if secret.lower() in text.lower()]


def minutes(world: World) -> Outcome:
    """The case referred only to A, and A's vote reasons, nowhere in what B's rep reads."""
    reference, meeting = world.case_reference, world.meeting_id
    with world.api("rep_b") as api, world.web("rep_b") as web:
        answers = {
            "API meeting": api.get(f"/api/interagency/meetings/{meeting}"),
            "API minutes.pdf": api.get(f"/api/interagency/meetings/{meeting}/minutes.pdf"),
            "web meeting": web.get(f"/interagency/meetings/{meeting}"),
            "web minutes.pdf": web.get(f"/interagency/meetings/{meeting}/minutes.pdf"),
        }
    with world.api("rep_a") as own:
        control = own.get(f"/api/interagency/meetings/{meeting}/minutes.pdf")
    if not _leaks(control, "A's minutes", reference):
        return skipped("A's own rep does not see the case in the minutes (or no pdftotext)")
    hidden = (reference, VOTE_REASONS)
    problems = [p for where, a in answers.items() for p in _leaks(a, where, *hidden)]
    codes = ", ".join(f"{where} {a.status_code}" for where, a in answers.items())
    return verdict(problems, f"neither the case nor A's vote anywhere: {codes}")


def dissent(world: World) -> Outcome:
    body = {"case": world.case_reference, "reasons": "Probe dissent by agency B"}
    with world.api("rep_b") as api:
        answer = api.post(f"/api/interagency/meetings/{world.meeting_id}/dissents", json=body)
    if answer.status_code in (403, 404):
        return held(short(answer))
    if answer.status_code < 300:
        return failed(f"the dissent was recorded ({answer.status_code})")
    return failed(short(answer))


def dashboard(world: World) -> Outcome:
    reference = world.case_reference
    with world.web("analyst") as web:
        control = web.get("/")
    with world.web("rep_b") as web:
        page = web.get("/")
    problems = [
        f"dashboard shows {secret}"
        for secret in (LISTED_NAME, reference)
        if secret.lower() in page.text.lower()
    ]
    shown = LISTED_NAME.lower() in control.text.lower()
    notes = [] if shown else ["the analyst's dashboard has no alert for it either"]
    if world.screened_party:
        with world.api("rep_b") as api:
            screened = api.post("/api/screen", json=world.screened_party)
        if f"PROBE-NOTE-{world.run_id}" in screened.text:
            problems.append("screening the name returns A's disposition note")
        if reference in screened.text:
            problems.append(f"screening the name returns {reference}")
    else:
        notes.append("no hit to dispose of (UN list not loaded): note not probed")
    if not problems and not shown and not world.screened_party:
        return skipped("; ".join(notes))
    return verdict(problems, f"dashboard {page.status_code} and screening clean", notes)


def _masked(answer: httpx.Response, key: str) -> tuple[int, str]:
    return answer.status_code, answer.text.replace(key, "<key>")


def hidden_case(world: World) -> Outcome:
    """Every answer about the hidden case must be the answer about one that does not exist."""
    reference, fake = world.case_reference, f"PROBE-NX-{world.run_id.upper()}"
    referral, fake_referral = world.referral_id, str(uuid.uuid4())
    move = {"to": "on_hold", "version": 1}  # a valid step with a stale version: 409 would tell
    asks = {  # what: (method, path with {key}, JSON body, the hidden key, a missing key)
        "GET case": ("get", "/api/cases/{key}", None, reference, fake),
        "transition": ("post", "/api/cases/{key}/transitions", move, reference, fake),
        "letter": ("get", "/api/cases/{key}/letter.pdf", None, reference, fake),
        "referral": ("get", "/api/interagency/referrals/{key}", None, referral, fake_referral),
    }
    problems, codes = [], []
    with world.api("rep_b") as api, world.web("rep_b") as web:
        for what, (method, path, body, hidden, missing) in asks.items():
            one = api.request(method, path.format(key=hidden), json=body)
            other = api.request(method, path.format(key=missing), json=body)
            codes.append(f"{what} {one.status_code}")
            if _masked(one, hidden) != _masked(other, missing):
                problems.append(f"{what} {one.status_code} vs {other.status_code}, texts differ")
        page, missing_page = web.get(f"/cases/{reference}"), web.get(f"/cases/{fake}")
    if page.status_code != missing_page.status_code:
        problems.append(f"web page {page.status_code} vs {missing_page.status_code}")
    return verdict(problems, "answered as for a nonexistent one: " + ", ".join(codes))
