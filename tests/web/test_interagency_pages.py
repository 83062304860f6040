"""Interagency pages: the queue per agency, the advice form, the consolidated view, meetings."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.interagency.conftest import REFERRED, case_under_review
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.interagency import services
from nonpro.interagency.models import Advice, Meeting, Referral
from nonpro.interagency.schemas import ReferralIn

LONG_AGO = date(2026, 9, 1)  # advice was due on 1 October 2026: late on any day these tests run
CHAIR = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")


def _world(session: Session, make_user: Callable[..., User]) -> str:
    make_user("chris", Role.CHAIR, "STATE_ISN_MTR")
    make_user("dora", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    make_user("cole", Role.AGENCY_REVIEWER, "COMMERCE_BIS")
    make_user("iris", Role.AGENCY_REVIEWER, "IC")
    for reference in ("IA-WEB-3", "IA-WEB-1", "IA-WEB-2"):
        case_under_review(session, CHAIR, reference)
    services.refer(
        ReferralIn(case="IA-WEB-3", group="MTEC", agencies=["DEFENSE_DTSA"]),  # today: not late
        session=session,
        actor=CHAIR,
    )
    first = services.refer(
        ReferralIn(
            case="IA-WEB-1",
            group="MTEC",
            agencies=["COMMERCE_BIS", "DEFENSE_DTSA"],
            referred_on=LONG_AGO,
        ),
        session=session,
        actor=CHAIR,
    )
    services.refer(
        ReferralIn(case="IA-WEB-2", group="MTEC", agencies=["COMMERCE_BIS"], referred_on=REFERRED),
        session=session,
        actor=CHAIR,
    )
    session.commit()
    return str(first.id)


def test_a_representative_sees_only_their_agencys_referrals_late_first(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    rid = _world(db_session, make_user)
    assert sign_in(client, "dora") == 303
    page = client.get("/interagency")
    assert page.status_code == 200
    assert "IA-WEB-2" not in page.text
    late, on_time = page.text.index("IA-WEB-1"), page.text.index("IA-WEB-3")
    assert late < on_time  # late first
    assert page.text.count('<span class="badge badge-alert">late</span>') == 1
    assert client.get(f"/interagency/referrals/{rid}").status_code == 200
    client.cookies.clear()
    assert sign_in(client, "iris") == 303
    assert "IA-WEB-1" not in client.get("/interagency").text
    assert client.get(f"/interagency/referrals/{rid}").status_code == 404


def test_advice_form_records_once_and_the_consolidated_view_shows_the_conflict(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    rid = _world(db_session, make_user)
    assert sign_in(client, "dora") == 303
    page = client.get(f"/interagency/referrals/{rid}").text
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    form = {
        "csrf_token": csrf_of(page),
        "idempotency_key": key,
        "agency": "DEFENSE_DTSA",
        "kind": "deny",
        "scope": "case:0",
        "reasons": "Guidance-grade gyros\nEnd user unverified",
        "rationale": "Category II to an unverified end user",
    }
    url = f"/interagency/referrals/{rid}/advice"
    assert client.post(url, data={**form, "csrf_token": ""}).status_code == 403
    done = client.post(url, data=form, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, f"/interagency/referrals/{rid}")
    assert '<div class="alert alert-ok" role="status">Advice recorded.</div>' in (
        client.get(done.headers["location"]).text
    )
    again = client.post(url, data=form)  # a double click
    assert "This advice was already recorded; nothing was added." in again.text
    assert db_session.scalar(select(func.count()).select_from(Advice)) == 1
    no_reason = client.post(url, data={**form, "reasons": "", "idempotency_key": "x" * 20})
    assert no_reason.status_code == 422 and "gives its reasons" in no_reason.text
    assert problem_beside(no_reason.text, "a-reasons") == "a denial gives its reasons"
    assert "Category II to an unverified end user</textarea>" in no_reason.text
    assert db_session.scalar(select(func.count()).select_from(Advice)) == 1

    client.cookies.clear()
    assert sign_in(client, "cole") == 303
    page = client.get(f"/interagency/referrals/{rid}").text
    done = client.post(
        url,
        data={
            "csrf_token": csrf_of(page),
            "idempotency_key": "commerce-form-0001",
            "kind": "approve_with_provisos",
            "scope": "case:0",
            "proviso": ["END-USE-ONLY", "NO-RETRANSFER"],
            "written_provisos": "Annual end-use report",
        },
    )
    assert done.status_code == 200
    assert "Conflict" in done.text and "DEFENSE_DTSA deny against the approval" in done.text
    assert "Annual end-use report" in done.text and "Guidance-grade gyros" in done.text


def test_the_chair_runs_the_meeting_from_its_page(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    _world(db_session, make_user)
    assert sign_in(client, "chris") == 303
    token = csrf_of(client.get("/interagency").text)
    made = client.post(
        "/interagency/meetings",
        data={
            "csrf_token": token,
            "group": "MTEC",
            "held_on": "2026-11-19",
            "cases": "IA-WEB-1",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    url = made.headers["location"].split("?")[0]
    present = ["STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA"]
    client.post(f"{url}/attendance", data={"csrf_token": token, "present": present})
    client.post(
        f"{url}/votes",
        data={
            "csrf_token": token,
            "case": "IA-WEB-1",
            "vote_STATE_ISN_MTR": "deny",
            "vote_DEFENSE_DTSA": "deny",
            "vote_COMMERCE_BIS": "approve",
            "reasons_COMMERCE_BIS": "Partner end user",
        },
    )
    dissent = {"csrf_token": token, "case": "IA-WEB-1", "agency": "COMMERCE_BIS"}
    refused = client.post(f"{url}/dissents", data={**dissent, "reasons": "X"})
    assert refused.status_code == 422
    assert "at least 3 characters" in problem_beside(refused.text, "dr-1")
    assert 'id="dr-1" name="reasons" type="text" value="X"' in refused.text
    assert "Dissent, COMMERCE_BIS" not in refused.text  # nothing was stored
    too_short = {"case": "IA-WEB-1", "recommendation": "deny", "reasons": "no"}
    refused = client.post(f"{url}/recommendations", data={**too_short, "csrf_token": token})
    assert "at least 3 characters" in problem_beside(refused.text, "rr-1")
    assert 'id="dr-1-problem"' not in refused.text  # the dissent form is not marked
    client.post(f"{url}/dissents", data={**dissent, "reasons": "X-1"})
    page = client.post(
        f"{url}/recommendations",
        data={
            "csrf_token": token,
            "case": "IA-WEB-1",
            "recommendation": "deny",
            "reasons": "Majority of the group",
        },
    )
    assert page.status_code == 200
    assert "Result:</strong> deny" in page.text
    assert "Dissent, COMMERCE_BIS:</strong> X-1" in page.text
    assert "Majority of the group" in page.text
    pdf = client.get(f"{url}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    minutes = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Result: deny (1 for approval, 2 for denial" in minutes
    assert "COMMERCE_BIS: X-1" in minutes and "Chair's recommendation: deny" in minutes


def test_refused_referral_and_meeting_forms_show_the_queue_with_the_problem_beside_its_field(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    _world(db_session, make_user)
    case_under_review(db_session, CHAIR, "IA-WEB-4")
    db_session.commit()
    assert sign_in(client, "chris") == 303
    token = csrf_of(client.get("/interagency").text)
    refusals = (
        ("/interagency/refer", {"case": "IA-WEB-4", "referred_on": "soon"}, "r-", "case", Referral),
        ("/interagency/meetings", {"held_on": "31/02", "title": "Spring"}, "m-", "title", Meeting),
    )
    for url, data, prefix, kept, stored in refusals:
        count = db_session.scalar(select(func.count()).select_from(stored))
        refused = client.post(url, data={**data, "group": "MTEC", "csrf_token": token})
        assert refused.status_code == 422
        assert "valid date" in problem_beside(refused.text, f"{prefix}date")
        assert f'id="{prefix}{kept}" name="{kept}" type="text" value="{data[kept]}"' in refused.text
        other = "m-" if prefix == "r-" else "r-"
        assert f'id="{other}date-problem"' not in refused.text  # the other form is not marked
        assert db_session.scalar(select(func.count()).select_from(stored)) == count
