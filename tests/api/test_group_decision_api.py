"""Who votes, over HTTP: a group's non-voting members are set with the group; a vote for one is
refused (422, naming the agency), and the meeting says who advises without a vote."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import REFERRED, case_under_review

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

Bearer = Callable[..., dict[str, str]]
REF = "IA-API-VOTE"


def test_a_non_voting_agency_is_refused_a_vote_and_the_group_sets_who_votes(
    client: TestClient, bearer: Bearer, db_session: Session
) -> None:
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    case_under_review(db_session, Principal(username="chris", role=Role.CHAIR), REF)
    referral = client.post(
        "/api/interagency/referrals",
        json={
            "case": REF,
            "group": "MTEC",
            "agencies": ["COMMERCE_BIS", "IC"],
            "referred_on": str(REFERRED),
        },
        headers=chair,
    )
    assert referral.status_code == 201, referral.text
    groups = {g["code"]: g for g in client.get("/api/interagency/groups", headers=chair).json()}
    assert groups["MTEC"]["non_voting"] == ["IC"]
    made = client.post(
        "/api/interagency/meetings",
        json={"group": "MTEC", "held_on": str(REFERRED), "cases": [REF]},
        headers=chair,
    )
    mid = made.json()["id"]
    assert made.json()["non_voting"] == ["IC"]
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "IC"):
        attended = client.post(
            f"/api/interagency/meetings/{mid}/attendance", json={"agency": agency}, headers=chair
        )
        assert attended.status_code == 200, attended.text
    ballot = {"case": REF, "agency": "IC", "choice": "deny"}
    refused = client.post(f"/api/interagency/meetings/{mid}/votes", json=ballot, headers=chair)
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["field"] == "agency" and error["type"] == "NonVotingAgency"
    assert "IC advises MTEC but does not vote" in error["message"]

    # The chair lets IC vote in MTEC: the same vote is then recorded.
    changed = {**groups["MTEC"], "non_voting": []}
    changed.pop("active", None)
    saved = client.put("/api/interagency/groups/MTEC", json=changed, headers=chair)
    assert saved.status_code == 200, saved.text
    voted = client.post(f"/api/interagency/meetings/{mid}/votes", json=ballot, headers=chair)
    assert voted.status_code == 200, voted.text
    # A non-voting agency that is no member is refused naming the problem.
    stranger = {**changed, "non_voting": ["NASA"]}
    bad = client.put("/api/interagency/groups/MTEC", json=stranger, headers=chair)
    assert bad.status_code == 422 and "must be members" in bad.json()["error"]["message"]
