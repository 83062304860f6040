"""DEMO-001 on the case page: the approval refused with every reason and its source (409),
then an exception by an administrator, a justification, and a chair's countersignature."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services
from nonpro.cases.schemas import CaseIn, TransitionIn
from nonpro.core import audit
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]
BASIS = "Presidential waiver under AECA §73(e), notified to Congress (test)"


def _version(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found
    return found.group(1)


def _switch(client: TestClient, username: str) -> None:
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/cases").text)})
    assert sign_in(client, username) == 303


def test_demo_001_refused_on_the_page_then_excepted_justified_and_countersigned(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    un_list: ParsedList,
    shared_data: Path,
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("chris", Role.CHAIR)
    make_user("root", Role.ADMIN)
    raw = json.loads((shared_data / "demo" / "cases.json").read_text("utf-8"))
    demo = CaseIn.model_validate(next(c for c in raw if c["reference"] == "DEMO-001"))
    actor = Principal(username="ana", role=Role.ANALYST)
    case = services.create_case(demo, session=db_session, provider=IndexProvider(), actor=actor)
    for to in ("submitted", "under_review"):
        data = TransitionIn.model_validate({"to": to, "version": case.version})
        case = services.transition(case.id, data, session=db_session, actor=actor)
    path = f"/cases/{case.id}"

    sign_in(client, "ana")
    page = client.get(path).text
    assert "Decision gates" in page and "Record the exception" not in page  # not hers to record
    form = {"to": "decided", "decision": "approved", "csrf_token": csrf_of(page)}
    refused = client.post(f"{path}/transition", data={**form, "version": _version(page)})
    assert refused.status_code == 409
    blocked = refused.text.split('id="decision-blocked"')[1].split("</div>")[0]
    for kind in ("Justification", "Category i", "Embargo", "Undecided hit"):
        assert f"<strong>{kind}:</strong>" in blocked, kind
    assert blocked.count("Source: ") >= 5 and "2.A.1.c.1" in blocked and "1737" in blocked
    assert "departs from the recommendation deny" in problem_beside(refused.text, "justification")

    entry = re.search(r'name="entry_id" value="(un:[^"]+)"', page)
    assert entry
    confirmed = client.post(
        f"{path}/dispositions",
        data={
            "party": "2",
            "entry_id": entry.group(1),
            "decision": "true_match",
            "note": "same entity",
            "csrf_token": csrf_of(page),
        },
        follow_redirects=False,
    )
    assert confirmed.status_code == 303

    _switch(client, "root")
    page = client.get(path).text
    assert "Record the exception" in page and "hard stop" in page
    blank = client.post(
        f"{path}/exceptions",
        data={"version": _version(page), "legal_basis": "", "csrf_token": csrf_of(page)},
    )
    assert blank.status_code == 422 and problem_beside(blank.text, "legal_basis")
    recorded = client.post(
        f"{path}/exceptions",
        data={"version": _version(page), "legal_basis": BASIS, "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert recorded.status_code == 303

    _switch(client, "ana")
    page = client.get(path).text
    assert "Exception recorded" in page and BASIS in page
    proposed = client.post(
        f"{path}/transition",
        data={
            **form,
            "csrf_token": csrf_of(page),
            "version": _version(page),
            "justification": "binding government-to-government assurances received",
        },
        follow_redirects=True,
    )
    assert proposed.status_code == 200 and "Decision proposed" in proposed.text
    assert "Countersign the decision" not in proposed.text  # not by the proposer
    assert "Withdraw my proposal" in proposed.text
    assert client.get(f"{path}/letter.pdf").status_code == 409

    _switch(client, "chris")
    page = client.get(path).text
    assert "Proposed: approved" in page and "Countersign the decision" in page
    signed = client.post(
        f"{path}/proposals/countersign",
        data={"version": _version(page), "answer_note": "agreed", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert signed.status_code == 200
    assert "decided (approved)" in signed.text and "countersigned by chris" in signed.text
    assert "Decision letter (PDF)" in signed.text

    actions = {e.action for e in audit.entries(db_session, target="case:DEMO-001")}
    assert {"case.exception", "case.propose", "case.countersign"} <= actions


def test_a_countersigner_sends_a_proposal_back_with_a_note(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("chris", Role.CHAIR)
    sign_in(client, "ana")
    token = csrf_of(client.get("/cases/new").text)
    made = client.post(
        "/cases/new",
        data={
            "reference": "WEB-SB",
            "type": "dual_use_referral",
            "destination": "Japan",
            "party_0_role": "applicant",
            "party_0_name": "Keystone Inertial Systems",
            "party_0_country": "US",
            "item_0_description": "Fibre optic gyro, drift 0.05 deg/h",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    path = made.headers["location"].split("?")[0]
    for to in ("submitted", "under_review"):
        page = client.get(path).text
        client.post(
            f"{path}/transition",
            data={"to": to, "version": _version(page), "csrf_token": csrf_of(page)},
        )
    page = client.get(path).text
    client.post(
        f"{path}/transition",
        data={
            "to": "decided",
            "decision": "denied",
            "justification": "no end-user statement",
            "version": _version(page),
            "csrf_token": csrf_of(page),
        },
    )
    _switch(client, "chris")
    page = client.get(path).text
    bare = client.post(
        f"{path}/proposals/send-back",
        data={"version": _version(page), "answer_note": "", "csrf_token": csrf_of(page)},
    )
    assert bare.status_code == 422 and problem_beside(bare.text, "answer_note")
    back = client.post(
        f"{path}/proposals/send-back",
        data={"version": _version(page), "answer_note": "ask first", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert "was rejected" in back.text and "rejected by chris (ask first)" in back.text
