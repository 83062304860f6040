"""The dashboard shows what needs attention: new alerts on kept parties, the lists' state."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
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
