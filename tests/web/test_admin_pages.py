"""Administration in the UI (issue 24 item 7): confirm before disabling, enable again, change a
role, one's own API tokens (made once, listed, revoked after a confirmation), a backup download."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import ApiToken, User
from nonpro.accounts.rules import Role
from nonpro.core import audit

MakeUser = Callable[..., User]


def _admin(client: TestClient, make_user: MakeUser) -> str:
    make_user("root", Role.ADMIN)
    sign_in(client, "root")
    return csrf_of(client.get("/admin/users").text)


def _user(db_session: Session, name: str) -> User:
    db_session.expire_all()
    user = db_session.scalar(select(User).where(User.username == name))
    assert user is not None
    return user


def test_disabling_asks_first_then_enabling_lets_them_back(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("vera", Role.ANALYST)
    token = _admin(client, make_user)
    users = client.get("/admin/users").text
    assert 'href="/admin/users/vera/disable"' in users  # a link to the question, not the act
    question = client.get("/admin/users/vera/disable")
    assert question.status_code == 200
    assert "Disable vera?" in question.text and "can no longer sign in" in question.text
    assert _user(db_session, "vera").active  # asking changed nothing
    done = client.post("/admin/users/vera/disable", data={"csrf_token": token})
    assert done.status_code == 200 and "Disabled vera" in done.text
    assert not _user(db_session, "vera").active
    assert "Enable <span" in done.text
    again = client.post("/admin/users/vera/enable", data={"csrf_token": token})
    assert "Enabled vera" in again.text and _user(db_session, "vera").active
    twice = client.post("/admin/users/vera/enable", data={"csrf_token": token})
    assert twice.status_code == 409
    actions = [e.action for e in audit.entries(db_session, target="user:vera", limit=10)]
    assert {"user.disable", "user.enable"} <= set(actions)


def test_an_admin_changes_a_role_and_a_bad_role_is_named(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("ivan", Role.VIEWER)
    token = _admin(client, make_user)
    changed = client.post(
        "/admin/users/ivan/role", data={"role": "analyst", "agency": "", "csrf_token": token}
    )
    assert "ivan is now Export-review analyst" in changed.text
    assert _user(db_session, "ivan").role == "analyst"
    bad = client.post("/admin/users/ivan/role", data={"role": "emperor", "csrf_token": token})
    assert bad.status_code == 422 and "choose one of the roles" in bad.text
    assert _user(db_session, "ivan").role == "analyst"


def test_a_viewer_may_not_change_roles_or_download_backups(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    token = csrf_of(client.get("/account/tokens").text)
    assert (
        client.post(
            "/admin/users/vic/role", data={"role": "admin", "csrf_token": token}
        ).status_code
        == 403
    )
    assert client.get("/admin/database").status_code == 403
    assert client.post("/admin/database/backup", data={"csrf_token": token}).status_code == 403


def test_own_api_tokens_are_made_once_listed_and_revoked_after_asking(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    token = csrf_of(client.get("/account/tokens").text)
    made = client.post(
        "/account/tokens",
        data={"name": "nightly screening", "expires_in_days": "30", "csrf_token": token},
    )
    assert made.status_code == 201 and "shown this once" in made.text
    plain = made.text.split('<code id="new-token">')[1].split("</code>")[0]
    assert client.get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    listed = client.get("/account/tokens").text
    assert plain not in listed and "nightly screening" in listed and "active" in listed
    prefix = plain[:10]
    question = client.get(f"/account/tokens/{prefix}/revoke")
    assert "stops working at once" in question.text
    revoked = client.post(f"/account/tokens/{prefix}/revoke", data={"csrf_token": token})
    assert "Revoked the token" in revoked.text
    assert client.get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    bad = client.post(
        "/account/tokens", data={"name": "", "expires_in_days": "soon", "csrf_token": token}
    )
    assert bad.status_code == 422 and problem_beside(bad.text, "name")
    stored = db_session.scalars(select(ApiToken)).all()
    assert len(stored) == 1  # the refused form stored nothing


def test_another_users_token_is_not_found(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    from nonpro.accounts import services as accounts
    from nonpro.accounts.schemas import Principal

    make_user("other", Role.ANALYST)
    admin = Principal(username="root", role=Role.ADMIN)
    theirs, _ = accounts.create_token("other", "theirs", session=db_session, actor=admin)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    token = csrf_of(client.get("/account/tokens").text)
    assert client.get(f"/account/tokens/{theirs.prefix}/revoke").status_code == 404
    assert (
        client.post(
            f"/account/tokens/{theirs.prefix}/revoke", data={"csrf_token": token}
        ).status_code
        == 404
    )


def test_an_admin_downloads_a_backup_that_opens(
    client: TestClient, make_user: MakeUser, engine: Engine, db_session: Session, tmp_path: Path
) -> None:
    token = _admin(client, make_user)
    assert "Download a backup" in client.get("/admin/database").text
    response = client.post("/admin/database/backup", data={"csrf_token": token})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    if engine.dialect.name == "postgresql":  # pg_dump's custom format, with the schema's tables
        assert response.content.startswith(b"PGDMP") and b"audit_log" in response.content
        assert response.headers["content-disposition"].endswith('.pgdump"')
    else:
        copy = tmp_path / "copy.sqlite"
        copy.write_bytes(response.content)
        with sqlite3.connect(copy) as opened:  # the test's own rows are uncommitted: the schema
            tables = {row[0] for row in opened.execute("SELECT name FROM sqlite_master")}
        assert {"users", "cases", "audit_log"} <= tables
    assert audit.entries(db_session, action="db.backup", limit=1)
