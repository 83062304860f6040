"""``nonpro serve``: the web UI and the API."""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Any

import typer
import uvicorn

from nonpro.cli.context import console, engine, settings
from nonpro.core.db import require_database_file
from nonpro.core.errors import ConfigurationError
from nonpro.core.logging import logging_config
from nonpro.core.settings import resolve_secret_key


def serve(
    host: str | None = typer.Option(None, "--host", help="Overrides NONPRO_HOST."),
    port: int | None = typer.Option(None, "--port", help="Overrides NONPRO_PORT."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes."),
    keep_alive: int = typer.Option(
        5, "--keep-alive", min=1, help="Seconds an idle client connection stays open."
    ),
) -> None:
    """Serve the web UI and the API (OpenAPI at /docs)."""
    current = settings()
    require_database_file(current.database_url)  # a mistyped path is not a new empty database
    engine()  # fail early, with the one-line message, if the database does not answer
    resolve_secret_key(current)
    bind_host = host or current.host
    bind_port = port or current.port
    tls = _tls_files(current.ssl_certfile, current.ssl_keyfile)
    scheme = "https" if tls else "http"
    console.print(f"nonpro serving on {scheme}://{bind_host}:{bind_port}/ (API docs at /docs)")
    uvicorn.run(
        "nonpro.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        # Each worker process applies nonpro's logging configuration; the request log
        # (nonpro.web.request_log) replaces uvicorn's access log.
        log_config=logging_config(current),
        access_log=False,
        timeout_keep_alive=keep_alive,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
        **proxy_options(current.trusted_proxies),
    )


def proxy_options(trusted: Sequence[IPv4Network | IPv6Network]) -> dict[str, Any]:
    """Uvicorn believes X-Forwarded-For and -Proto only from ``NONPRO_TRUSTED_PROXIES``.

    Left to itself uvicorn trusts them from 127.0.0.1, so any local process (or a proxy that passes
    the header through untouched) could pick the client address the sign-in throttle counts.
    """
    if not trusted:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": [str(network) for network in trusted]}


def _tls_files(certfile: Path | None, keyfile: Path | None) -> tuple[Path, Path] | None:
    """Both TLS files or neither; each must exist (named in the error otherwise)."""
    if certfile is None and keyfile is None:
        return None
    if certfile is None or keyfile is None:
        missing = "NONPRO_SSL_CERTFILE" if certfile is None else "NONPRO_SSL_KEYFILE"
        raise ConfigurationError(missing, "set both TLS files or neither")
    for name, path in (("NONPRO_SSL_CERTFILE", certfile), ("NONPRO_SSL_KEYFILE", keyfile)):
        if not path.is_file():
            raise ConfigurationError(name, f"{path} is not a file")
    return certfile, keyfile
