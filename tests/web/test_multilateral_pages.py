"""The multilateral pages through the real app and templates: calendar, meeting, instruction
clearance, HCOC (a late notification flagged), contributions with chart and table."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import icalendar
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import services

MakeUser = Callable[..., User]
MEETING = {
    "body": "IAEA-BOG",
    "title": "Board special session",
    "start_date": "2027-01-11",
    "end_date": "2027-01-12",
}


def _seed(db_session: Session, operator: Principal) -> None:
    services.load_reference(session=db_session, actor=operator, today=date(2026, 11, 22))


def _officer_on(client: TestClient, make_user: MakeUser, path: str) -> str:
    """Signed in as a multilateral officer; the CSRF token of the page at ``path``."""
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    return csrf_of(client.get(path).text)


def test_calendar_meeting_and_instruction_pages(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    page = client.get("/multilateral", params={"start": "2027-06-01", "end": "2027-06-30"})
    assert page.status_code == 200
    assert "IAEA Board of Governors, June session 2027" in page.text and "projected" in page.text
    assert '<a href="/multilateral" aria-current="page">Multilateral</a>' in page.text
    token = csrf_of(page.text)

    assert client.post("/multilateral/meetings", data={"body": "IAEA-BOG"}).status_code == 403
    created = client.post(
        "/multilateral/meetings",
        data={
            "csrf_token": token,
            "body": "IAEA-BOG",
            "title": "Board special session",
            "start_date": "2027-01-11",
            "end_date": "2027-01-12",
            "agenda": "Iran\nDPRK",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    meeting_url = created.headers["location"].split("?")[0]
    client.post(
        f"{meeting_url}/delegates",
        data={"csrf_token": token, "name": "Ann Head", "role": "head", "agency": "STATE_ISN_MNSA"},
    )
    client.post(
        f"{meeting_url}/documents",
        data={
            "csrf_token": token,
            "kind": "statement",
            "title": "Opening statement",
            "text": "Madam Chair, ...",
        },
    )
    drafted = client.post(
        f"{meeting_url}/instructions",
        data={
            "csrf_token": token,
            "title": "Agenda item 2",
            "mission": "USMISSION UNVIE",
            "text": "Support.",
            "offices": "ISN/MNSA\nL/NPV",
        },
        follow_redirects=False,
    )
    assert drafted.status_code == 303
    instruction_url = drafted.headers["location"].split("?")[0]
    meeting = client.get(meeting_url).text
    assert "Ann Head" in meeting and "Opening statement" in meeting and "Agenda item 2" in meeting
    assert "0 of 2 cleared" in meeting

    steps = f"{instruction_url}/steps"
    refused = client.post(steps, data={"csrf_token": token, "action": "approve"})
    assert refused.status_code == 409 and "allowed now: revise, submit" in refused.text
    for data in (
        {"action": "submit"},
        {"action": "clear", "office": "ISN/MNSA"},
        {"action": "clear", "office": "L/NPV", "note": "ok as edited"},
        {"action": "approve"},
    ):
        done = client.post(steps, data={"csrf_token": token, **data})
        assert done.status_code == 200, done.text
    assert "Send to USMISSION UNVIE" in done.text
    sent = client.post(steps, data={"csrf_token": token, "action": "send"}).text
    assert re.search(r'id="instruction-state">sent<', sent)
    assert "ok as edited" in sent and "Who did what and when" in sent

    ics = client.get("/multilateral/calendar.ics", params={"body": "IAEA-BOG"})
    assert any(
        str(e["summary"]) == "IAEA-BOG: Board special session"
        for e in icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    )


def test_viewer_sees_no_forms(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    page = client.get("/multilateral")
    assert page.status_code == 200 and "Add a meeting" not in page.text
    assert "Record a contribution" not in client.get("/multilateral/contributions").text


def test_hcoc_page_flags_a_late_notification(client: TestClient, make_user: MakeUser) -> None:
    token = _officer_on(client, make_user, "/multilateral/hcoc")
    done = client.post(
        "/multilateral/hcoc/notifications",
        data={
            "csrf_token": token,
            "vehicle_class": "ICBM",
            "window_opens": "2026-05-04T08:00",
            "window_closes": "2026-05-04T12:00",
            "launch_area": "Vandenberg SFB",
            "general_direction": "west",
            "notified_at": "2026-05-04T10:00",
        },
    )
    assert done.status_code == 200
    assert "LATE, made after the launch window opened" in done.text
    assert "2.0 h after the window opened" in done.text
    page = client.get("/multilateral/hcoc", params={"year": "2026"}).text
    assert "Ballistic missile launches</dt><dd>1" in page


def test_contributions_page_chart_table_and_csv(client: TestClient, make_user: MakeUser) -> None:
    token = _officer_on(client, make_user, "/multilateral/contributions")
    for year, fund, amount in ((2025, "TCF", "1000000"), (2026, "NSF", "250000.50")):
        posted = client.post(
            "/multilateral/contributions",
            data={
                "csrf_token": token,
                "year": year,
                "fund": fund,
                "amount": amount,
                "status": "pledged",
            },
        )
        assert posted.status_code == 200, posted.text[-1500:]
    page = client.get("/multilateral/contributions").text
    assert '<svg viewBox="0 0 640 280"' in page and 'role="img"' in page
    assert "2025: $1,000,000.00; 2026: $250,000.50." in page
    assert "<caption>Totals by year and fund (US dollars)</caption>" in page
    assert "1,250,000.50" in page
    csv_text = client.get("/multilateral/contributions.csv").text
    assert csv_text.count("\n") == 3


def test_a_refused_meeting_form_shows_the_meeting_with_the_field_named(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    token = _officer_on(client, make_user, "/multilateral")
    created = client.post(
        "/multilateral/meetings", data={**MEETING, "csrf_token": token}, follow_redirects=False
    )
    meeting_url = created.headers["location"].split("?")[0]
    refused = client.post(
        f"{meeting_url}/delegates",
        data={"csrf_token": token, "name": "Ann Head", "role": "pilot", "agency": "STATE_ISN_MNSA"},
    )
    assert refused.status_code == 422
    assert "<h1>Board special session</h1>" in refused.text  # the meeting, not an error page
    assert re.search(r'id="form-error">\s*<strong>role: </strong>', refused.text)
    assert "Ann Head" not in client.get(meeting_url).text  # nothing was added


def test_refused_meeting_creation_and_instruction_step_show_the_problem_beside_the_field(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    token = _officer_on(client, make_user, "/multilateral")
    meeting = {**MEETING, "csrf_token": token}
    refused = client.post("/multilateral/meetings", data={**meeting, "start_date": "11 Jan"})
    assert refused.status_code == 422
    assert "valid date" in problem_beside(refused.text, "new-start")
    assert 'id="new-title" name="title" type="text" value="Board special session"' in refused.text
    listed = client.get("/multilateral", params={"start": "2027-01-01", "end": "2027-01-31"})
    assert "Board special session" not in listed.text  # nothing was stored

    created = client.post("/multilateral/meetings", data=meeting, follow_redirects=False)
    drafted = client.post(
        f"{created.headers['location']}/instructions",
        data={
            "csrf_token": token,
            "title": "Item 2",
            "mission": "UNVIE",
            "text": "Support.",
            "offices": "ISN/MNSA",
        },
        follow_redirects=False,
    )
    steps = f"{drafted.headers['location']}/steps"
    assert client.post(steps, data={"csrf_token": token, "action": "submit"}).status_code == 200
    comment = {"csrf_token": token, "action": "comment", "office": "ISN/MNSA", "note": " "}
    refused = client.post(steps, data=comment)
    assert refused.status_code == 422
    assert problem_beside(refused.text, "clear-note") == "a comment needs its text"
    assert 'id="revise-note-problem"' not in refused.text  # the other form is not marked


def test_refused_hcoc_and_contribution_forms_show_the_problem_beside_the_field(
    client: TestClient, make_user: MakeUser
) -> None:
    token = _officer_on(client, make_user, "/multilateral/hcoc")
    notification = {
        "csrf_token": token,
        "vehicle_class": "ICBM",
        "window_opens": "next week",
        "window_closes": "2026-05-04T12:00",
        "launch_area": "Vandenberg SFB",
        "general_direction": "west",
    }
    refused = client.post("/multilateral/hcoc/notifications", data=notification)
    assert refused.status_code == 422
    assert "valid datetime" in problem_beside(refused.text, "window-opens")
    assert 'name="launch_area" type="text" value="Vandenberg SFB"' in refused.text
    assert "No notifications recorded." in client.get("/multilateral/hcoc").text

    token = csrf_of(client.get("/multilateral/contributions").text)
    contribution = {"csrf_token": token, "year": "2026", "fund": "TCF", "status": "pledged"}
    refused = client.post("/multilateral/contributions", data={**contribution, "amount": "lots"})
    assert refused.status_code == 422
    assert "valid decimal" in problem_beside(refused.text, "c-amount")
    assert 'id="c-amount" name="amount" type="text" value="lots"' in refused.text
    assert '<option value="TCF" selected>' in refused.text
    assert client.get("/multilateral/contributions.csv").text.count("\n") == 1  # the header only
