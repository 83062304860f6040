"""Who may do what in interagency review, as a matrix of roles x actions through the API.

Every denial is a 403 that changes nothing: no audit row, no interagency row, the case as it was;
a representative whose agency the case was not referred to is told it is not found (404), as if
it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.interagency.conftest import AGENCIES, REFERRED, case_under_review

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases.models import Case
from nonpro.core.audit import AuditEntry
from nonpro.core.db import Base
from nonpro.interagency import meetings, services
from nonpro.interagency.schemas import AttendanceIn, MeetingIn, ReferralIn

REF = "IA-ACL-1"
ACTORS: dict[str, tuple[Role, str | None]] = {
    "admin": (Role.ADMIN, None),
    "chair": (Role.CHAIR, "STATE_ISN_MTR"),
    "analyst": (Role.ANALYST, None),
    "viewer": (Role.VIEWER, None),
    "sanctions": (Role.SANCTIONS_OFFICER, None),
    "defense": (Role.AGENCY_REVIEWER, "DEFENSE_DTSA"),  # Defense is due to advise
    "intel": (Role.AGENCY_REVIEWER, "IC"),  # an MTEC member, not asked to advise on this case
}
Call = tuple[str, str, dict[str, Any] | None]


def _calls(rid: str, mid: str) -> dict[str, Call]:
    return {
        "refer": ("post", "/api/interagency/referrals", {"case": "IA-ACL-2", "group": "MTEC"}),
        "read": ("get", f"/api/interagency/referrals/{rid}", None),
        "advise": (
            "post",
            f"/api/interagency/referrals/{rid}/advice",
            {"agency": "DEFENSE_DTSA", "kind": "deny", "reasons": ["Guidance"]},
        ),
        "hold": ("post", f"/api/interagency/referrals/{rid}/holds?reason=End-user+statement", None),
        "remind": ("post", f"/api/interagency/referrals/{rid}/reminders", None),
        "meeting": (
            "post",
            "/api/interagency/meetings",
            {"group": "MTEC", "held_on": "2026-11-19"},
        ),
        "attendance": (
            "post",
            f"/api/interagency/meetings/{mid}/attendance",
            {"agency": "DEFENSE_DTSA"},
        ),
        "vote": (
            "post",
            f"/api/interagency/meetings/{mid}/votes",
            {"case": REF, "agency": "STATE_ISN_MTR", "choice": "deny"},
        ),
        "dissent": (
            "post",
            f"/api/interagency/meetings/{mid}/dissents",
            {"case": REF, "agency": "DEFENSE_DTSA", "reasons": "We dissent"},
        ),
        "recommend": (
            "post",
            f"/api/interagency/meetings/{mid}/recommendations",
            {"case": REF, "recommendation": "deny", "reasons": "Majority"},
        ),
        "escalate": (
            "post",
            f"/api/interagency/referrals/{rid}/escalations",
            {"level": "operating_committee", "agency": "DEFENSE_DTSA", "reasons": "Dissent"},
        ),
    }


ALLOWED = {
    "refer": {"admin", "chair", "analyst"},
    "read": {"admin", "chair", "analyst", "viewer", "sanctions", "defense"},
    "advise": {"admin", "defense"},
    "hold": {"admin", "chair", "analyst"},
    "remind": {"admin", "chair", "analyst"},
    "meeting": {"admin", "chair"},
    "attendance": {"admin", "chair"},
    "vote": {"admin", "chair"},
    "dissent": {"admin", "chair", "defense"},
    "recommend": {"admin", "chair"},
    "escalate": {"admin", "chair", "defense"},
}
# Intel may not see the case at all: the routes its role may call answer "not found".
REFUSALS = {"intel": {403, 404}}
MATRIX = [(action, actor) for action in ALLOWED for actor in ACTORS]


def _fingerprint(session: Session) -> tuple[object, ...]:
    session.expire_all()
    counts = tuple(
        session.scalar(select(func.count()).select_from(table))
        for name, table in sorted(Base.metadata.tables.items())
        if name.startswith("ia_")
    )
    versions = tuple(session.scalars(select(Case.version).order_by(Case.reference)))
    return (session.scalar(select(func.max(AuditEntry.seq))), counts, versions)


@pytest.fixture
def world(
    client: TestClient,
    db_session: Session,
    bearer: Callable[..., dict[str, str]],
) -> tuple[dict[str, dict[str, str]], dict[str, Call]]:
    headers = {name: bearer(role, f"acl-{name}", agency) for name, (role, agency) in ACTORS.items()}
    chair = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
    for reference in (REF, "IA-ACL-2"):
        case_under_review(db_session, chair, reference)
    referral = services.refer(
        ReferralIn(case=REF, group="MTEC", agencies=AGENCIES, referred_on=REFERRED),
        session=db_session,
        actor=chair,
    )
    meeting = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=referral.referred_on, cases=[REF]),
        session=db_session,
        actor=chair,
    )
    for agency in ("STATE_ISN_MTR", "DEFENSE_DTSA", "COMMERCE_BIS"):
        meetings.record_attendance(
            str(meeting.id), AttendanceIn(agency=agency), session=db_session, actor=chair
        )
    db_session.commit()
    return headers, _calls(str(referral.id), str(meeting.id))


def test_role_action_matrix(
    client: TestClient,
    db_session: Session,
    world: tuple[dict[str, dict[str, str]], dict[str, Call]],
) -> None:
    """One world, every cell in turn. An allowed cell may meet a 409 left by an earlier cell
    (the case is referred already): what matters is that it is not refused."""
    headers, calls = world
    wrong: list[str] = []
    for action, actor in MATRIX:
        method, url, body = calls[action]
        before = _fingerprint(db_session)
        response = client.request(method, url, json=body, headers=headers[actor])
        code = response.status_code
        if actor in ALLOWED[action]:
            if code == 403 or code >= 500 or code == 422:
                wrong.append(f"{action} by {actor}: {code} {response.text[:200]}")
        elif code not in REFUSALS.get(actor, {403}):
            wrong.append(f"{action} by {actor}: expected a refusal, got {code}")
        elif _fingerprint(db_session) != before:
            wrong.append(f"{action} by {actor}: {code} but something changed")
    assert not wrong, "\n".join(wrong)


def test_a_representative_queue_holds_only_their_agencys_referrals(
    client: TestClient, world: tuple[dict[str, dict[str, str]], dict[str, Call]]
) -> None:
    headers, _ = world
    mine = client.get("/api/interagency/referrals", headers=headers["defense"]).json()
    assert [r["case_reference"] for r in mine] == [REF]
    assert client.get("/api/interagency/referrals", headers=headers["intel"]).json() == []
    viewer = client.get("/api/interagency/referrals", headers=headers["viewer"]).json()
    assert [r["case_reference"] for r in viewer] == [REF]
    meeting = client.get("/api/interagency/meetings", headers=headers["intel"]).json()
    assert meeting and meeting[0]["agenda"] == []  # their group's meeting, none of its cases
