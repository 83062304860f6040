"""Case documents on both databases: type, size and hash checks; bytes kept and read back."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import documents, services
from nonpro.cases.errors import BadDocument
from nonpro.cases.schemas import CaseIn
from nonpro.core import audit
from nonpro.core.errors import PermissionDenied
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


@pytest.fixture
def case_id(db_session: Session, provider: IndexProvider, analyst: Principal) -> str:
    data = CaseIn.model_validate(case_json("DOC-1"))
    case = services.create_case(data, session=db_session, provider=provider, actor=analyst)
    return str(case.id)


def test_a_document_is_stored_with_hash_size_and_type(
    db_session: Session, case_id: str, analyst: Principal
) -> None:
    doc = documents.add_document(
        case_id, "C:\\scans\\eus.pdf", PDF, session=db_session, actor=analyst
    )
    assert (doc.filename, doc.media_type, doc.size) == ("eus.pdf", "application/pdf", len(PDF))
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
    again = documents.add_document(case_id, "copy.pdf", PDF, session=db_session, actor=analyst)
    assert again.id == doc.id  # the same bytes are stored once
    read = documents.get_document("DOC-1", doc.id, session=db_session, actor=analyst)
    assert read.content == PDF
    assert audit.entries(db_session, target="case:DOC-1", action="case.document")


@pytest.mark.parametrize(
    ("filename", "content", "problem"),
    [
        ("eus.exe", b"MZ\x90\x00", "is not accepted"),
        ("eus.pdf", b"MZ\x90\x00", "does not look like application/pdf"),
        ("photo.png", PDF, "does not look like image/png"),
        ("notes.txt", b"\xff\xfe\x00bad", "is not UTF-8 text"),
        ("empty.pdf", b"", "is empty"),
        ("big.pdf", b"%PDF-" + b"0" * documents.MAX_DOCUMENT_BYTES, "the limit is"),
    ],
)
def test_bad_documents_are_refused(
    db_session: Session,
    case_id: str,
    analyst: Principal,
    filename: str,
    content: bytes,
    problem: str,
) -> None:
    with pytest.raises(BadDocument, match=problem):
        documents.add_document(case_id, filename, content, session=db_session, actor=analyst)


def test_viewers_may_not_attach(db_session: Session, case_id: str) -> None:
    viewer = Principal(username="v", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        documents.add_document(case_id, "a.txt", b"hello", session=db_session, actor=viewer)
