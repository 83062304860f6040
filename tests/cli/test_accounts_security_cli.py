"""Passwords and token expiry from the command line (issue 19, items 6 and 8)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.conftest import Invoke

FIRST = "a long enough password"
SECOND = "plum tractor velvet oxide"


def _with_user(invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke(
        "users", "create", "alice", "--role", "analyst", "--password-stdin", stdin=f"{FIRST}\n"
    )
    assert code == 0, out


def test_users_passwd_changes_a_password_given_the_current_one(
    database: Path, invoke: Invoke
) -> None:
    _with_user(invoke)
    code, out = invoke(
        "users", "passwd", "alice", "--password-stdin", stdin=f"wrong one\n{SECOND}\n"
    )
    assert code == 2 and "current_password" in out
    code, out = invoke(
        "users", "passwd", "alice", "--password-stdin", stdin=f"{FIRST}\npassword12345\n"
    )
    assert code == 2 and "new_password" in out and "password12345" not in out
    code, out = invoke("users", "passwd", "alice", "--password-stdin", stdin=f"{FIRST}\n{SECOND}\n")
    assert code == 0, out
    code, out = invoke("audit", "show", "--target", "user:alice", "--json")
    assert json.loads(out)[0]["action"] == "user.password_change"


def test_users_reset_password_prints_a_one_time_password_to_be_changed(
    database: Path, invoke: Invoke
) -> None:
    _with_user(invoke)
    code, out = invoke("users", "reset-password", "alice")
    assert code == 0 and "must change it" in out
    one_time = re.search(r"one-time password of alice: (\S+)", out)
    assert one_time
    code, out = invoke(
        "users", "passwd", "alice", "--password-stdin", stdin=f"{one_time.group(1)}\n{SECOND}\n"
    )
    assert code == 0, out


def test_tokens_create_with_an_expiry(database: Path, invoke: Invoke) -> None:
    _with_user(invoke)
    code, out = invoke("tokens", "create", "alice", "--expires-in-days", "30", "--json")
    assert code == 0 and json.loads(out)["expires_at"]
    code, out = invoke("tokens", "create", "alice", "--expires-in-days", "0")
    assert code == 2 and "expires_in_days" in out
