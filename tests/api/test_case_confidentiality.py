"""A case not referred to the reader's agency answers exactly as a case that does not exist, on
every API route that takes a case reference, a case id or a referral id: 404 "case KEY not
found", or, where the reader's role may not call the route at all, the same 403 either way."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import AGENCIES, REFERRED, case_under_review

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.interagency import meetings, services
from nonpro.interagency.schemas import MeetingIn, ReferralIn

SHARED, HIDDEN = "IA-API-SHARED", "IA-API-HIDDEN"  # Defense advises on SHARED only
CHAIR = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
Call = tuple[str, str, dict[str, Any] | None]


def _calls(key: str, document: str, meeting: str) -> list[Call]:
    """Every route that names a case (or its referral) by ``key``."""
    case_routes: list[Call] = [
        ("get", f"/api/cases/{key}", None),
        ("post", f"/api/cases/{key}/transitions", {"to": "draft", "version": 99}),
        ("get", f"/api/cases/{key}/documents/{document}", None),
        ("get", f"/api/cases/{key}/letter.pdf", None),
        ("get", f"/api/interagency/referrals/{key}", None),
        ("post", f"/api/interagency/referrals/{key}/advice", {"kind": "approve"}),
        ("post", f"/api/interagency/referrals/{key}/holds?reason=More+facts", None),
        ("post", f"/api/interagency/referrals/{key}/resume", None),
        ("post", f"/api/interagency/referrals/{key}/reminders", None),
        (
            "post",
            f"/api/interagency/referrals/{key}/escalations",
            {"level": "operating_committee", "reasons": "We disagree"},
        ),
    ]
    dissent = {"case": key, "reasons": "We disagree"}
    return [*case_routes, ("post", f"/api/interagency/meetings/{meeting}/dissents", dissent)]


@pytest.fixture
def world(db_session: Session, make_user: Callable[..., object]) -> dict[str, str]:
    make_user("seed-agencies")
    for reference in (SHARED, HIDDEN):
        case_under_review(db_session, CHAIR, reference)
    services.refer(
        ReferralIn(case=SHARED, group="MTEC", agencies=AGENCIES, referred_on=REFERRED),
        session=db_session,
        actor=CHAIR,
    )
    referral = services.refer(
        ReferralIn(case=HIDDEN, group="MTEC", agencies=["COMMERCE_BIS"], referred_on=REFERRED),
        session=db_session,
        actor=CHAIR,
    )
    document = cases.add_document(
        HIDDEN, "note.txt", b"end-user statement", session=db_session, actor=CHAIR
    )
    meeting = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=REFERRED, cases=[SHARED, HIDDEN]),
        session=db_session,
        actor=CHAIR,
    )
    db_session.commit()
    return {
        "case_id": str(referral.case_id),
        "referral_id": str(referral.id),
        "document": str(document.id),
        "meeting": str(meeting.id),
    }


def test_a_hidden_case_answers_as_a_missing_one_on_every_route(
    client: TestClient, bearer: Callable[..., dict[str, str]], world: dict[str, str]
) -> None:
    defense = bearer(Role.AGENCY_REVIEWER, "dora", "DEFENSE_DTSA")
    missing_id = str(uuid.uuid4())
    keys = [(HIDDEN, "IA-NOPE"), (world["case_id"], missing_id), (world["referral_id"], missing_id)]
    leaks = []
    for hidden, missing in keys:
        for (method, url, body), (_, absent_url, absent_body) in zip(
            _calls(hidden, world["document"], world["meeting"]),
            _calls(missing, world["document"], world["meeting"]),
            strict=True,
        ):
            seen = client.request(method, url, json=body, headers=defense)
            absent = client.request(method, absent_url, json=absent_body, headers=defense)
            if (seen.status_code, seen.text.replace(hidden, "KEY")) != (
                absent.status_code,
                absent.text.replace(missing, "KEY"),
            ) or seen.status_code not in (403, 404):
                leaks.append(f"{method} {url}: {seen.status_code} {seen.text[:160]}")
    assert not leaks, "\n".join(leaks)
    refused = client.get(f"/api/cases/{world['case_id']}", headers=defense).json()
    assert refused["error"]["message"] == f"case {world['case_id']} not found"


def test_the_right_readers_still_reach_the_case(
    client: TestClient, bearer: Callable[..., dict[str, str]], world: dict[str, str]
) -> None:
    defense = bearer(Role.AGENCY_REVIEWER, "dora", "DEFENSE_DTSA")
    commerce = bearer(Role.AGENCY_REVIEWER, "cole", "COMMERCE_BIS")
    analyst = bearer(Role.ANALYST, "ana")
    assert client.get(f"/api/cases/{SHARED}", headers=defense).status_code == 200
    for headers in (commerce, analyst):
        assert client.get(f"/api/cases/{HIDDEN}", headers=headers).status_code == 200
        document = f"/api/cases/{HIDDEN}/documents/{world['document']}"
        assert client.get(document, headers=headers).content == b"end-user statement"
        referral = client.get(f"/api/interagency/referrals/{world['referral_id']}", headers=headers)
        assert referral.json()["referral"]["case_reference"] == HIDDEN
    # A transition the table refuses still says why, to whoever may see the case.
    stale = client.post(
        f"/api/cases/{HIDDEN}/transitions", json={"to": "draft", "version": 99}, headers=analyst
    )
    assert stale.status_code == 409 and "version" in stale.json()["error"]["message"]
    dissent = {"case": HIDDEN, "reasons": "We disagree"}
    url = f"/api/interagency/meetings/{world['meeting']}/dissents"
    assert client.post(url, json=dissent, headers=commerce).status_code == 200
