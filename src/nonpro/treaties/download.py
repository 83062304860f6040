"""Fetch the official status pages (``nonpro treaties update``) into a local folder.

Every page of a source is downloaded before anything is parsed or stored: one page missing fails
the whole source, and the caller stores nothing, so the previous records stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import httpx

from nonpro.core.errors import InvalidInput
from nonpro.treaties.errors import TreatyDownloadError

UNTC_PAGE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}&chapter=26&clang=_en"
# Page names as the shared snapshot names them, with their MTDSG numbers (chapter XXVI).
UNTC_PAGES = {
    "enmod": "XXVI-1",
    "ccw": "XXVI-2",
    "ccw_p4": "XXVI-2-a",
    "ccw_p2a": "XXVI-2-b",
    "ccw_art1": "XXVI-2-c",
    "ccw_p5": "XXVI-2-d",
    "cwc": "XXVI-3",
    "ctbt": "XXVI-4",
    "ottawa": "XXVI-5",
    "ccm": "XXVI-6",
    "att": "XXVI-8",
    "tpnw": "XXVI-9",
}
# UNODA's database renders its status in the browser; survivalscores.org publishes the same
# facts daily as static HTML (a per-country table and a dated timeline), which the parser reads.
UNODA_PAGE = "https://survivalscores.org/{page}.html"
UNODA_PAGES = ("index", "timeline")
SOURCES = ("untc", "unoda")

ProgressCallback = Callable[[str], None]  # called with each page's key as it is fetched


def page_urls(source: str, overrides: Mapping[str, str]) -> dict[str, str]:
    """``{"untc/ctbt": url, ...}`` for a source. ``overrides`` (the ``treaty_urls`` setting) may
    give a source a template with ``{page}`` (``{"untc": "http://mirror/untc/{page}.html"}``) or
    one page its own URL (``{"untc/ctbt": "..."}``)."""
    if source == "untc":
        pages = {p: UNTC_PAGE.format(mtdsg=m) for p, m in UNTC_PAGES.items()}
    elif source == "unoda":
        pages = {p: UNODA_PAGE.format(page=p) for p in UNODA_PAGES}
    else:
        raise InvalidInput("source", f"{source!r} is not one of {', '.join(SOURCES)}")
    template = overrides.get(source)
    urls = {}
    for page, default in pages.items():
        key = f"{source}/{page}"
        urls[key] = overrides.get(key) or (template.format(page=page) if template else default)
    return urls


def folder_for(source: str, scratch: Path) -> Path:
    """Where a source's pages go, laid out as ``formats.detect.load_path`` reads them."""
    return scratch / source


def fetch(
    source: str,
    scratch: Path,
    *,
    overrides: Mapping[str, str],
    timeout: float = 120.0,
    progress: ProgressCallback | None = None,
) -> Path:
    """Download every page of ``source`` under ``scratch``; returns the folder to load."""
    folder = folder_for(source, scratch)
    target = folder / "html" if source == "untc" else folder
    target.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for key, url in page_urls(source, overrides).items():
            if progress:
                progress(key)
            try:
                response = client.get(url)
            except httpx.HTTPError as exc:
                raise TreatyDownloadError(key, url, str(exc) or type(exc).__name__) from None
            if response.status_code != 200:
                raise TreatyDownloadError(key, url, f"HTTP {response.status_code}")
            if not response.content.strip():
                raise TreatyDownloadError(key, url, "empty response")
            (target / f"{key.split('/', 1)[1]}.html").write_bytes(response.content)
    return folder
