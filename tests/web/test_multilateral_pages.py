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
from nonpro.multilateral.schemas import ClearingOfficerIn

MakeUser = Callable[..., User]
# Who keeps the list of clearing officers in these tests (no one appoints themselves).
CHIEF_CLERK = Principal(username="clerk", role=Role.MULTILATERAL_OFFICER)
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


def _as(
    client: TestClient,
    make_user: MakeUser,
    name: str,
    db_session: Session,
    offices: tuple[str, ...] = (),
) -> str:
    """Signed in as another multilateral officer (clearing for ``offices``); a CSRF token."""
    make_user(name, Role.MULTILATERAL_OFFICER)
    for office in offices:
        appointment = ClearingOfficerIn(office=office, username=name)
        services.appoint_clearing_officer(appointment, session=db_session, actor=CHIEF_CLERK)
    sign_in(client, name)
    return csrf_of(client.get("/multilateral").text)


def _submitted_instruction(client: TestClient, token: str) -> str:
    """A new meeting's instruction, cleared by ISN/MNSA only, in clearance; its steps' URL."""
    created = client.post(
        "/multilateral/meetings", data={**MEETING, "csrf_token": token}, follow_redirects=False
    )
    drafted = client.post(
        f"{created.headers['location'].split('?')[0]}/instructions",
        data={
            "csrf_token": token,
            "title": "Item 2",
            "mission": "UNVIE",
            "text": "Support.",
            "offices": "ISN/MNSA",
        },
        follow_redirects=False,
    )
    steps = f"{drafted.headers['location'].split('?')[0]}/steps"
    assert client.post(steps, data={"csrf_token": token, "action": "submit"}).status_code == 200
    return steps


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
    assert client.post(steps, data={"csrf_token": token, "action": "submit"}).status_code == 200
    # The drafter hands over: a lawyer clears for both offices, the chief approves and sends.
    token = _as(client, make_user, "lawyer", db_session, offices=("ISN/MNSA", "L/NPV"))
    for data in (
        {"action": "clear", "office": "ISN/MNSA"},
        {"action": "clear", "office": "L/NPV", "note": "ok as edited"},
    ):
        done = client.post(steps, data={"csrf_token": token, **data})
        assert done.status_code == 200, done.text
    token = _as(client, make_user, "chief", db_session)
    done = client.post(steps, data={"csrf_token": token, "action": "approve"})
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

    steps = _submitted_instruction(client, token)
    comment = {"csrf_token": token, "action": "comment", "office": "ISN/MNSA", "note": " "}
    refused = client.post(steps, data=comment)
    assert refused.status_code == 422
    assert problem_beside(refused.text, "clear-note") == "a comment needs its text"
    assert 'id="revise-note-problem"' not in refused.text  # the other form is not marked


def test_a_clearance_or_approval_by_the_wrong_person_is_refused_beside_the_button(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    token = _officer_on(client, make_user, "/multilateral")
    steps = _submitted_instruction(client, token)
    clear = {"csrf_token": token, "action": "clear", "office": "ISN/MNSA", "note": "fine"}
    refused = client.post(steps, data=clear)  # the drafter
    assert refused.status_code == 403
    assert problem_beside(refused.text, "clear-office") == (
        "clear: you wrote this text: a clearance must come from someone who did not"
    )
    token = _as(client, make_user, "lawyer", db_session)
    refused = client.post(steps, data={**clear, "csrf_token": token})  # not named for the office
    assert refused.status_code == 403
    beside = problem_beside(refused.text, "clear-office")
    assert beside == "you do not clear for ISN/MNSA: no one is named to clear for it"
    assert ">fine</textarea>" in refused.text  # the note is kept
    assert re.search(r'id="instruction-state">in clearance<', refused.text)

    appointment = ClearingOfficerIn(office="ISN/MNSA", username="lawyer")
    services.appoint_clearing_officer(appointment, session=db_session, actor=CHIEF_CLERK)
    assert client.post(steps, data={**clear, "csrf_token": token}).status_code == 200
    refused = client.post(steps, data={"csrf_token": token, "action": "approve"})
    assert refused.status_code == 403
    assert problem_beside(refused.text, "approve-action") == (
        "approve: you cleared this text: another officer must approve it"
    )
    assert re.search(r'id="instruction-state">in clearance<', refused.text)


def test_clearing_officers_page_appoints_dismisses_and_refuses_oneself(
    client: TestClient, make_user: MakeUser
) -> None:
    token = _officer_on(client, make_user, "/multilateral/clearing-officers")
    make_user("lawyer", Role.MULTILATERAL_OFFICER)
    url = "/multilateral/clearing-officers"
    mine = client.post(url, data={"csrf_token": token, "office": "L/NPV", "username": "mo"})
    assert mine.status_code == 403
    assert problem_beside(mine.text, "appoint-username") == (
        "you may not appoint yourself for L/NPV: ask another officer"
    )
    assert 'id="appoint-office" name="office" type="text" value="L/NPV"' in mine.text
    unknown = client.post(url, data={"csrf_token": token, "office": "L/NPV", "username": "x"})
    assert unknown.status_code == 422
    assert problem_beside(unknown.text, "appoint-username").startswith("no user is named")
    blank = client.post(url, data={"csrf_token": token, "office": "", "username": "lawyer"})
    assert blank.status_code == 422 and problem_beside(blank.text, "appoint-office")

    appointed = client.post(
        url, data={"csrf_token": token, "office": "l/npv", "username": "lawyer"}
    )
    assert appointed.status_code == 200 and "lawyer now clears for L/NPV." in appointed.text
    assert re.search(r"<th scope=\"row\">L/NPV</th><td>lawyer</td><td>mo</td>", appointed.text)
    dismissed = client.post(
        f"{url}/dismiss", data={"csrf_token": token, "office": "L/NPV", "username": "lawyer"}
    )
    assert "lawyer no longer clears for L/NPV." in dismissed.text
    assert "No clearing officers are named" in dismissed.text


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


def test_dates_the_calendar_cannot_hold_are_refused_beside_the_field(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    token = _officer_on(client, make_user, "/multilateral")
    page = client.get("/multilateral", params={"start": "2027-01-01", "end": "9999-12-31"})
    assert page.status_code == 422
    assert "2200" in problem_beside(page.text, "end")  # the last year the calendar holds
    assert 'value="9999-12-31"' in page.text  # as typed
    refused = client.post(
        "/multilateral/meetings", data={**MEETING, "csrf_token": token, "end_date": "9999-12-31"}
    )
    assert refused.status_code == 422
    assert "2200" in problem_beside(refused.text, "new-end")
    reversed_ = client.post(
        "/multilateral/meetings", data={**MEETING, "csrf_token": token, "end_date": "2027-01-10"}
    )
    assert "is before the first day" in problem_beside(reversed_.text, "new-end")
    assert client.get("/multilateral/calendar.ics").status_code == 200
