"""Pages answer a case not referred to the reader's agency as a case that does not exist."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import REFERRED, case_under_review
from tests.web.conftest import csrf_of, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.interagency import meetings, services
from nonpro.interagency.schemas import MeetingIn, ReferralIn

HIDDEN = "IA-PAGE-HIDDEN"  # referred for Commerce's advice only
CHAIR = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")


def _world(session: Session, make_user: Callable[..., User]) -> dict[str, str]:
    make_user("dora", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    make_user("cole", Role.AGENCY_REVIEWER, "COMMERCE_BIS")
    case_under_review(session, CHAIR, HIDDEN)
    referral = services.refer(
        ReferralIn(case=HIDDEN, group="MTEC", agencies=["COMMERCE_BIS"], referred_on=REFERRED),
        session=session,
        actor=CHAIR,
    )
    document = cases.add_document(HIDDEN, "note.txt", b"statement", session=session, actor=CHAIR)
    meeting = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=REFERRED, cases=[HIDDEN]), session=session, actor=CHAIR
    )
    session.commit()
    return {
        "case_id": str(referral.case_id),
        "referral_id": str(referral.id),
        "document": str(document.id),
        "meeting": str(meeting.id),
    }


def _calls(key: str, world: dict[str, str], token: str) -> list[tuple[str, str, Any]]:
    form = {"csrf_token": token}
    return [
        ("get", f"/cases/{key}", None),
        ("post", f"/cases/{key}/transition", {**form, "to": "draft", "version": "99"}),
        ("get", f"/cases/{key}/documents/{world['document']}", None),
        ("get", f"/cases/{key}/letter.pdf", None),
        ("get", f"/interagency/referrals/{key}", None),
        ("post", f"/interagency/referrals/{key}/advice", {**form, "kind": "approve"}),
        (
            "post",
            f"/interagency/referrals/{key}/escalations",
            {**form, "level": "operating_committee", "reasons": "We disagree"},
        ),
        ("post", f"/interagency/referrals/{key}/hold", {**form, "reason": "More facts"}),
        (
            "post",
            f"/interagency/meetings/{world['meeting']}/dissents",
            {**form, "case": key, "reasons": "We disagree"},
        ),
    ]


def test_a_hidden_case_page_reads_as_a_missing_one(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    world = _world(db_session, make_user)
    assert sign_in(client, "dora") == 303
    queue = client.get("/interagency").text
    token = csrf_of(queue)
    assert f"(MTEC, {REFERRED}, 0 cases)" in queue  # the meeting, not the hidden case on it
    missing_id = str(uuid.uuid4())
    keys = [(HIDDEN, "IA-NOPE"), (world["case_id"], missing_id), (world["referral_id"], missing_id)]
    leaks = []
    for hidden, missing in keys:
        pairs = zip(_calls(hidden, world, token), _calls(missing, world, token), strict=True)
        for (method, url, form), (_, absent_url, absent_form) in pairs:
            seen = client.request(method, url, data=form)
            absent = client.request(method, absent_url, data=absent_form)
            answer = (seen.status_code, seen.text.replace(hidden, "KEY"))
            if answer != (absent.status_code, absent.text.replace(missing, "KEY")):
                leaks.append(f"{method} {url}: {seen.status_code} differs from a missing case")
            elif seen.status_code not in (403, 404):
                leaks.append(f"{method} {url}: {seen.status_code}")
    assert not leaks, "\n".join(leaks)
    page = client.get(f"/cases/{world['case_id']}")
    assert page.status_code == 404 and f"case {world['case_id']} not found" in page.text
    assert HIDDEN not in page.text

    # Commerce, to whom it was referred, reads it.
    client.cookies.clear()
    assert sign_in(client, "cole") == 303
    assert client.get(f"/cases/{world['case_id']}").status_code == 200
    assert client.get(f"/interagency/referrals/{world['referral_id']}").status_code == 200
    assert f"(MTEC, {REFERRED}, 1 case)" in client.get("/interagency").text
