"""Versioned documents of a meeting: position papers, statements and instructions' texts."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.db import get_row
from nonpro.core.errors import InvalidInput
from nonpro.multilateral import rules
from nonpro.multilateral.calendar import LOG, get_meeting
from nonpro.multilateral.models import Document, DocumentVersion, Meeting
from nonpro.multilateral.schemas import DocumentIn, DocumentOut, VersionIn


def new_document(
    meeting: Meeting, data: DocumentIn, *, session: Session, actor: Principal
) -> Document:
    document = Document(
        meeting_id=meeting.id, kind=data.kind, title=data.title, created_by=actor.username
    )
    document.versions.append(
        DocumentVersion(number=1, text=data.text, note=data.note, author=actor.username)
    )
    session.add(document)
    session.flush()
    LOG.record(
        session,
        actor,
        "document.create",
        f"document:{document.id}",
        {"meeting": str(meeting.id), "kind": data.kind, "title": data.title},
    )
    return document


def add_document(
    meeting_id: str | uuid.UUID, data: DocumentIn, *, session: Session, actor: Principal
) -> DocumentOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    meeting = get_meeting(meeting_id, session=session)
    if data.kind == rules.DocumentKind.INSTRUCTION:
        raise InvalidInput("kind", "instructions are drafted through the instruction workflow")
    return DocumentOut.model_validate(new_document(meeting, data, session=session, actor=actor))


def get_document(document_id: str | uuid.UUID, *, session: Session) -> Document:
    return get_row(session, Document, document_id, "document")


def add_version(
    document: Document, data: VersionIn, *, session: Session, actor: Principal
) -> DocumentVersion:
    version = DocumentVersion(
        number=len(document.versions) + 1, text=data.text, note=data.note, author=actor.username
    )
    document.versions.append(version)
    session.flush()
    LOG.record(
        session,
        actor,
        "document.version",
        f"document:{document.id}",
        {"number": version.number, "note": data.note},
    )
    return version


def revise_document(
    document_id: str | uuid.UUID, data: VersionIn, *, session: Session, actor: Principal
) -> DocumentOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    document = get_document(document_id, session=session)
    if document.kind == rules.DocumentKind.INSTRUCTION:
        raise InvalidInput("document", "an instruction's text is revised through its workflow")
    add_version(document, data, session=session, actor=actor)
    return DocumentOut.model_validate(document)


def meeting_documents(meeting_id: str | uuid.UUID, *, session: Session) -> list[DocumentOut]:
    meeting = get_meeting(meeting_id, session=session)
    found = session.scalars(
        select(Document).where(Document.meeting_id == meeting.id).order_by(Document.created_at)
    )
    return [DocumentOut.model_validate(d) for d in found]
