"""The group's decision on the pages: a meeting offers votes only to voting agencies and refuses
a non-voting one beside its field; an appeal's signer is checked on the referral page; the chair
records the level's outcome there and the case page shows it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import REFERRED, case_under_review
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.interagency import meetings, services
from nonpro.interagency.schemas import AttendanceIn, MeetingIn, ReferralIn

CHAIR = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
REF = "IA-GD-1"


def _world(session: Session, make_user: Callable[..., User]) -> tuple[str, str]:
    """A case referred to MTEC (Commerce and IC advise) and a meeting where the chair, Commerce
    and IC are present; returns the referral's and the meeting's ids."""
    make_user("chris", Role.CHAIR, "STATE_ISN_MTR")
    make_user("cole", Role.AGENCY_REVIEWER, "COMMERCE_BIS")
    case_under_review(session, CHAIR, REF)
    referral = services.refer(
        ReferralIn(case=REF, group="MTEC", agencies=["COMMERCE_BIS", "IC"], referred_on=REFERRED),
        session=session,
        actor=CHAIR,
    )
    held = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=REFERRED, cases=[REF]), session=session, actor=CHAIR
    )
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "IC"):
        meetings.record_attendance(
            str(held.id), AttendanceIn(agency=agency), session=session, actor=CHAIR
        )
    session.commit()
    return str(referral.id), str(held.id)


def test_a_meeting_offers_votes_to_voting_agencies_only(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    _, mid = _world(db_session, make_user)
    sign_in(client, "chris")
    page = client.get(f"/interagency/meetings/{mid}").text
    assert 'name="vote_COMMERCE_BIS"' in page and 'name="vote_IC"' not in page
    assert "IC advises the group but does not vote." in page
    assert "Present, advising without a vote: IC." in page
    # A forged vote for IC is refused beside the agency, nothing stored.
    refused = client.post(
        f"/interagency/meetings/{mid}/votes",
        data={"csrf_token": csrf_of(page), "case": REF, "vote_IC": "deny"},
    )
    assert refused.status_code == 422
    assert "IC advises MTEC but does not vote" in html.unescape(refused.text)
    shown = meetings.meeting_out(meetings.get_meeting(mid, session=db_session, actor=CHAIR), CHAIR)
    assert shown.agenda[0].votes == []


def _escalate(client: TestClient, rid: str, **fields: str) -> httpx.Response:
    token = csrf_of(client.get(f"/interagency/referrals/{rid}").text)
    return client.post(
        f"/interagency/referrals/{rid}/escalations",
        data={"csrf_token": token, "agency": "COMMERCE_BIS", "reasons": "dissent", **fields},
        follow_redirects=False,
    )


def _decide(client: TestClient, rid: str, level: str, outcome: str, note: str) -> httpx.Response:
    token = csrf_of(client.get(f"/interagency/referrals/{rid}").text)
    return client.post(
        f"/interagency/referrals/{rid}/escalations/{level}/decision",
        data={"csrf_token": token, "outcome": outcome, "note": note, "decided_on": ""},
        follow_redirects=False,
    )


def test_the_chair_records_each_levels_outcome_and_the_case_shows_it(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    rid, _ = _world(db_session, make_user)
    sign_in(client, "chris")
    assert _escalate(client, rid, level="operating_committee").status_code == 303
    page = client.get(f"/interagency/referrals/{rid}").text
    assert 'aria-label="What the operating committee decided"' in page
    done = _decide(client, rid, "operating_committee", "deny", "OC chair upholds the denial")
    assert done.status_code == 303
    cell = re.search(
        r'<td id="escalation-operating_committee">(.*?)</td>',
        client.get(f"/interagency/referrals/{rid}").text,
        re.S,
    )
    assert cell and "deny on" in cell.group(1) and "OC chair upholds the denial" in cell.group(1)

    # The ACEP appeal signed by an office director: refused beside the signer's office, kept.
    refused = _escalate(
        client, rid, level="acep", signed_by="Director, Office X", signer_role="other_official"
    )
    assert refused.status_code == 422
    text = html.unescape(refused.text)
    assert "Senate-confirmed (PAS) official" in problem_beside(text, "signer_role")
    assert 'value="Director, Office X"' in text
    signed = _escalate(
        client, rid, level="acep", signed_by="Under Secretary", signer_role="pas_official"
    )
    assert signed.status_code == 303
    bad = _decide(client, rid, "acep", "maybe", "")
    assert bad.status_code == 422
    assert _decide(client, rid, "acep", "approve", "ACEP majority").status_code == 303

    case_page = html.unescape(client.get(f"/cases/{REF}").text)
    section = re.search(
        r'<section aria-labelledby="case-escalation-heading".*?</section>', case_page, re.S
    )
    assert section, "the case page shows no escalation"
    rows = section.group(0)
    assert "operating committee" in rows and "deny</strong>" in rows
    assert "signed by Under Secretary (pas official)" in rows
    assert "approve</strong>" in rows and "ACEP majority" in rows
