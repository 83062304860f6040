"""The handoff on the pages: an analyst is offered a request form (not the chair's referral
form); the chair sees the request on the queue and accepts or declines it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import case_under_review
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.core import audit
from nonpro.interagency import services

ANALYST = Principal(username="ana", role=Role.ANALYST)


def test_analyst_requests_chair_accepts_or_declines(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("chris", Role.CHAIR, "STATE_ISN_MTR")
    for reference in ("HO-WEB-1", "HO-WEB-2"):
        case_under_review(db_session, ANALYST, reference)
    db_session.commit()

    assert sign_in(client, "ana") == 303
    page = client.get("/interagency").text
    assert 'action="/interagency/requests"' in page and "Request a referral" in page
    assert 'action="/interagency/refer"' not in page  # the chair's form is not offered
    token = csrf_of(page)
    blank = client.post(
        "/interagency/requests", data={"case": "", "group": "MTEC", "csrf_token": token}
    )
    assert blank.status_code == 422, blank.text[-3000:]
    assert problem_beside(blank.text, "h-case")
    for reference, group in (("HO-WEB-1", "MTEC"), ("HO-WEB-2", "MTAG")):
        asked = client.post(
            "/interagency/requests",
            data={"case": reference, "group": group, "note": "why", "csrf_token": token},
        )
        assert asked.status_code == 200 and "Referral requested" in asked.text  # the case page
        assert f"Case {reference}" in asked.text
    case_page = client.get("/cases/HO-WEB-1").text
    assert "Interagency referral requests" in case_page and "<strong>open</strong>" in case_page
    assert "Accept into" not in case_page  # the analyst asks; only a chair answers
    client.post("/logout", data={"csrf_token": token})

    assert sign_in(client, "chris") == 303
    assert "Accept into MTEC" in client.get("/cases/HO-WEB-1").text
    page = client.get("/interagency").text
    assert "Requests for referral" in page and "HO-WEB-1" in page and "HO-WEB-2" in page
    token = csrf_of(page)
    chair = Principal(username="chris", role=Role.CHAIR)
    requests = {
        q.case.reference: q.id for q in services.list_requests(session=db_session, reader=chair)
    }
    accepted = client.post(
        f"/interagency/requests/{requests['HO-WEB-1']}/accept", data={"csrf_token": token}
    )
    assert accepted.status_code == 200 and "/interagency/referrals/" in str(accepted.url)
    no_reason = client.post(
        f"/interagency/requests/{requests['HO-WEB-2']}/decline", data={"csrf_token": token}
    )
    assert no_reason.status_code == 422
    declined = client.post(
        f"/interagency/requests/{requests['HO-WEB-2']}/decline",
        data={"note": "not a missile matter", "csrf_token": token},
    )
    assert declined.status_code == 200 and "Request declined" in declined.text
    db_session.expire_all()
    assert cases.get_case("HO-WEB-1", session=db_session).status == "referred"
    assert cases.get_case("HO-WEB-2", session=db_session).status == "under_review"
    assert audit.entries(db_session, target="case:HO-WEB-2", action="interagency.request decline")
    assert "No request waiting." in client.get("/interagency").text
