"""The multilateral API: calendar and .ics, delegation, instruction workflow with 409s, HCOC,
contributions with totals and CSV; writes need the multilateral officer's permission."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

import icalendar
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import services

Bearer = Callable[..., dict[str, str]]


def test_meeting_delegation_and_instruction_workflow(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    services.load_reference(session=db_session, actor=operator, today=date(2026, 11, 22))
    officer = bearer(Role.MULTILATERAL_OFFICER)
    viewer = bearer(Role.VIEWER)
    found = client.get(
        "/api/multilateral/meetings",
        params={"start": "2027-06-01", "end": "2027-06-30", "body": "IAEA-BOG"},
        headers=viewer,
    )
    assert found.status_code == 200, found.text
    (june,) = found.json()
    assert june["projected"] is True

    meeting = {
        "body": "IAEA-BOG",
        "title": "Board",
        "start_date": "2027-06-07",
        "end_date": "2027-06-11",
    }
    assert (
        client.post("/api/multilateral/meetings", json=meeting, headers=viewer).status_code == 403
    )
    bad = client.post(
        "/api/multilateral/meetings", json={**meeting, "end_date": "2027-06-01"}, headers=officer
    )
    assert bad.status_code == 422
    confirmed = client.patch(
        f"/api/multilateral/meetings/{june['id']}",
        json={"start_date": "2027-06-07", "end_date": "2027-06-11", "confirm": True},
        headers=officer,
    )
    assert confirmed.status_code == 200 and confirmed.json()["projected"] is False
    added = client.post(
        f"/api/multilateral/meetings/{june['id']}/delegates",
        json={"name": "Ann Head", "role": "head", "agency": "STATE_ISN_MNSA"},
        headers=officer,
    )
    assert added.status_code == 201 and added.json()["delegates"][0]["agency"] == "STATE_ISN_MNSA"

    drafted = client.post(
        f"/api/multilateral/meetings/{june['id']}/instructions",
        json={
            "title": "Iran",
            "mission": "USMISSION UNVIE",
            "text": "Support.",
            "offices": ["ISN/MNSA", "L/NPV"],
        },
        headers=officer,
    )
    assert drafted.status_code == 201, drafted.text
    steps = f"/api/multilateral/instructions/{drafted.json()['id']}/steps"
    refused = client.post(steps, json={"action": "send"}, headers=officer)
    assert refused.status_code == 409
    assert refused.json()["error"]["type"] == "TransitionNotAllowed"
    # The drafter may not clear nor approve: a lawyer clears, the chief approves and sends.
    lawyer = bearer(Role.MULTILATERAL_OFFICER, "lawyer")
    chief = bearer(Role.MULTILATERAL_OFFICER, "chief")
    for office in ("ISN/MNSA", "L/NPV"):
        appointed = client.post(
            "/api/multilateral/clearing-officers",
            json={"office": office, "username": "lawyer"},
            headers=officer,
        )
        assert appointed.status_code == 201, appointed.text
    for step, by in (
        ({"action": "submit"}, officer),
        ({"action": "clear", "office": "ISN/MNSA"}, lawyer),
        ({"action": "clear", "office": "L/NPV"}, lawyer),
        ({"action": "approve"}, chief),
        ({"action": "send"}, chief),
    ):
        response = client.post(steps, json=step, headers=by)
        assert response.status_code == 200, (step, response.text)
    assert response.json()["state"] == "sent"
    assert client.post(steps, json={"action": "submit"}, headers=viewer).status_code == 403

    ics = client.get("/api/multilateral/meetings.ics", params={"body": "IAEA-BOG"}, headers=viewer)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = list(icalendar.Calendar.from_ical(ics.content).walk("VEVENT"))
    june_event = next(e for e in events if e.decoded("dtstart") == date(2027, 6, 7))
    assert str(june_event["status"]) == "CONFIRMED"
    assert client.get("/api/multilateral/bodies", headers=viewer).json()[0]["code"] == "AG"


def test_hcoc_and_contributions(client: TestClient, bearer: Bearer) -> None:
    officer = bearer(Role.MULTILATERAL_OFFICER)
    late = client.post(
        "/api/multilateral/hcoc/notifications",
        json={
            "vehicle_class": "SLBM",
            "window_opens": "2026-03-01T10:00:00Z",
            "window_closes": "2026-03-01T14:00:00Z",
            "launch_area": "Atlantic test range",
            "general_direction": "east-southeast",
            "notified_at": "2026-03-01T11:00:00Z",
        },
        headers=officer,
    )
    assert late.status_code == 201, late.text
    assert late.json()["late"] is True and late.json()["lead_hours"] == -1.0
    declaration = client.get(
        "/api/multilateral/hcoc/declaration", params={"year": 2026}, headers=officer
    ).json()
    assert declaration["ballistic_missile_launches"] == 1 and declaration["late_notifications"] == 1

    added = client.post(
        "/api/multilateral/contributions",
        json={
            "year": 2026,
            "fund": "PUI",
            "amount": "2500000",
            "status": "obligated",
            "purpose": '=HYPERLINK("http://evil.example")',
        },
        headers=officer,
    )
    assert added.status_code == 201, added.text
    allocated = client.post(
        f"/api/multilateral/contributions/{added.json()['id']}/allocations",
        json={"project": "RAS5085", "amount": "3000000"},
        headers=officer,
    )
    assert allocated.status_code == 422 and allocated.json()["error"]["field"] == "allocations"
    totals = client.get("/api/multilateral/contributions/totals", headers=officer).json()
    assert totals["rows"][0]["obligated"] == "2500000.00"
    text = client.get("/api/multilateral/contributions.csv", headers=officer).text
    assert text.splitlines()[1].startswith("2026,PUI,Peaceful Uses Initiative,2500000.00")
    # The purpose goes out inert: a spreadsheet shows it, and does not run it.
    assert (
        next(csv.DictReader(io.StringIO(text)))["purpose"] == '\'=HYPERLINK("http://evil.example")'
    )


def test_separation_of_duties_and_clearing_officers(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    services.load_reference(session=db_session, actor=operator, today=date(2026, 11, 22))
    officer = bearer(Role.MULTILATERAL_OFFICER, "mo")
    lawyer = bearer(Role.MULTILATERAL_OFFICER, "lawyer")
    viewer = bearer(Role.VIEWER)
    june = client.get(
        "/api/multilateral/meetings",
        params={"start": "2027-06-01", "end": "2027-06-30", "body": "IAEA-BOG"},
        headers=viewer,
    ).json()[0]
    drafted = client.post(
        f"/api/multilateral/meetings/{june['id']}/instructions",
        json={"title": "Iran", "mission": "UNVIE", "text": "Support.", "offices": ["L/NPV"]},
        headers=officer,
    ).json()
    steps = f"/api/multilateral/instructions/{drafted['id']}/steps"
    assert client.post(steps, json={"action": "submit"}, headers=officer).status_code == 200
    refused = client.post(steps, json={"action": "clear", "office": "L/NPV"}, headers=lawyer)
    assert refused.status_code == 403
    assert refused.json()["error"]["type"] == "DutiesNotSeparated"
    assert "you do not clear for L/NPV" in refused.json()["error"]["message"]

    officers = "/api/multilateral/clearing-officers"
    mine = client.post(officers, json={"office": "L/NPV", "username": "mo"}, headers=officer)
    assert mine.status_code == 403 and "appoint yourself" in mine.json()["error"]["message"]
    lawyer_for = {"office": "l/npv", "username": "lawyer"}
    assert client.post(officers, json=lawyer_for, headers=viewer).status_code == 403
    assert client.post(officers, json=lawyer_for, headers=officer).status_code == 201
    assert client.post(officers, json=lawyer_for, headers=officer).status_code == 409
    listed = client.get(officers, params={"office": "L/NPV"}, headers=viewer).json()
    assert [(o["office"], o["username"], o["appointed_by"]) for o in listed] == [
        ("L/NPV", "lawyer", "mo")
    ]
    cleared = client.post(steps, json={"action": "clear", "office": "L/NPV"}, headers=lawyer)
    assert cleared.status_code == 200, cleared.text
    drafter = client.post(steps, json={"action": "approve"}, headers=officer)
    assert drafter.status_code == 403 and "you wrote this text" in drafter.text
    clearer = client.post(steps, json={"action": "approve"}, headers=lawyer)
    assert clearer.status_code == 403 and "you cleared this text" in clearer.text

    gone = client.delete(
        officers, params={"office": "L/NPV", "username": "lawyer"}, headers=officer
    )
    assert gone.status_code == 200 and client.get(officers, headers=viewer).json() == []
    empty = client.delete(officers, params={"office": " ", "username": "lawyer"}, headers=officer)
    assert empty.status_code == 422 and "office" in empty.text


def test_dates_the_calendar_cannot_hold_are_422_naming_the_field(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    services.load_reference(session=db_session, actor=operator, today=date(2026, 11, 22))
    officer = bearer(Role.MULTILATERAL_OFFICER)
    meeting = {"body": "IAEA-BOG", "title": "Board", "start_date": "2027-06-07"}
    for end, field in (("9999-12-31", "end_date"), ("2027-06-01", "end_date")):
        refused = client.post(
            "/api/multilateral/meetings", json={**meeting, "end_date": end}, headers=officer
        )
        assert refused.status_code == 422, refused.text
        assert field in refused.text
    listed = client.get("/api/multilateral/meetings", params={"end": "9999-12-31"}, headers=officer)
    assert listed.status_code == 422 and listed.json()["error"]["field"] == "end"
    assert "2200" in listed.json()["error"]["message"]  # the last year the calendar holds
    created = client.post(
        "/api/multilateral/meetings", json={**meeting, "end_date": "2027-06-11"}, headers=officer
    ).json()
    moved = client.patch(
        f"/api/multilateral/meetings/{created['id']}",
        json={"start_date": "2027-06-12"},
        headers=officer,
    )
    assert moved.status_code == 422 and "start_date" in moved.text
    assert client.get("/api/multilateral/meetings.ics", headers=officer).status_code == 200
