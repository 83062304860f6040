"""Case documents: size and type checks, SHA-256, bytes kept in the database.

The bytes live in ``case_documents.content`` rather than under ``var/``: a document then commits
or rolls back with the case, is in every database backup, and works the same on SQLite and
PostgreSQL. The size limit keeps that sane; an office with large files can move them later.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases.errors import BadDocument
from nonpro.cases.models import CaseDocument
from nonpro.cases.records import get_case
from nonpro.core import audit
from nonpro.core.errors import NotFound

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# What the application may attach, and the first bytes each type must start with: the declared
# type is never trusted alone (a renamed executable is refused).
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "text/plain": (),
}
_BY_SUFFIX = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
}


def _media_type(filename: str, content: bytes) -> str:
    suffix = PurePath(filename).suffix.lower()
    media_type = _BY_SUFFIX.get(suffix)
    if media_type is None:
        raise BadDocument(
            "filename", f"{suffix or 'no extension'} is not accepted; use {', '.join(_BY_SUFFIX)}"
        )
    signatures = _SIGNATURES[media_type]
    if signatures and not content.startswith(signatures):
        raise BadDocument("content", f"{filename} does not look like {media_type}")
    if media_type == "text/plain":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise BadDocument("content", f"{filename} is not UTF-8 text") from None
    return media_type


def add_document(
    key: str | uuid.UUID,
    filename: str,
    content: bytes,
    *,
    session: Session,
    actor: Principal,
) -> CaseDocument:
    """Attach a checked document; the same bytes twice on one case are stored once."""
    require(actor, Permission.MANAGE_CASES)
    case = get_case(key, session=session, reader=actor)
    name = PurePath(filename.replace("\\", "/")).name.strip()
    if not name:
        raise BadDocument("filename", "a document needs a file name")
    if not content:
        raise BadDocument("content", f"{name} is empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise BadDocument(
            "content", f"{name} is {len(content):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"
        )
    media_type = _media_type(name, content)
    digest = hashlib.sha256(content).hexdigest()
    for existing in case.documents:
        if existing.sha256 == digest:
            return existing
    document = CaseDocument(
        filename=name[:255],
        media_type=media_type,
        size=len(content),
        sha256=digest,
        content=content,
        uploaded_by=actor.username,
    )
    case.documents.append(document)
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="case.document",
        target=f"case:{case.reference}",
        payload={"filename": document.filename, "sha256": digest, "size": document.size},
    )
    return document


def get_document(
    key: str | uuid.UUID, document_id: uuid.UUID, *, session: Session, actor: Principal
) -> CaseDocument:
    require(actor, Permission.READ)
    case = get_case(key, session=session, reader=actor)
    for document in case.documents:
        if document.id == document_id:
            return document
    raise NotFound("document", document_id)
