"""Accounts: users, agencies, roles, tokens, sign-in — every write audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts import services
from nonpro.accounts.errors import InvalidCredentials, InvalidToken
from nonpro.accounts.models import Agency, User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import AgencyIn, AgencyUpdate, Principal, UserIn
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied

TEST_PASSWORD = "correct horse battery staple"
MakeUser = Callable[..., User]


def test_default_agencies_seeded_once(db_session: Session, operator: Principal) -> None:
    first = services.seed_agencies(session=db_session, actor=operator)
    again = services.seed_agencies(session=db_session, actor=operator)
    codes = {a.code for a in services.list_agencies(session=db_session)}
    assert first == 9 and again == 0
    assert {"STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA", "TREASURY_OFAC", "IC"} <= codes


def test_edited_agency_is_not_overwritten_by_seeding(
    db_session: Session, operator: Principal
) -> None:
    services.seed_agencies(session=db_session, actor=operator)
    services.update_agency(
        "IC", AgencyUpdate(name="Office of the DNI"), session=db_session, actor=operator
    )
    services.seed_agencies(session=db_session, actor=operator)
    assert services.get_agency("IC", session=db_session).name == "Office of the DNI"


def test_password_is_hashed_with_argon2(make_user: MakeUser) -> None:
    user = make_user("alice")
    assert user.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in user.password_hash


def test_authenticate(db_session: Session, make_user: MakeUser) -> None:
    make_user("alice")
    assert services.authenticate("Alice", TEST_PASSWORD, session=db_session).username == "alice"
    with pytest.raises(InvalidCredentials):
        services.authenticate("alice", "wrong password!", session=db_session)
    with pytest.raises(InvalidCredentials):
        services.authenticate("nobody", TEST_PASSWORD, session=db_session)


def test_disabled_user_cannot_sign_in_and_loses_tokens(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("bob")
    _, plain = services.create_token("bob", "ci", session=db_session, actor=operator)
    services.disable_user("bob", session=db_session, actor=operator)
    with pytest.raises(InvalidCredentials):
        services.authenticate("bob", TEST_PASSWORD, session=db_session)
    with pytest.raises(InvalidToken):
        services.user_for_token(plain, session=db_session)


def test_token_is_stored_hashed_and_resolves(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("carol")
    token, plain = services.create_token("carol", "laptop", session=db_session, actor=operator)
    assert plain.startswith("np_") and plain not in token.token_hash
    assert services.user_for_token(plain, session=db_session).username == "carol"
    services.revoke_token(token.prefix, session=db_session, actor=operator)
    with pytest.raises(InvalidToken):
        services.user_for_token(plain, session=db_session)


def test_duplicate_user_conflicts(make_user: MakeUser) -> None:
    make_user("dave")
    with pytest.raises(Conflict):
        make_user("dave")


def test_agency_reviewer_needs_an_agency(make_user: MakeUser) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_user("erin", Role.AGENCY_REVIEWER)
    assert caught.value.field == "agency"
    assert make_user("erin", Role.AGENCY_REVIEWER, "DEFENSE_DTSA").agency.code == "DEFENSE_DTSA"


def test_unknown_agency_is_named(make_user: MakeUser) -> None:
    with pytest.raises(InvalidInput, match="NOPE"):
        make_user("frank", Role.ANALYST, "NOPE")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, Role.AGENCY_REVIEWER])
def test_non_admins_cannot_manage_users(
    db_session: Session, make_user: MakeUser, role: Role
) -> None:
    actor = Principal(username="someone", role=role)
    before = db_session.scalar(select(func.count()).select_from(User))
    with pytest.raises(PermissionDenied):
        services.create_user(
            UserIn(username="intruder", role=Role.ADMIN, password=TEST_PASSWORD),
            session=db_session,
            actor=actor,
        )
    with pytest.raises(PermissionDenied):
        services.create_agency(
            AgencyIn(code="ROGUE", name="Rogue agency"), session=db_session, actor=actor
        )
    assert db_session.scalar(select(func.count()).select_from(User)) == before
    assert db_session.scalar(select(Agency).where(Agency.code == "ROGUE")) is None


def test_every_write_is_audited(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("gina")
    services.create_token("gina", "x", session=db_session, actor=operator)
    services.disable_user("gina", session=db_session, actor=operator)
    actions = [e.action for e in audit.entries(db_session, target="user:gina")]
    assert actions == ["user.disable", "token.create", "user.create"]
    assert audit.verify_chain(db_session).intact


def test_ensure_admin_creates_one_admin_once(db_session: Session, operator: Principal) -> None:
    password = services.ensure_admin(session=db_session, actor=operator)
    assert password is not None and len(password) >= 20
    assert services.authenticate("admin", password, session=db_session).role == "admin"
    assert services.ensure_admin(session=db_session, actor=operator) is None


def test_weak_password_rejected_with_field() -> None:
    from nonpro.core.validation import parse_input

    with pytest.raises(InvalidInput) as caught:
        parse_input(UserIn, {"username": "hank", "role": "viewer", "password": "short"})
    assert caught.value.field == "password"


def test_a_token_records_its_last_use_to_the_minute(
    db_session: Session, make_user: Callable[..., User], operator: Principal
) -> None:
    make_user("tina")
    token, plain = services.create_token("tina", "ci", session=db_session, actor=operator)
    assert token.last_used_at is None
    services.user_for_token(plain, session=db_session)
    first = token.last_used_at
    assert first is not None
    services.user_for_token(plain, session=db_session)
    assert token.last_used_at == first  # a second use within the minute writes nothing
    token.last_used_at = first - services.TOKEN_USE_RESOLUTION
    services.user_for_token(plain, session=db_session)
    assert token.last_used_at > first


def test_census_counts_users_and_agencies(db_session: Session, make_user: MakeUser) -> None:
    make_user("ana")
    make_user("bob")
    agencies = db_session.scalar(select(func.count()).select_from(Agency))
    assert agencies  # make_user seeds the default agencies
    assert services.census(session=db_session) == {"users": 2, "agencies": agencies}


def test_user_by_id_finds_the_user_a_session_cookie_names(
    db_session: Session, make_user: MakeUser
) -> None:
    ana = make_user("ana")
    assert services.user_by_id(ana.id, session=db_session) is ana
    assert services.user_by_id(uuid.uuid4(), session=db_session) is None
