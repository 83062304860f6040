"""The denial register's pages through the real app: the register with filters, recording with
CSRF and problems beside their fields, withdrawal, import, and the flag on the case page."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import case_json
from tests.denials.conftest import denial_json
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.schemas import CaseIn
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]


def _form(**changes: str) -> dict[str, str]:
    return {k: str(v) for k, v in denial_json(**changes).items()}


def test_record_a_denial_and_see_the_case_flagged(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    case = cases.create_case(
        CaseIn.model_validate(case_json("WEB-1")),
        session=db_session,
        provider=IndexProvider(),
        actor=operator,
    )
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get(f"/cases/{case.id}")
    assert 'id="denial-flag"' not in page.text
    register = client.get("/denials")
    assert register.status_code == 200 and "No denial notifications recorded." in register.text
    assert '<a href="/denials">Denials</a>' in register.text or 'href="/denials"' in register.text
    token = csrf_of(register.text)
    made = client.post("/denials", data={**_form(), "csrf_token": token}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/denials/DEU-2025-014"
    shown = client.get("/denials/DEU-2025-014")
    assert "Denial DEU-2025-014 recorded." in shown.text and "Germany (DEU)" in shown.text
    flagged = client.get(f"/cases/{case.id}")
    assert 'id="denial-flag"' in flagged.text
    assert "Consult the notifying partner before approval" in flagged.text
    assert "Consult Germany (DEU) before approval" in flagged.text
    assert "the same Annex entry 9.A.4" in flagged.text
    check = client.get("/denials/check", params={"case": "WEB-1"})
    assert check.status_code == 200 and f'href="/cases/{case.id}"' in check.text
    assert "Consult the notifying partner before approval" in check.text
    filtered = client.get("/denials", params={"country": "Germany"})
    assert "DEU-2025-014</a>" not in filtered.text
    withdrawn = client.post(
        "/denials/DEU-2025-014/withdraw",
        data={"withdrawn_on": "2026-03-01", "csrf_token": csrf_of(shown.text)},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    assert 'id="denial-flag"' not in client.get(f"/cases/{case.id}").text


def test_problems_are_shown_beside_their_fields_and_nothing_is_stored(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    token = csrf_of(client.get("/denials").text)
    for changes, control in (
        ({"notified_on": "2025-02-30"}, "d-notified"),
        ({"annex_entry": "2.A.9"}, "d-entry"),
        ({"end_user_country": "Narnia"}, "d-country"),
    ):
        refused = client.post("/denials", data={**_form(**changes), "csrf_token": token})
        assert refused.status_code == 422
        assert problem_beside(refused.text, control)
        assert "No denial notifications recorded." in refused.text
    bad_filter = client.get("/denials", params={"status": "lapsed"})
    assert bad_filter.status_code == 422 and problem_beside(bad_filter.text, "f-status")


def test_forms_need_csrf_and_the_right_role(client: TestClient, make_user: MakeUser) -> None:
    make_user("vera", Role.VIEWER)
    sign_in(client, "vera")
    page = client.get("/denials")
    assert page.status_code == 200 and "Record a denial" not in page.text
    refused = client.post("/denials", data={**_form(), "csrf_token": csrf_of(page.text)})
    assert refused.status_code == 403
    no_token = client.post("/denials", data=_form())
    assert no_token.status_code in (400, 403)


def test_import_warns_of_the_rows_left_out(client: TestClient, make_user: MakeUser) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    token = csrf_of(client.get("/denials").text)
    text = (
        "reference,notifying_partner,notified_on,item_description,end_user,end_user_country\n"
        "GBR-1,GBR,2025-03-01,Rate table,Acme Aero,Pakistan\n"
        "GBR-2,GBR,2025-03-01,Rate table,Acme Aero,Narnia\n"
    )
    answer = client.post(
        "/denials/import",
        data={"csrf_token": token},
        files={"file": ("gbr.csv", text, "text/csv")},
    )
    assert answer.status_code == 200
    assert "1 denial imported." in answer.text
    assert '<th scope="row">line 3</th><td>end_user_country</td>' in answer.text
    assert "GBR-1</a>" in client.get("/denials").text
