"""Sessions, passwords and the throttle through the pages (issue 19, items 5 to 8)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import PASSWORD, csrf_of, problem_beside, sign_in

from nonpro.accounts import services
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import AgencyUpdate, Principal
from nonpro.app import SESSION_COOKIE

MakeUser = Callable[..., User]
NEW_PASSWORD = "plum tractor velvet oxide"


def _signed_out_of_home(client: TestClient) -> bool:
    response = client.get("/", follow_redirects=False)
    return response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_a_copied_cookie_opens_nothing_after_sign_out(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("alice")
    sign_in(client, "alice")
    copied = client.cookies[SESSION_COOKIE]
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/").text)})
    client.cookies.set(SESSION_COOKIE, copied)
    assert _signed_out_of_home(client)


def test_deactivating_an_agency_signs_its_representative_out_at_once(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    make_user("rep", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    sign_in(client, "rep")
    assert client.get("/").status_code == 200
    services.update_agency(
        "DEFENSE_DTSA", AgencyUpdate(active=False), session=db_session, actor=operator
    )
    db_session.commit()  # as the administrator's request would
    assert _signed_out_of_home(client)
    assert sign_in(client, "rep") == 401


def test_a_disabled_users_open_session_ends(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    make_user("alice")
    sign_in(client, "alice")
    services.disable_user("alice", session=db_session, actor=operator)
    db_session.commit()
    assert _signed_out_of_home(client)


def test_the_header_links_to_the_change_password_page(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("alice")
    sign_in(client, "alice")
    assert 'href="/account/password"' in client.get("/").text


def _change(client: TestClient, current: str, new: str, confirm: str | None = None) -> str:
    token = csrf_of(client.get("/account/password").text)
    form = {
        "current_password": current,
        "new_password": new,
        "confirm_password": new if confirm is None else confirm,
        "csrf_token": token,
    }
    response = client.post("/account/password", data=form, follow_redirects=False)
    return f"{response.status_code}\n{response.headers.get('location', '')}\n{response.text}"


def test_a_reset_user_is_sent_to_change_their_password_first(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    make_user("alice")
    one_time = services.reset_password("alice", session=db_session, actor=operator)
    db_session.commit()
    token = csrf_of(client.get("/signin").text)
    form = {"username": "alice", "password": one_time, "csrf_token": token, "next": "/"}
    response = client.post("/signin", data=form, follow_redirects=False)
    assert response.headers["location"] == "/account/password"
    for page in ("/", "/admin/users", "/cases"):
        elsewhere = client.get(page, follow_redirects=False)
        assert elsewhere.headers.get("location") == "/account/password", page
    assert "You must choose a new password" in client.get("/account/password").text
    status, location, _ = _change(client, one_time, NEW_PASSWORD).split("\n", 2)
    assert (status, location) == ("303", "/")
    home = client.get("/")
    assert home.status_code == 200 and "Your password is changed" in home.text


def test_a_refused_change_names_the_field_and_echoes_no_password(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("alice")
    sign_in(client, "alice")
    cases = [
        ("not my password", NEW_PASSWORD, None, "current_password"),
        (PASSWORD, "password12345", None, "new_password"),
        (PASSWORD, NEW_PASSWORD, "plum tractor velvet", "confirm_password"),
    ]
    for current, new, confirm, field in cases:
        status, _, page = _change(client, current, new, confirm).split("\n", 2)
        assert status == "422", field
        assert problem_beside(page, field)
        assert new not in page and current not in page
    assert sign_in(client, "alice") == 303  # the password is unchanged


def test_wrong_current_passwords_are_throttled(client: TestClient, make_user: MakeUser) -> None:
    make_user("alice")
    sign_in(client, "alice")
    for _ in range(3):
        assert _change(client, "not my password", NEW_PASSWORD).startswith("422")
    assert _change(client, PASSWORD, NEW_PASSWORD).startswith("429")


def test_an_admin_resets_a_password_from_the_users_page(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("root", Role.ADMIN)
    make_user("alice")
    sign_in(client, "root")
    token = csrf_of(client.get("/admin/users").text)
    page = client.post("/admin/users/alice/reset-password", data={"csrf_token": token})
    assert page.status_code == 200 and "The one-time password of alice is" in page.text
    db_session.expire_all()
    assert services.get_user("alice", session=db_session).must_change_password


def test_variants_of_a_locked_name_are_locked_too(client: TestClient, make_user: MakeUser) -> None:
    make_user("bob")
    for _ in range(3):
        assert sign_in(client, "bob", "not the password") == 401
    for variant in ("BOB", " bob ", "ｂｏｂ"):
        assert sign_in(client, variant) == 429, variant
