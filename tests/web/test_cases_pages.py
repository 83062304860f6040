"""The case pages through the real app and templates: list, intake form, case page, actions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.sanctions import services as sanctions
from nonpro.sanctions.schemas import DeterminationIn
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]
INTAKE = {
    "reference": "WEB-1",
    "type": "dual_use_referral",
    "destination": "Iran",
    "end_use": "Propulsion research for a university sounding-rocket programme",
    "party_0_role": "applicant",
    "party_0_name": "Westfield Propulsion Inc.",
    "party_0_country": "US",
    "party_1_role": "end_user",
    "party_1_name": "Shahid Hemmat Industrial Group",
    "party_1_country": "IR",
    "item_0_description": "Solid propellant rocket motor, total impulse capacity 1.4 x 10^6 N-s",
    "item_0_quantity": "2",
    "item_0_value_usd": "3,800,000",
}


def _intake(client: TestClient, **changes: str) -> str:
    token = csrf_of(client.get("/cases/new").text)
    response = client.post(
        "/cases/new", data={**INTAKE, **changes, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location.split("?")[0]


def test_intake_then_the_case_page_shows_the_assessment(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    assert "No case matches" in client.get("/cases").text
    path = _intake(client)
    page = client.get(path, params={"done": "created"}).text
    assert "Case WEB-1" in page and "Case created and assessed." in page
    assert "Deny" in page and "R-CAT-I" in page and "2.A.1.c.1" in page
    assert "SHAHID HEMMAT INDUSTRIAL GROUP" in page  # the end user's hit, with its entry
    assert "MTCR Guidelines factors considered" in page
    # Names, not codes: the destination and each party's country by name, the code beside it.
    assert "<dd>Iran (IR)</dd>" in page and ", Iran (IR)</h3>" in page
    listing = client.get("/cases", params={"category": "I"}).text
    assert "WEB-1" in listing and "Facets" in listing and "<td>Iran (IR)</td>" in listing
    since = client.get("/cases", params={"created_from": str(today())}).text
    assert "WEB-1" in since
    before = client.get("/cases", params={"created_to": str(today() - timedelta(days=1))}).text
    assert "WEB-1" not in before and "No case matches" in before


@pytest.mark.parametrize(("name", "input_id"), [("created_from", "f-from"), ("created_to", "f-to")])
def test_a_bad_filter_is_shown_beside_its_field(
    client: TestClient, make_user: MakeUser, name: str, input_id: str
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    refused = client.get("/cases", params={name: "last week", "destination": "Iran"})
    assert (refused.status_code, refused.text.count("field-problem")) == (422, 1)
    assert f"<strong>{name}: </strong>" in refused.text and problem_beside(refused.text, input_id)
    assert 'value="last week"' in refused.text and 'value="Iran"' in refused.text


def test_a_bad_form_is_shown_again_with_the_field_named(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    token = csrf_of(client.get("/cases/new").text)
    response = client.post(
        "/cases/new", data={**INTAKE, "destination": "Atlantis", "csrf_token": token}
    )
    assert response.status_code == 422
    assert "<strong>destination: </strong>" in response.text
    assert "Atlantis" in problem_beside(response.text, "destination")
    assert 'value="Westfield Propulsion Inc."' in response.text  # what was typed is kept


def test_transition_disposition_and_letter(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    path = _intake(client)
    page = client.get(path).text
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    token = csrf_of(page)
    moved = client.post(
        f"{path}/transition",
        follow_redirects=False,
        data={"to": "submitted", "version": version.group(1), "csrf_token": token},
    )
    assert moved.status_code == 303
    page = client.get(moved.headers["location"]).text
    assert "Case moved to submitted." in page
    stale = client.post(
        f"{path}/transition",
        data={"to": "submitted", "version": version.group(1), "csrf_token": token},
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    entry = re.search(r'name="entry_id" value="([^"]+)"', page)
    assert entry
    # Each hit links to its listed record, in the snapshot the case was screened against.
    listed = re.search(r'href="(/lists/entries/[^"?]+\?snapshot=[0-9a-f-]{36})"', page)
    assert listed is not None
    record = client.get(listed.group(1))
    assert record.status_code == 200 and "<h2>Names</h2>" in record.text
    disposed = client.post(
        f"{path}/dispositions",
        follow_redirects=True,
        data={
            "party": "1",
            "entry_id": entry.group(1),
            "decision": "true_match",
            "note": "same entity",
            "csrf_token": token,
        },
    )
    assert disposed.status_code == 200
    assert "confirmed" in disposed.text and "same entity" in disposed.text
    for to in ("under_review", "decided"):
        current = re.search(r'name="version" value="(\d+)"', client.get(path).text)
        assert current
        data = {"to": to, "version": current.group(1), "csrf_token": token}
        if to == "decided":
            data["decision"] = "denied"
        assert (
            client.post(f"{path}/transition", data=data, follow_redirects=False).status_code == 303
        )
    page = client.get(path).text
    assert "Decision proposed" in page and "Proposed: denied" in page  # two-person approval
    assert "Decision letter (PDF)" not in page and "Countersign the decision" not in page
    make_user("chris", Role.CHAIR)
    client.post("/signout", data={"csrf_token": csrf_of(page)})
    sign_in(client, "chris")
    page = client.get(path).text
    signed = client.post(
        f"{path}/proposals/countersign",
        data={"version": _version(page), "answer_note": "agreed", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert signed.status_code == 303
    page = client.get(path).text
    assert "decided (denied)" in page and "Decision letter (PDF)" in page
    assert "countersigned by chris" in page
    pdf = client.get(f"{path}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_viewers_read_but_do_not_write_and_forms_need_the_token(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("vic", Role.VIEWER)
    sign_in(client, "ana")
    path = _intake(client)
    no_token = client.post(f"{path}/transition", data={"to": "submitted", "version": "1"})
    assert no_token.status_code == 403
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/cases").text)})
    sign_in(client, "vic")
    assert client.get("/cases").status_code == 200
    page = client.get(path)
    assert page.status_code == 200 and "Move the case" not in page.text
    assert client.get("/cases/new").status_code == 403


def test_a_new_determination_reaches_the_case_page_on_the_next_visit(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("vic", Role.VIEWER)
    officer = Principal(username="sandra", role=Role.SANCTIONS_OFFICER)
    sign_in(client, "ana")
    path = _intake(
        client,
        destination="Japan",
        party_1_name="Beta Aerospace Trading Company",
        party_1_country="MY",
        item_0_description="Fibre optic gyro, drift 0.05 deg/h",
    )
    assert "Beta Aerospace" in client.get(path).text
    sanctions.add_determination(
        DeterminationIn.model_validate(
            {
                "entities": [{"name": "Beta Aerospace Trading Company", "country": "Malaysia"}],
                "authorities": [{"authority": "AECA 73"}],
                "measures": ["contracts_all"],
                "activity": "transfer of guidance sets to a missile programme",
                "determination_date": today() - timedelta(days=1),
            }
        ),
        session=db_session,
        actor=officer,
        provider=IndexProvider(),
    )
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/cases").text)})
    sign_in(client, "vic")
    assert "changed since this assessment" in client.get(path).text  # a viewer only sees it
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/cases").text)})
    sign_in(client, "ana")
    page = client.get(path).text
    assert "assessed again now" in page and "R-DETERMINATION" in page
    assert "sanctions register, determination" in page


def _version(page: str) -> str:
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    return version.group(1)


def test_refused_actions_show_the_case_again_with_the_problem_beside_its_field(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    path = _intake(client)
    page = client.get(path).text
    token = csrf_of(page)
    for to in ("submitted", "under_review"):
        data = {"to": to, "version": _version(client.get(path).text), "csrf_token": token}
        assert client.post(f"{path}/transition", data=data, follow_redirects=False).is_redirect
    version = _version(client.get(path).text)
    undecided = client.post(
        f"{path}/transition",
        data={"to": "decided", "version": version, "note": "no decision yet", "csrf_token": token},
    )
    assert undecided.status_code == 422
    assert "approved_with_provisos or denied" in problem_beside(undecided.text, "decision")
    assert 'value="no decision yet"' in undecided.text  # the note typed is kept
    assert '<option value="decided" selected>' in undecided.text
    assert "under review" in client.get(path).text.split('id="case-status">')[1][:20]
    unknown = client.post(
        f"{path}/assign", data={"assignee": "ghost", "version": version, "csrf_token": token}
    )
    assert unknown.status_code == 422
    assert problem_beside(unknown.text, "assignee") == "no active user &#39;ghost&#39;"
    assert 'id="assignee" name="assignee" type="text" value="ghost"' in unknown.text
    assert "<dt>Assigned to</dt><dd>nobody</dd>" in client.get(path).text
