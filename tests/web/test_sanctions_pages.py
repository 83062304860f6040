"""The sanctions pages through the real app and templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.services import principal_of
from nonpro.core.clock import today
from nonpro.screening.schemas import ScreeningQuery
from nonpro.screening.services import keep_party

MakeUser = Callable[..., User]
FACTS = {
    "name": "Beta Aerospace Trading",
    "nationality": "Malaysia",
    "kind": "transfer",
    "knowing": "on",
    "activity_date": "2026-03-01",
    "annex_item": "2.A.1.d",
    "country": "Iran",
    "substantial_contribution": "on",
}


def _record_form(token: str) -> dict[str, object]:
    return {
        "csrf_token": token,
        "entity": "Beta Aerospace Trading",
        "aliases": "Beta Aero; BAT",
        "country": "Malaysia",
        "determination_date": (today() - timedelta(days=1)).isoformat(),
        "term_years": "2",
        "term_months": "0",
        "term_minimum": "on",
        "substantial_contribution": "on",
        "activity": "missile technology proliferation activities",
        "authority": ["AECA 73", "EAA 11B(b)"],
        "measure": ["contracts_all", "licenses_usml_all", "licenses_ear_all", "import_ban"],
    }


def test_evaluation_names_authorities_measures_and_unverified_facts(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("sofia", Role.SANCTIONS_OFFICER)
    sign_in(client, "sofia")
    form = client.get("/sanctions/evaluate")
    assert form.status_code == 200
    page = client.post("/sanctions/evaluate", data={**FACTS, "csrf_token": csrf_of(form.text)})
    assert page.status_code == 200, page.text
    assert "AECA 73: applies (mandatory)" in page.text
    assert "AECA 72: does not apply" in page.text
    assert "not less than 2 years" in page.text
    assert "Unverified facts this result depends on" in page.text
    assert "Record the determination" in page.text


def test_evaluation_without_csrf_is_refused(client: TestClient, make_user: MakeUser) -> None:
    make_user("sofia", Role.SANCTIONS_OFFICER)
    sign_in(client, "sofia")
    assert client.post("/sanctions/evaluate", data=FACTS).status_code == 403


def test_bad_fact_is_named_on_the_form(client: TestClient, make_user: MakeUser) -> None:
    make_user("sofia", Role.SANCTIONS_OFFICER)
    sign_in(client, "sofia")
    token = csrf_of(client.get("/sanctions/evaluate").text)
    page = client.post("/sanctions/evaluate", data={**FACTS, "annex_item": "", "csrf_token": token})
    assert page.status_code == 422
    assert problem_beside(page.text, "annex_item")
    assert f'value="{FACTS["name"]}"' in page.text and "Record the determination" not in page.text


def test_recording_shows_new_hits_and_the_register(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    officer = make_user("sofia", Role.SANCTIONS_OFFICER)
    keep_party(
        ScreeningQuery(name="Beta Aerospace Trading"),
        origin="case:EXP-7",
        session=db_session,
        actor=principal_of(officer),
    )
    sign_in(client, "sofia")
    token = csrf_of(client.get("/sanctions/evaluate").text)
    page = client.post("/sanctions/determinations", data=_record_form(token))
    assert page.status_code == 201, page.text
    assert "case:EXP-7" in page.text
    ident = re.search(r"/sanctions/determinations/([0-9a-f-]{36})/notice.md", page.text)
    assert ident
    register = client.get("/sanctions")
    assert "Beta Aerospace Trading" in register.text and "active" in register.text
    shown = client.get(f"/sanctions/determinations/{ident.group(1)}")
    assert "Beta Aero; BAT" in shown.text
    md = client.get(f"/sanctions/determinations/{ident.group(1)}/notice.md")
    assert "SUPPLEMENTARY INFORMATION" in md.text
    name = f'attachment; filename="notice-{ident.group(1)}.md"'
    assert md.headers["content-disposition"] == name
    assert md.headers["x-content-type-options"] == "nosniff"  # saved, never sniffed and shown
    docx = client.get(f"/sanctions/determinations/{ident.group(1)}/notice.docx")
    assert docx.content[:2] == b"PK"
    expiring = client.get("/sanctions/expiring", params={"within": 800})
    assert "Beta Aerospace Trading" in expiring.text
    ended = client.post(
        f"/sanctions/determinations/{ident.group(1)}/events",
        data={"csrf_token": token, "kind": "termination", "effective_date": today().isoformat()},
    )
    assert ended.status_code == 201
    assert "terminated" in ended.text


def test_viewers_read_but_cannot_record(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    assert client.get("/sanctions").status_code == 200
    token = csrf_of(client.get("/sanctions/evaluate").text)
    assert client.post("/sanctions/determinations", data=_record_form(token)).status_code == 403


def test_evaluation_on_the_activity_date_asks_for_an_unknown_adherence(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("sofia", Role.SANCTIONS_OFFICER)
    sign_in(client, "sofia")
    token = csrf_of(client.get("/sanctions/evaluate").text)
    czech = {**FACTS, "country": "Czech Republic", "activity_date": "1998-06-01"}
    page = client.post("/sanctions/evaluate", data={**czech, "csrf_token": token})
    assert page.status_code == 200, page.text
    assert "Dated facts are decided as of the activity&#39;s date (1998-06-01)" in page.text
    assert "Information needed (1)" in page.text
    assert "only known as &#39;in 1998&#39;" in page.text
    assert "AECA 73: information needed" in page.text
    assert '<a href="#mtcr_adherent">' in page.text and 'id="mtcr_adherent"' in page.text
    answered = client.post(
        "/sanctions/evaluate", data={**czech, "mtcr_adherent": "no", "csrf_token": token}
    )
    assert "AECA 73: applies (mandatory)" in answered.text
    assert "Information needed" not in answered.text
    assert '<option value="no" selected>' in answered.text  # the answer kept
    undated = client.post(
        "/sanctions/evaluate", data={**FACTS, "activity_date": "", "csrf_token": token}
    )
    assert undated.status_code == 200
    assert "the facts give no activity date" in undated.text


def test_recording_a_term_the_statute_does_not_allow_shows_the_form_again(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("sofia", Role.SANCTIONS_OFFICER)
    sign_in(client, "sofia")
    token = csrf_of(client.get("/sanctions/evaluate").text)
    cat_ii = {
        **_record_form(token),
        "authority": ["AECA 73"],
        "measure": ["contracts_missile", "licenses_missile"],
        "term_years": "3",
        "term_minimum": "",
        "substantial_contribution": "",
    }
    page = client.post("/sanctions/determinations", data=cat_ii)
    assert page.status_code == 422
    assert "for a period of 2 years" in problem_beside(page.text, "term_years")
    assert 'value="Beta Aerospace Trading"' in page.text and 'value="3"' in page.text
    kept = 'type="checkbox" value="contracts_missile" checked'
    assert kept in page.text
    assert "Determination recorded" not in client.get("/sanctions").text
    ban = {**_record_form(token), "substantial_contribution": ""}
    page = client.post("/sanctions/determinations", data=ban)
    assert page.status_code == 422
    assert "substantially contributed" in problem_beside(
        page.text, "record_substantial_contribution"
    )
    assert client.post("/sanctions/determinations", data=_record_form(token)).status_code == 201
    again = client.post("/sanctions/determinations", data=_record_form(token))
    assert again.status_code == 422
    assert "same statute paragraph" in problem_beside(again.text, "acknowledge_duplicate")
    acknowledged = {**_record_form(token), "acknowledge_duplicate": "on"}
    assert client.post("/sanctions/determinations", data=acknowledged).status_code == 201
