"""The dashboard shows what needs attention: new alerts on kept parties, the lists' state."""

from __future__ import annotations

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
from nonpro.screening import services
from nonpro.screening.schemas import ParsedList, ScreeningQuery

MakeUser = Callable[..., User]


def test_new_alerts_on_kept_parties_are_on_the_dashboard(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    un_list: ParsedList,
) -> None:
    services.keep_party(
        ScreeningQuery(name="Mohammad Reza Naqdi"),
        origin="case:DEMO-7",
        session=db_session,
        actor=operator,
    )
    services.rescreen_parties(session=db_session, provider=services.IndexProvider(), actor=operator)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/").text
    assert "New screening alerts" in page
    assert "case:DEMO-7" in page and "un:" in page
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
    """Each case keeps its parties for re-screening, and their new alerts are the case's: the
    dashboard shows a representative those of the cases referred to their agency."""
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
    assert "case:DASH-SEEN" in page and "Mohammad Reza Naqdi" in page
    assert "DASH-HID" not in page and "Eric Badege" not in page
    client.cookies.clear()
    sign_in(client, "ana")
    page = client.get("/").text
    assert "case:DASH-SEEN" in page and "case:DASH-HID" in page and "Eric Badege" in page
