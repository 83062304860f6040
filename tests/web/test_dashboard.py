"""Home is the work queue: counts on top, a section per queue with sortable columns, late in
words; then the lists' state. The API gives the same queue to the same person."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import case_json
from tests.web.conftest import sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.access import grant_agencies
from nonpro.cases.schemas import CaseIn
from nonpro.core.clock import today
from nonpro.screening import services
from nonpro.screening.schemas import ParsedList, ScreeningQuery

MakeUser = Callable[..., User]


def test_undecided_alerts_of_manually_kept_parties_are_on_the_analysts_home(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    un_list: ParsedList,
) -> None:
    services.keep_party(
        ScreeningQuery(name="Mohammad Reza Naqdi"),
        origin="manual:sofia",
        session=db_session,
        actor=operator,
    )
    services.rescreen_parties(session=db_session, provider=services.IndexProvider(), actor=operator)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/").text
    assert "Cases with new hits since the list update (1)" in page
    assert "Mohammad Reza Naqdi (kept by sofia)" in page
    assert 'href="/screening?name=Mohammad+Reza+Naqdi"' in page
    assert "Export-review analyst" in page
    assert "1003 entries" in page  # the lists section
    assert "This installation" not in page  # figures for administrators only


def test_administrators_see_the_installation_figures(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("root", Role.ADMIN)
    make_user("ana", Role.ANALYST)
    sign_in(client, "root")
    page = client.get("/").text
    assert "This installation" in page
    assert "<dt>users</dt><dd>2</dd>" in page
    assert "<dt>agencies</dt>" in page and "<dt>audit rows</dt>" in page


def test_a_representative_sees_the_alerts_of_their_agencys_cases_only(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    un_list: ParsedList,
) -> None:
    """Each case keeps its parties for re-screening, and their undecided alerts are the case's:
    home shows a representative those of the cases referred to their agency."""
    provider = services.IndexProvider()
    for reference, listed in (("DASH-SEEN", "Mohammad Reza Naqdi"), ("DASH-HID", "Eric Badege")):
        parties = [
            {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
            {"role": "end_user", "name": listed},
        ]
        data = CaseIn.model_validate(case_json(reference, parties=parties))
        cases.create_case(data, session=db_session, provider=provider, actor=operator)
    seen = cases.get_case("DASH-SEEN", session=db_session)
    grant_agencies(seen, ["DEFENSE_DTSA"], session=db_session, actor=operator)
    make_user("dora", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    make_user("ana", Role.ANALYST)
    db_session.commit()

    sign_in(client, "dora")
    page = client.get("/").text
    assert "DASH-SEEN: Mohammad Reza Naqdi" in page
    assert "DASH-HID" not in page and "Eric Badege" not in page
    assert "Agency representative</strong>, Department of Defense" in page
    client.cookies.clear()
    sign_in(client, "ana")
    page = client.get("/").text
    assert "DASH-SEEN: Mohammad Reza Naqdi" in page and "DASH-HID: Eric Badege" in page


def _rows(page: str, section: str) -> list[str]:
    body = page.split(f'<h2 id="{section}">', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<:]+):', body)


def test_the_queue_sorts_on_the_server_and_says_late_in_words(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    bearer: Callable[..., dict[str, str]],
) -> None:
    from datetime import timedelta

    for reference, days in (("SORT-B-LATE", -3), ("SORT-A-SOON", 2)):
        data = CaseIn.model_validate(case_json(reference))
        provider = services.IndexProvider()
        case = cases.create_case(data, session=db_session, provider=provider, actor=operator)
        case.status = "under_review"
        case.due_date = today() + timedelta(days=days)
    db_session.flush()
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")

    page = client.get("/").text
    assert _rows(page, "deadlines") == ["SORT-B-LATE", "SORT-A-SOON"]
    assert "<strong>Late</strong>: was due" in page
    assert "(1 late)" in page  # the count on top
    assert 'aria-sort="ascending"><a href="?sort=-due#deadlines">' in page
    by_title = client.get("/?sort=title").text
    assert _rows(by_title, "deadlines") == ["SORT-A-SOON", "SORT-B-LATE"]
    assert 'aria-sort="ascending"><a href="?sort=-title#deadlines">' in by_title
    assert _rows(client.get("/?sort=nonsense").text, "deadlines") == ["SORT-B-LATE", "SORT-A-SOON"]

    token = bearer(Role.ANALYST, "ana-api")
    api = client.get("/api/worklist?sort=title", headers=token).json()
    deadlines = next(s for s in api["sections"] if s["key"] == "deadlines")
    assert [i["case_reference"] for i in deadlines["items"]] == ["SORT-A-SOON", "SORT-B-LATE"]
    assert deadlines["late"] == 1 and api["role"] == "analyst"
    assert client.get("/api/worklist?sort=nonsense", headers=token).status_code == 422


def test_a_viewer_is_told_nothing_waits(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    page = client.get("/").text
    assert "Nothing waits for your role here" in page
