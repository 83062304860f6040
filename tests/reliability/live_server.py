"""A real ``nonpro serve`` on a free port, set up with the CLI as an administrator would."""

from __future__ import annotations

import json
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


# Runs several ``nonpro`` commands in one process: the same commands an administrator types,
# without paying the interpreter's start and nonpro's imports once a command.
_BATCH = """
import json, sys
from typer.testing import CliRunner
from nonpro.cli.main import app
runner, outputs = CliRunner(), []
for args, stdin in json.loads(sys.stdin.read()):
    result = runner.invoke(app, args, input=stdin, catch_exceptions=False)
    if result.exit_code != 0:
        sys.stderr.write(f"nonpro {' '.join(args)}: exit {result.exit_code}\\n{result.output}")
        sys.exit(1)
    outputs.append(result.output)
json.dump(outputs, sys.stdout)
"""

Command = tuple[list[str], str | None]  # the arguments, and what is typed on standard input


def administer(env: dict[str, str], workdir: Path, commands: list[Command]) -> list[str]:
    """Run ``nonpro`` commands in order in one process; each one's output, in order."""
    result = subprocess.run(
        [sys.executable, "-c", _BATCH],
        env=env,
        cwd=workdir,
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outputs: list[str] = json.loads(result.stdout)
    return outputs


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
        create = ["users", "create", username, "--role", role, "--password-stdin", *extra]
        _, token = administer(
            self.env,
            self.workdir,
            [(create, PASSWORD + "\n"), (["tokens", "create", username], None)],
        )
        return {"Authorization": f"Bearer {token.strip()}"}


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
    administer(env, workdir, [(["db", "upgrade"], None), (["reference", "load"], None)])
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
