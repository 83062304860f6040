"""``nonpro serve``: the web UI and the API."""

from __future__ import annotations

import typer
import uvicorn

from nonpro.cli.context import console, engine, settings
from nonpro.core.settings import resolve_secret_key


def serve(
    host: str | None = typer.Option(None, "--host", help="Overrides NONPRO_HOST."),
    port: int | None = typer.Option(None, "--port", help="Overrides NONPRO_PORT."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes."),
) -> None:
    """Serve the web UI and the API (OpenAPI at /docs)."""
    current = settings()
    engine()  # fail early, with the one-line message, if the database does not answer
    resolve_secret_key(current)
    bind_host = host or current.host
    bind_port = port or current.port
    console.print(f"nonpro serving on http://{bind_host}:{bind_port}/ (API docs at /docs)")
    uvicorn.run(
        "nonpro.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        log_level="info",
    )
