"""Recognise a list file (or a folder of them) and read it with the right parser.

Recognition looks at the content first (an XML root element, a CSV header) and at OFAC's fixed
file names for the header-less legacy CSV set, so a renamed download still loads.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats import (
    csl,
    dpl,
    eu_xml,
    ftm,
    ofac_csv,
    ofac_sdn_xml,
    ofac_xml,
    uk,
    un_xml,
)
from nonpro.screening.formats._xml import is_zip, xml_head
from nonpro.screening.schemas import ParsedList

Reader = Callable[..., ParsedList]

# Files of the OFAC legacy set that are read together with their primary file.
_OFAC_SIDE_FILES = {
    "add.csv",
    "alt.csv",
    "sdn_comments.csv",
    "cons_add.csv",
    "cons_alt.csv",
    "cons_comments.csv",
}
_OFAC_PRIMARY_FILES = {"sdn.csv", "cons_prim.csv"}
_OFAC_ROW = re.compile(r'^\d+,"[^"]*",(?:"[a-z]+"|-0-)')
_XML_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _head(path: Path, size: int = 8192) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
        if head[:2] == b"\x1f\x8b":
            with gzip.open(path, "rb") as handle:
                head = handle.read(size)
    except (OSError, EOFError) as error:
        raise ListParseError(path, None, f"cannot be read: {error}") from error
    return head.lstrip(b"\xef\xbb\xbf")


def _xml_reader(head: bytes) -> Reader | None:
    # Skip the prolog and comments; the first element names the format.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _XML_ROOT.search(body)
    if match is None:
        return None
    root = match.group(2).decode()
    if root == "sanctionsData":
        return ofac_xml.read_ofac_xml
    if root == "sdnList":
        return ofac_sdn_xml.read_ofac_sdn_xml
    if root == "CONSOLIDATED_LIST":
        return un_xml.read_un_xml
    if root == "export" and b"fsd" in head:
        return eu_xml.read_eu_xml
    if root in uk.XML_ROOTS:
        return uk.read_uk_xml
    return None


def _text_reader(path: Path, head: bytes) -> Reader | None:
    first_line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    if first_line.startswith("_id,source,entity_number"):
        return csl.read_csl
    if first_line.startswith(('"Name"\t', "Name\t")):
        return dpl.read_dpl
    if first_line.startswith("{"):
        try:
            record = json.loads(first_line)
        except ValueError:
            return None
        if isinstance(record, dict) and "schema" in record:
            return ftm.read_ftm
        return None
    if path.name.lower() in _OFAC_PRIMARY_FILES or _OFAC_ROW.match(first_line):
        return ofac_csv.read_ofac_csv
    return None


def detect_reader(path: Path) -> Reader:
    """The parser for one file, or a ListParseError saying the format is not recognised."""
    name = path.name.lower()
    if name in _OFAC_SIDE_FILES:
        raise ListParseError(
            path, None, "is part of an OFAC CSV set: load its folder or its primary file"
        )
    head = xml_head(path) if is_zip(path) else _head(path)
    if not head.strip(b"\x1a \t\r\n"):
        raise ListParseError(path, None, "is empty")
    reader = _xml_reader(head) if head.lstrip().startswith(b"<") else _text_reader(path, head)
    if reader is None:
        raise ListParseError(path, None, "format not recognised")
    return reader


_NOT_LISTS = re.compile(r"^(readme|sources|license)|\.(md|pdf|xsd|html?)$", re.IGNORECASE)
# OFAC publishes each list as a legacy CSV set, as classic XML and as enhanced XML. When several
# sit in one folder only the richest is read, or every entry would be there two or three times.
_RICHER_OFAC_FILES = {
    "sdn.csv": {"sdn.xml", "sdn_xml.zip", "sdn_enhanced.xml", "sdn_enhanced.zip"},
    "sdn.xml": {"sdn_enhanced.xml", "sdn_enhanced.zip"},
    "sdn_xml.zip": {"sdn_enhanced.xml", "sdn_enhanced.zip"},
    "cons_prim.csv": {"consolidated.xml", "cons_enhanced.xml", "cons_enhanced.zip"},
    "consolidated.xml": {"cons_enhanced.xml", "cons_enhanced.zip"},
}


def _has_richer_ofac_copy(path: Path, names: set[str]) -> bool:
    # By name first, then by content: the UN's download is also called "consolidated.xml".
    if not _RICHER_OFAC_FILES.get(path.name.lower(), set()) & names:
        return False
    return detect_reader(path) in {ofac_csv.read_ofac_csv, ofac_sdn_xml.read_ofac_sdn_xml}


def _folder_files(folder: Path) -> list[Path]:
    """The loadable files of a folder and its subfolders, one per publication."""
    children = sorted(path for path in folder.iterdir() if not path.name.startswith("."))
    files = [
        path
        for path in children
        if path.is_file()
        and path.name.lower() not in _OFAC_SIDE_FILES
        and not _NOT_LISTS.search(path.name)
    ]
    names = {path.name.lower() for path in files}
    found = [path for path in files if not _has_richer_ofac_copy(path, names)]
    for child in children:
        if child.is_dir():
            found += _folder_files(child)
    return found


def load_path(path: Path, source: str | None = None) -> list[ParsedList]:
    """Read a list file, or every list file in a folder, detecting each one's format.

    ``source`` overrides the list code recorded on the entries (e.g. ``"ofac_sdn"``).
    A folder (searched with its subfolders) yields one ParsedList per publication found in it;
    a file that is not a list is an error rather than silently skipped, so a user pointing at
    the wrong folder hears about it.
    """
    path = Path(path)
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            raise ListParseError(path, None, "contains no list files")
        return [detect_reader(file)(file, source=source) for file in files]
    if not path.is_file():
        raise ListParseError(path, None, "does not exist")
    return [detect_reader(path)(path, source=source)]
