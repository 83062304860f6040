"""Fetch a list from its publisher into a local file, streaming, with progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from nonpro.screening.errors import ListDownloadError

ProgressCallback = Callable[[int, int | None], None]  # bytes so far, total if known


def download(
    source: str,
    url: str,
    destination: Path,
    *,
    timeout: float = 120.0,
    progress: ProgressCallback | None = None,
) -> Path:
    """Save ``url`` to ``destination``; a partial file is never left under that name."""
    partial = destination.with_name(destination.name + ".part")
    try:
        with (
            httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response,
        ):
            if response.status_code != 200:
                raise ListDownloadError(source, url, f"HTTP {response.status_code}")
            length = response.headers.get("content-length")
            total = int(length) if length and length.isdigit() else None
            received = 0
            with partial.open("wb") as handle:
                for chunk in response.iter_bytes(1 << 16):
                    handle.write(chunk)
                    received += len(chunk)
                    if progress:
                        progress(received, total)
            if total is not None and received != total:
                raise ListDownloadError(
                    source, url, f"connection closed after {received} of {total} bytes"
                )
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise ListDownloadError(source, url, str(exc) or type(exc).__name__) from None
    except ListDownloadError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(destination)
    return destination
