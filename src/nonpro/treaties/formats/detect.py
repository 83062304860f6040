"""``load_path``: read a file or a folder of status pages, whatever its format.

A folder is read whole or not at all: the first file that fails raises, so a partial import never
reaches the caller (``nonpro treaties load`` stores nothing then).
"""

from __future__ import annotations

import csv
from pathlib import Path

from nonpro.treaties.errors import TreatyParseError
from nonpro.treaties.formats.compiled import (
    COUNTS_FILE,
    is_compiled_header,
    parse_compiled_events,
    parse_stated_counts,
)
from nonpro.treaties.formats.generic_csv import parse_generic_csv
from nonpro.treaties.formats.unoda import parse_index, parse_timeline, parse_unoda_folder
from nonpro.treaties.formats.untc import parse_untc
from nonpro.treaties.schemas import TreatyImport

_SNIFF = 4096


def _head(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.read(_SNIFF).decode("utf-8", "replace")


def _csv_header(path: Path) -> list[str]:
    lines = [line for line in _head(path).splitlines() if line.strip() and not line.startswith("#")]
    return next(csv.reader(lines[:1]), [])


def load_file(path: Path) -> TreatyImport:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        head = _head(path)
        if "dataDate" in head or "survivalscores" in head.lower():
            return (
                parse_timeline(path)
                if "timeline-table" in path.read_text("utf-8", "replace")
                else (parse_index(path))
            )
        if "treaties.un.org" in head or "STATUS AS AT" in path.read_text("utf-8", "replace"):
            return parse_untc(path)
        raise TreatyParseError(path, "", "HTML that is neither a UNTC nor a UNODA status page")
    if suffix == ".csv":
        if path.name == COUNTS_FILE:
            return parse_stated_counts(path)
        if is_compiled_header(_csv_header(path)):
            return parse_compiled_events(path)
        return parse_generic_csv(path)
    raise TreatyParseError(path, "", f"unsupported file type {suffix or '(none)'}")


def load_path(path: Path) -> TreatyImport:
    """Every event and stated count in ``path``, a file or a folder (not recursive: a UNODA
    snapshot folder is read as one, its timeline for events and its index for counts)."""
    if not path.exists():
        raise TreatyParseError(path, "", "no such file or folder")
    if path.is_file():
        return load_file(path)
    if (path / "timeline.html").is_file():
        return parse_unoda_folder(path)
    result = TreatyImport()
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".html", ".htm", ".csv"))
    if path.name != "html" and (path / "html").is_dir():
        # The UNTC snapshot keeps its pages under html/ beside a derived CSV: read the pages.
        files = sorted((path / "html").glob("*.html"))
    if not files:
        raise TreatyParseError(path, "", "no status pages or CSV files in the folder")
    for file in files:
        result.extend(load_file(file), file=file.name)
    return result
