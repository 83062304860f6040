"""Password strength, a user's own change, an administrator's reset (issue 19, items 6 and 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts import services
from nonpro.accounts.errors import InvalidCredentials, SessionEnded, WrongPassword
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal, UserIn
from nonpro.accounts.strength import password_problem
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied
from nonpro.core.validation import parse_input

TEST_PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "plum tractor velvet oxide"
LIMITS = services.SessionLimits(idle=timedelta(hours=1), lifetime=timedelta(hours=12))
MakeUser = Callable[..., User]


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1!", "at least 12 characters"),
        ("x" * 257, "at most 256 characters"),
        ("Hildegard-Ostrowski-77", "must not contain the user name"),
        ("password1234", "too easy to guess"),
        ("qwertyuiopasdf", "too easy to guess"),
        ("abcdefghijklmnop", "too easy to guess"),
    ],
)
def test_weak_passwords_are_refused_naming_the_problem(password: str, problem: str) -> None:
    found = password_problem(password, username="hildegard")
    assert found is not None and problem in found
    assert password not in found


def test_a_passphrase_is_strong_enough() -> None:
    assert password_problem(NEW_PASSWORD, username="hildegard") is None


def test_a_new_user_with_a_common_password_is_refused_on_the_password_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_input(UserIn, {"username": "hank", "role": "viewer", "password": "password12345"})
    assert caught.value.field == "password"
    assert "password12345" not in caught.value.message


def _signed_in(db_session: Session, username: str) -> tuple[Principal, str]:
    user, key = services.sign_in(username, TEST_PASSWORD, session=db_session)
    return services.principal_of(user), key


def test_changing_ones_password_keeps_this_session_and_ends_the_others(
    db_session: Session, make_user: MakeUser
) -> None:
    make_user("alice")
    actor, here = _signed_in(db_session, "alice")
    _, elsewhere = _signed_in(db_session, "alice")
    services.change_password(
        "alice", TEST_PASSWORD, NEW_PASSWORD, session=db_session, actor=actor, keep_session=here
    )
    assert services.session_user(here, session=db_session, limits=LIMITS).username == "alice"
    with pytest.raises(SessionEnded):
        services.session_user(elsewhere, session=db_session, limits=LIMITS)
    assert services.authenticate("alice", NEW_PASSWORD, session=db_session)
    with pytest.raises(InvalidCredentials):
        services.authenticate("alice", TEST_PASSWORD, session=db_session)
    [entry] = [e for e in audit.entries(db_session, target="user:alice") if "password" in e.action]
    assert entry.action == "user.password_change" and entry.payload == {"sessions_ended": 1}


def test_a_change_needs_the_current_password(db_session: Session, make_user: MakeUser) -> None:
    make_user("alice")
    actor, _ = _signed_in(db_session, "alice")
    with pytest.raises(WrongPassword) as caught:
        services.change_password(
            "alice", "not my password", NEW_PASSWORD, session=db_session, actor=actor
        )
    assert caught.value.field == "current_password"


@pytest.mark.parametrize("new", ["alice in wonderland 2026", "password12345", TEST_PASSWORD])
def test_a_weak_or_unchanged_new_password_names_the_new_password(
    db_session: Session, make_user: MakeUser, new: str
) -> None:
    make_user("alice")
    actor, _ = _signed_in(db_session, "alice")
    with pytest.raises(InvalidInput) as caught:
        services.change_password("alice", TEST_PASSWORD, new, session=db_session, actor=actor)
    assert caught.value.field == "new_password" and new not in caught.value.message


def test_nobody_changes_another_users_password(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("alice")
    make_user("mallory")
    mallory, _ = _signed_in(db_session, "mallory")
    with pytest.raises(PermissionDenied):
        services.change_password(
            "alice", TEST_PASSWORD, NEW_PASSWORD, session=db_session, actor=mallory
        )


def test_a_reset_gives_a_one_time_password_to_be_changed(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("alice")
    _, key = _signed_in(db_session, "alice")
    one_time = services.reset_password("alice", session=db_session, actor=operator)
    with pytest.raises(SessionEnded):
        services.session_user(key, session=db_session, limits=LIMITS)
    user = services.authenticate("alice", one_time, session=db_session)
    assert user.must_change_password
    services.change_password(
        "alice", one_time, NEW_PASSWORD, session=db_session, actor=services.principal_of(user)
    )
    assert not user.must_change_password
    actions = [e.action for e in audit.entries(db_session, target="user:alice")]
    assert actions.index("user.password_change") < actions.index("user.password_reset")


def test_only_a_user_manager_resets(db_session: Session, make_user: MakeUser) -> None:
    make_user("alice")
    make_user("mallory")
    mallory, _ = _signed_in(db_session, "mallory")
    with pytest.raises(PermissionDenied):
        services.reset_password("alice", session=db_session, actor=mallory)


def test_an_administrator_changes_rather_than_resets_their_own(
    db_session: Session, make_user: MakeUser
) -> None:
    make_user("root", Role.ADMIN)
    root, _ = _signed_in(db_session, "root")
    with pytest.raises(Conflict):
        services.reset_password("root", session=db_session, actor=root)
    assert not services.get_user("root", session=db_session).must_change_password


def test_the_bootstrap_admin_must_change_its_password(
    db_session: Session, operator: Principal
) -> None:
    password = services.ensure_admin(session=db_session, actor=operator)
    assert password is not None
    assert services.authenticate("admin", password, session=db_session).must_change_password
