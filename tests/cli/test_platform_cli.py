"""The platform commands, as a user types them, on a fresh embedded database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import Invoke


def test_set_up_users_tokens_and_audit(database: Path, invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("reference", "load")
    assert code == 0 and "9 added" in out
    code, out = invoke("users", "ensure-admin")
    assert code == 0 and "one-time password" in out
    code, out = invoke(
        "users",
        "create",
        "rep",
        "--role",
        "agency_reviewer",
        "--agency",
        "DEFENSE_DTSA",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert code == 0, out
    code, out = invoke("users", "list", "--json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["rep"]["agency"] == "DEFENSE_DTSA" and listed["admin"]["role"] == "admin"
    code, token = invoke("tokens", "create", "rep")
    assert code == 0 and token.strip().startswith("np_")
    assert invoke("users", "disable", "rep")[0] == 0
    assert invoke("users", "enable", "rep")[0] == 0
    code, out = invoke("users", "enable", "rep")
    assert code != 0 and "already active" in out
    code, out = invoke("audit", "show", "--target", "user:rep", "--json")
    assert [row["action"] for row in json.loads(out)] == [
        "user.enable",
        "user.disable",
        "token.create",
        "user.create",
    ]
    code, out = invoke("audit", "verify")
    assert code == 0 and "intact" in out


def test_audit_verify_catches_an_edited_row(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    invoke("reference", "load")
    invoke(
        "users",
        "create",
        "alice",
        "--role",
        "analyst",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4")
    code, out = invoke("audit", "verify")
    assert code == 1
    assert "row 4" in out


def test_audit_verify_catches_a_deleted_row(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    invoke("reference", "load")
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM audit_log WHERE seq = 2")
    code, out = invoke("audit", "verify")
    assert code == 1 and "row 3" in out


def test_bad_input_names_the_field_and_exits_2(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    code, out = invoke(
        "users", "create", "x", "--role", "viewer", "--password-stdin", stdin="tiny\n"
    )
    assert code == 2
    code, out = invoke(
        "users",
        "create",
        "bob",
        "--role",
        "wizard",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert code == 2 and "wizard" in out


def test_commands_refuse_an_unmigrated_database(database: Path, invoke: Invoke) -> None:
    code, out = invoke("users", "list")
    assert code == 2 and "nonpro db upgrade" in out


def test_config_show_and_countries(database: Path, invoke: Invoke) -> None:
    code, out = invoke("config", "show", "--json")
    shown = json.loads(out)
    assert shown["NONPRO_DATABASE_URL"].endswith("cli.db")
    assert shown["NONPRO_SECRET_KEY"].startswith("(generated")
    code, out = invoke("countries", "resolve", "Persia", "--json")
    assert json.loads(out)["alpha_3"] == "IRN"
    code, out = invoke("countries", "resolve", "Atlantis")
    assert code == 2


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/x", "postgresql+psycopg://nobody@127.0.0.1:1/x"]
)
def test_bad_database_url_is_one_line_and_exit_2(tmp_path: Path, url: str) -> None:
    """Run as a user does, in a real process: no traceback, the setting named."""
    env = {**os.environ, "NONPRO_DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "-c", "from nonpro.cli.main import run; run()", "db", "upgrade"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: NONPRO_DATABASE_URL: ")


def test_serve_refuses_a_mistyped_database_path(database: Path, invoke: Invoke) -> None:
    code, out = invoke("serve", "--port", "1")
    assert code == 2 and str(database) in out and "nonpro db upgrade" in out
    assert not database.exists()  # not created empty
    assert invoke("db", "upgrade")[0] == 0  # which still creates it
    assert database.is_file()


def test_audit_verify_finds_the_newest_rows_deleted(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    invoke("reference", "load")
    kept = database.parent / "audit-anchor.json"
    code, out = invoke("audit", "anchor", "--out", str(kept))
    assert code == 0 and str(kept) in out
    rows = json.loads(kept.read_text())["count"]
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM audit_log WHERE seq = ?", (rows,))
    code, out = invoke("audit", "verify")
    assert code == 1 and f"row {rows}" in out and "missing" in out  # the anchor in the database
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM audit_anchors")
    assert invoke("audit", "verify")[0] == 0  # the limit the docs state
    code, out = invoke("audit", "verify", "--anchor", str(kept))
    assert code == 1 and "missing" in out  # unless an anchor was kept outside
    code, out = invoke("audit", "verify", "--anchor", str(database))
    assert code == 2 and "--anchor" in out


def test_serve_believes_forwarded_headers_only_from_the_configured_proxies() -> None:
    from ipaddress import ip_network

    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    from nonpro.cli.serve import proxy_options

    # Uvicorn's own default trusts 127.0.0.1: without proxies configured it must trust none.
    assert proxy_options([]) == {"proxy_headers": False}
    options = proxy_options([ip_network("10.0.0.0/8"), ip_network("127.0.0.1")])
    assert options["proxy_headers"] is True
    trusted = ProxyHeadersMiddleware(app=None, trusted_hosts=options["forwarded_allow_ips"])  # type: ignore[arg-type]
    assert "10.1.2.3" in trusted.trusted_hosts and "127.0.0.1" in trusted.trusted_hosts
    assert "192.0.2.1" not in trusted.trusted_hosts
