"""Web sessions on the server, token expiry, and an agency's deactivation (issue 19, items 5, 6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts import services
from nonpro.accounts.errors import InvalidCredentials, InvalidToken, SessionEnded, TokenExpired
from nonpro.accounts.models import ApiToken, User, WebSession
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import AgencyUpdate, Principal
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.errors import InvalidInput

TEST_PASSWORD = "correct horse battery staple"
LIMITS = services.SessionLimits(idle=timedelta(hours=1), lifetime=timedelta(hours=12))
MakeUser = Callable[..., User]


def _row(db_session: Session, user: User) -> WebSession:
    return db_session.scalars(select(WebSession).where(WebSession.user_id == user.id)).one()


def test_a_signed_out_session_opens_nothing(db_session: Session, make_user: MakeUser) -> None:
    make_user("alice")
    user, key = services.sign_in("alice", TEST_PASSWORD, session=db_session)
    assert services.session_user(key, session=db_session, limits=LIMITS) is user
    services.end_session(key, session=db_session)
    with pytest.raises(SessionEnded):
        services.session_user(key, session=db_session, limits=LIMITS)
    assert [e.action for e in audit.entries(db_session, target="user:alice")][:2] == [
        "session.end",
        "session.start",
    ]


def test_the_cookie_key_is_not_stored(db_session: Session, make_user: MakeUser) -> None:
    user = make_user("alice")
    _, key = services.sign_in("alice", TEST_PASSWORD, session=db_session)
    assert key not in _row(db_session, user).key_hash


def test_an_idle_session_lapses(db_session: Session, make_user: MakeUser) -> None:
    user = make_user("alice")
    _, key = services.sign_in("alice", TEST_PASSWORD, session=db_session)
    _row(db_session, user).last_seen_at = utcnow() - LIMITS.idle
    with pytest.raises(SessionEnded, match="expired"):
        services.session_user(key, session=db_session, limits=LIMITS)


def test_a_busy_session_still_ends_at_its_lifetime(
    db_session: Session, make_user: MakeUser
) -> None:
    user = make_user("alice")
    _, key = services.sign_in("alice", TEST_PASSWORD, session=db_session)
    row = _row(db_session, user)
    row.created_at = utcnow() - LIMITS.lifetime
    row.last_seen_at = utcnow()  # used a moment ago: the idle limit alone would let it through
    with pytest.raises(SessionEnded, match="expired"):
        services.session_user(key, session=db_session, limits=LIMITS)


def test_disabling_a_user_ends_their_sessions(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("alice")
    _, key = services.sign_in("alice", TEST_PASSWORD, session=db_session)
    services.disable_user("alice", session=db_session, actor=operator)
    with pytest.raises(SessionEnded):
        services.session_user(key, session=db_session, limits=LIMITS)
    [entry] = audit.entries(db_session, target="user:alice", limit=1)
    assert entry.action == "user.disable" and entry.payload == {"sessions_ended": 1}


def test_deactivating_an_agency_shuts_out_its_representatives_at_once(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    rep = make_user("rep", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    make_user("other", Role.AGENCY_REVIEWER, "IC")
    _, key = services.sign_in("rep", TEST_PASSWORD, session=db_session)
    _, other_key = services.sign_in("other", TEST_PASSWORD, session=db_session)
    _, token = services.create_token("rep", "t", session=db_session, actor=operator)

    services.update_agency(
        "DEFENSE_DTSA", AgencyUpdate(active=False), session=db_session, actor=operator
    )

    assert not services.can_sign_in(rep)
    with pytest.raises(SessionEnded):
        services.session_user(key, session=db_session, limits=LIMITS)
    with pytest.raises(InvalidToken):
        services.user_for_token(token, session=db_session)
    with pytest.raises(InvalidCredentials):
        services.authenticate("rep", TEST_PASSWORD, session=db_session)
    assert services.session_user(other_key, session=db_session, limits=LIMITS).username == "other"
    [entry] = audit.entries(db_session, target="agency:DEFENSE_DTSA", limit=1)
    assert entry.payload == {"active": False, "sessions_ended": 1}

    # Reactivated: the token (not revoked) works again; the ended session stays ended.
    services.update_agency(
        "DEFENSE_DTSA", AgencyUpdate(active=True), session=db_session, actor=operator
    )
    assert services.user_for_token(token, session=db_session) is rep
    with pytest.raises(SessionEnded):
        services.session_user(key, session=db_session, limits=LIMITS)


def test_an_expired_token_is_refused_saying_so(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    make_user("alice")
    token, plain = services.create_token(
        "alice", "short", session=db_session, actor=operator, expires_in_days=7
    )
    assert token.expires_at is not None
    assert timedelta(days=6, hours=23) < token.expires_at - utcnow() <= timedelta(days=7)
    assert services.user_for_token(plain, session=db_session).username == "alice"
    token.expires_at = utcnow() - timedelta(seconds=1)
    with pytest.raises(TokenExpired, match="expired on"):
        services.user_for_token(plain, session=db_session)
    [entry] = audit.entries(db_session, target="user:alice", limit=1)
    assert entry.action == "token.create" and entry.payload["expires_at"]


@pytest.mark.parametrize("days", [0, -1, services.MAX_TOKEN_DAYS + 1])
def test_a_token_expiry_out_of_range_names_the_field(
    db_session: Session, make_user: MakeUser, operator: Principal, days: int
) -> None:
    make_user("alice")
    with pytest.raises(InvalidInput) as caught:
        services.create_token(
            "alice", "t", session=db_session, actor=operator, expires_in_days=days
        )
    assert caught.value.field == "expires_in_days"
    assert db_session.scalar(select(ApiToken.id)) is None
