"""Sign-in, CSRF, roles and the admin pages, through the real app and templates."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.web.conftest import PASSWORD, csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role

MakeUser = Callable[..., User]


def test_pages_need_a_sign_in(client: TestClient) -> None:
    response = client.get("/admin/users", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/admin/users"


def test_sign_in_and_out(client: TestClient, make_user: MakeUser) -> None:
    make_user("alice", Role.ANALYST)
    assert sign_in(client, "alice") == 303
    page = client.get("/")
    assert page.status_code == 200 and "alice" in page.text and "analyst" in page.text
    client.post("/signout", data={"csrf_token": csrf_of(page.text)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_failed_sign_in_says_so_and_is_rate_limited(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("bob")
    for _ in range(3):
        assert sign_in(client, "bob", "not the password") == 401
    assert sign_in(client, "bob") == 429  # even the right password waits out the window
    page = client.get("/signin")
    assert "Sign in" in page.text


def test_failed_sign_in_is_shown_beside_the_user_name(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("dana")
    token = csrf_of(client.get("/signin").text)
    form = {"username": "dana", "password": "not the password", "csrf_token": token}
    response = client.post("/signin", data=form)
    assert response.status_code == 401
    assert problem_beside(response.text, "username")
    assert 'id="form-error"' in response.text
    assert 'value="dana"' in response.text and "not the password" not in response.text
    assert client.get("/admin/users", follow_redirects=False).status_code == 303


def test_form_without_csrf_token_is_refused(client: TestClient, make_user: MakeUser) -> None:
    make_user("carol")
    client.get("/signin")
    response = client.post("/signin", data={"username": "carol", "password": PASSWORD})
    assert response.status_code == 403
    assert "security token" in response.text


def test_viewer_may_not_open_admin_pages(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    for path in ("/admin/users", "/admin/agencies", "/admin/audit"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Not allowed" in response.text
    assert "/admin/users" not in client.get("/").text  # not offered in the navigation


def test_admin_creates_and_disables_a_user(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post(
        "/admin/users",
        data={
            "username": "dtsa-rep",
            "role": "agency_reviewer",
            "agency": "DEFENSE_DTSA",
            "password": "another long password",
            "csrf_token": token,
        },
    )
    assert response.status_code == 201, response.text
    assert "Created user dtsa-rep" in response.text
    client.post("/admin/users/dtsa-rep/disable", data={"csrf_token": token})
    db_session.expire_all()
    user = db_session.scalar(select(User).where(User.username == "dtsa-rep"))
    assert user is not None and user.agency is not None
    assert user.agency.code == "DEFENSE_DTSA" and not user.active


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"username": "x y", "role": "viewer", "password": "long enough pass"}, "username"),
        ({"username": "ok-name", "role": "viewer", "password": "short"}, "password"),
        (
            {"username": "ok-name", "role": "agency_reviewer", "password": "long enough pass"},
            "agency",
        ),
    ],
)
def test_bad_user_form_shows_the_problem_beside_its_field(
    client: TestClient, make_user: MakeUser, db_session: Session, form: dict[str, str], field: str
) -> None:
    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users", data={**form, "csrf_token": token})
    assert response.status_code == 422
    assert f"<strong>{field}: </strong>" in response.text  # the summary at the top stays
    assert problem_beside(response.text, f"new-{field}")
    assert f'value="{form["username"]}"' in response.text
    stored = db_session.scalar(select(User).where(User.username == form["username"]))
    assert stored is None


def test_bad_agency_code_is_shown_beside_it(client: TestClient, make_user: MakeUser) -> None:
    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    token = csrf_of(client.get("/admin/agencies").text)
    form = {"code": "not valid", "name": "Kept Name", "csrf_token": token}
    response = client.post("/admin/agencies", data=form)
    assert response.status_code == 422
    assert problem_beside(response.text, "agency-code")
    assert 'value="not valid"' in response.text and 'value="Kept Name"' in response.text
    assert "Kept Name" not in client.get("/admin/agencies").text


def test_admin_edits_an_agency_and_sees_the_audit_log(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    token = csrf_of(client.get("/admin/agencies").text)
    client.post(
        "/admin/agencies",
        data={
            "code": "NASA",
            "name": "National Aeronautics and Space Administration",
            "csrf_token": token,
        },
    )
    client.post("/admin/agencies/NASA", data={"name": "NASA", "csrf_token": token})
    audit_page = client.get("/admin/audit", params={"target": "agency:NASA"})
    assert "Hash chain intact" in audit_page.text
    assert "agency.update" in audit_page.text and "agency.create" in audit_page.text


def test_the_audit_log_page_is_paged_and_filtered(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    import re

    from nonpro.core import audit

    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    for n in range(120):
        audit.record(
            db_session, actor="pytest", action="probe.write", target=f"probe:{n}", payload={}
        )
    first = client.get("/admin/audit", params={"action": "probe.write"}).text
    assert first.count("<td>probe.write</td>") == 50 and "(50 shown)" in first
    older = re.search(r'href="(/admin/audit\?before=(\d+)&amp;action=probe.write)"', first)
    assert older is not None and "Older entries" in first
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert second.count("<td>probe.write</td>") == 50 and "Newest entries" in second
    seqs = [int(s) for s in re.findall(r"<tr><td>(\d+)</td>", second)]
    assert seqs and max(seqs) < int(older.group(2))  # older rows only, none repeated
    third_link = re.search(r'href="(/admin/audit\?before=\d+&amp;action=probe.write)"', second)
    assert third_link is not None
    third = client.get(third_link.group(1).replace("&amp;", "&")).text
    assert third.count("<td>probe.write</td>") == 20 and "Older entries" not in third
    bad = client.get("/admin/audit", params={"before": "soon"})
    assert bad.status_code == 422 and "before" in bad.text


def test_countries_page_resolves(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    assert "SUN" in client.get("/countries", params={"q": "Soviet Union"}).text
    partial = client.get("/countries", params={"q": "Atlantis"}, headers={"HX-Request": "true"})
    assert "is not a state" in partial.text and "<html" not in partial.text
