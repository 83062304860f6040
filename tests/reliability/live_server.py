"""A real ``nonpro serve`` on a free port, set up with the CLI as an administrator would."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PASSWORD = "live server password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    workdir: Path

    def nonpro(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "from nonpro.cli.main import run; run()", *args],
            env=self.env,
            cwd=self.workdir,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"nonpro {' '.join(args)}: {result.stderr}"
        return result.stdout

    def user_token(self, username: str, role: str, agency: str | None = None) -> dict[str, str]:
        """Create the user and an API token; the headers that carry it."""
        extra = ["--agency", agency] if agency else []
        self.nonpro(
            "users",
            "create",
            username,
            "--role",
            role,
            "--password-stdin",
            *extra,
            stdin=PASSWORD + "\n",
        )
        token = self.nonpro("tokens", "create", username).strip()
        return {"Authorization": f"Bearer {token}"}


@contextmanager
def live_server(
    database_url: str,
    workdir: Path,
    workers: int = 2,
    keep_alive: int = 5,
    settings: dict[str, str] | None = None,
) -> Iterator[LiveServer]:
    env = {
        **os.environ,
        "NONPRO_DATABASE_URL": database_url,
        "NONPRO_SECRET_KEY": secrets.token_urlsafe(48),
        "NONPRO_LISTS_DIR": "",
        **(settings or {}),
    }
    port = free_port()
    server = LiveServer(f"http://127.0.0.1:{port}", env, workdir)
    server.nonpro("db", "upgrade")
    server.nonpro("reference", "load")
    with serving(env, workdir, port, "--workers", str(workers), "--keep-alive", str(keep_alive)):
        yield server


SERVE = "from nonpro.cli.main import run; run()"


@contextmanager
def serving(env: dict[str, str], workdir: Path, port: int, *options: str) -> Iterator[str]:
    """``nonpro serve`` on ``port`` until the block ends; yields its URL once /api/health answers.

    The suite's live-server tests and its browser tests both start the server through this, so
    a server that dies or does not answer within a minute fails them with the log's tail.
    """
    url = f"http://127.0.0.1:{port}"
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", str(port), *options],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError((workdir / "server.log").read_text()[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
