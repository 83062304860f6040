"""Two requests that use a new token at the same moment both get in (SQLite, a real file).

A token's first use records "last used". Inside one SQLite transaction that write comes after
the read of the token, and fails at once ("database is locked") when another request has
written since the read began; the sign-in check runs its statements on their own instead, so
the second write waits its turn.
"""

from __future__ import annotations

from pathlib import Path

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import UserIn, local_operator
from nonpro.core.db import (
    make_engine,
    make_session_factory,
    reads_without_transaction,
    transaction,
)
from nonpro.migrations import runner


def test_two_first_uses_of_a_token_at_once_both_sign_in(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'nonpro.db'}")
    runner.upgrade(engine)
    factory = make_session_factory(engine)
    operator = local_operator("pytest")
    with transaction(factory) as session:
        data = UserIn(username="ana", role=Role.ANALYST, password="a long enough password 1")
        accounts.create_user(data, session=session, actor=operator)
        _, plain = accounts.create_token("ana", "laptop", session=session, actor=operator)
    first, second = factory(), factory()
    try:
        for session in (first, second):
            reads_without_transaction(session)  # as the sign-in check does
        assert accounts.user_for_token(plain, session=first).username == "ana"
        assert accounts.user_for_token(plain, session=second).username == "ana"
        second.commit()  # the other request records the use first
        first.commit()
    finally:
        first.close()
        second.close()
        engine.dispose()
    with factory() as session:
        (token,) = accounts.list_tokens("ana", session=session)
        assert token.last_used_at is not None
