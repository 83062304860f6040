"""Streaming XML reading shared by the XML list formats.

lxml's iterparse keeps memory flat on large lists; each record element is cleared once read.
Malformed or truncated XML becomes a ListParseError naming the line, never an lxml traceback.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from lxml import etree

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import parse_iso_date
from nonpro.screening.formats._files import reading_record
from nonpro.screening.schemas import ListEntry, ParsedList, Relation

T = TypeVar("T")


def iter_records(
    path: Path, source: Path | IO[bytes], tags: tuple[str, ...], root_attributes: dict[str, str]
) -> Iterator[Any]:
    """Yield each element whose tag is one of ``tags`` (``"{*}name"`` ignores namespaces).

    ``root_attributes`` is filled with the root element's attributes as soon as it is seen.
    """
    context = etree.iterparse(
        source,
        events=("start", "end"),
        tag=tags,
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
    )
    try:
        for event, element in context:
            if not root_attributes:
                root = element.getroottree().getroot()
                root_attributes.update({str(k): str(v) for k, v in root.attrib.items()})
                root_attributes.setdefault("", str(root.tag))  # the root's own tag, for checks
            if event != "end":
                continue
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        line = getattr(error, "lineno", None) or (error.position[0] if error.position else None)
        raise ListParseError(
            path, f"line {line}" if line else None, f"malformed XML: {error.msg}"
        ) from error
    except OSError as error:  # a zip member that ends early, an unreadable file
        raise ListParseError(path, None, f"cannot be read: {error}") from error


def read_xml_list(
    path: Path,
    source: str,
    *,
    tags: tuple[str, ...],
    build: Callable[[Any], ListEntry],
    describe: Callable[[Any], str],
    format_name: str,
    date_attribute: str,
    empty: tuple[str, str],
) -> ParsedList:
    """A (possibly zipped or gzipped) XML list whose records are the elements ``tags`` and whose
    root's ``date_attribute`` is the publication date. A record that cannot be built is an
    error naming it (``describe``) and its problem."""
    built: list[ListEntry] = []
    root: dict[str, str] = {}

    def read(stream: Path | IO[bytes]) -> None:
        for record in iter_records(path, stream, tags, root):
            with reading_record(path, describe(record)):
                built.append(build(record))

    with_xml_stream(path, read)
    published = parse_iso_date(root.get(date_attribute))
    return xml_list(path, source, built, format_name=format_name, published=published, empty=empty)


def text(element: Any, path: str) -> str | None:
    """Stripped text of the first descendant at ``path``, or None when absent or empty."""
    found = element.find(path)
    if found is None or found.text is None:
        return None
    value = str(found.text).strip()
    return value or None


def texts(element: Any, path: str) -> list[str]:
    """Stripped, non-empty texts of all descendants at ``path``."""
    values = (str(found.text).strip() for found in element.iterfind(path) if found.text)
    return [value for value in values if value]


def _any_namespace(path: str) -> str:
    return "/".join("{*}" + part for part in path.split("/"))


def ns_text(element: Any, path: str) -> str | None:
    """``text`` with each step of ``path`` matched in any namespace (OFAC's XML has one)."""
    return text(element, _any_namespace(path))


def ns_all(element: Any, path: str) -> list[Any]:
    """All descendants at ``path``, each step matched in any namespace."""
    return list(element.iterfind(_any_namespace(path)))


def xml_list(
    path: Path,
    source: str,
    entries: list[ListEntry],
    *,
    format_name: str,
    published: date | None,
    empty: tuple[str, str],
    relations: list[Relation] | None = None,
) -> ParsedList:
    """One XML publication as read; one with no records is an error (``empty`` names where and
    which records), since an empty active list would clear every screening."""
    if not entries:
        location, records = empty
        raise ListParseError(path, location, f"no {records} records")
    return ParsedList(
        source=source,
        publication_date=published,
        entries=entries,
        format=format_name,
        files=[str(path)],
        relations=relations or [],
    )


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError as error:
        raise ListParseError(path, None, f"cannot be read: {error}") from error


def is_zip(path: Path) -> bool:
    """True when the file starts like a zip archive, even if its end is missing."""
    return _starts_with(path, b"PK\x03\x04")


def with_xml_stream(path: Path, read: Callable[[Path | IO[bytes]], T]) -> T:
    """Call ``read`` on the XML file, on the first XML file inside it when it is a zip (OFAC
    publishes zipped XML), or on its content when gzipped; a damaged archive is a
    ListParseError."""
    if _starts_with(path, b"\x1f\x8b"):
        with gzip.open(path, "rb") as stream:
            try:
                return read(cast(IO[bytes], stream))
            except (EOFError, gzip.BadGzipFile) as error:
                raise ListParseError(path, None, f"is not a readable gzip file: {error}") from error
    if not is_zip(path):
        return read(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [name for name in archive.namelist() if name.lower().endswith(".xml")]
            if not members:
                raise ListParseError(path, None, "the zip holds no XML file")
            with archive.open(members[0]) as stream:
                return read(stream)
    except (zipfile.BadZipFile, EOFError) as error:
        raise ListParseError(path, None, f"is not a readable zip file: {error}") from error


def xml_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of the XML document (inside the zip, for a zip)."""
    return with_xml_stream(path, lambda source: _read_head(source, size))


def _read_head(source: Path | IO[bytes], size: int) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return handle.read(size)
    return source.read(size)
