"""Report drafts: edited by section, versioned, compared, cleared by offices with duties
separated, refreshed from new data without losing an edit, finalized into the archive."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import docx
import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.multilateral import services as multilateral
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.schemas import ClearingOfficerIn
from nonpro.reports import services as reports
from nonpro.reports.document import Paragraph
from nonpro.reports.drafts import sections
from nonpro.reports.drafts import services as drafts
from nonpro.reports.drafts.rules import Decision, DraftState
from nonpro.reports.records import NONE as NONE_RECORDS
from nonpro.reports.render import renderer
from nonpro.reports.schemas import (
    ClearanceRequestIn,
    DecisionIn,
    DraftIn,
    DraftOut,
    SectionTextIn,
)
from nonpro.treaties import services as treaties

WRITER = Principal(username="ana", role=Role.ANALYST)
EDITOR = Principal(username="ed", role=Role.ANALYST)
LAWYER = Principal(username="lars", role=Role.MULTILATERAL_OFFICER)
POLICY = Principal(username="mia", role=Role.MULTILATERAL_OFFICER)
CHIEF = Principal(username="chief", role=Role.MULTILATERAL_OFFICER)
OFFICES = ["ISN/MTR", "L/NPV"]
COMMENT = "Pyongyang *again* tested a **solid-fuel** missile.\n\n- first point\n- second point"


@pytest.fixture
def people(db_session: Session, make_user: Any) -> None:
    for who in (WRITER, EDITOR, LAWYER, POLICY, CHIEF):
        make_user(who.username, who.role)
    for office, officer in zip(OFFICES, (LAWYER, POLICY), strict=True):
        appointment = ClearingOfficerIn(office=office, username=officer.username)
        multilateral.appoint_clearing_officer(appointment, session=db_session, actor=CHIEF)
    # Ana's draft is also cleared by no one she could name herself: she clears for nothing.


@pytest.fixture
def draft(db_session: Session, people: None) -> DraftOut:
    data = DraftIn(kind="country", state="North Korea", marking="unclassified")
    return drafts.create_draft(
        data, records=NONE_RECORDS, configured_marking=None, session=db_session, actor=WRITER
    )


def _edit(db_session: Session, found: DraftOut, text: str, actor: Principal = EDITOR) -> DraftOut:
    return drafts.edit_section(
        found.id, "programs", SectionTextIn(text=text), session=db_session, actor=actor
    )


def _decide(
    db_session: Session,
    found: DraftOut,
    office: str,
    actor: Principal,
    decision: Decision,
    comment: str = "",
) -> DraftOut:
    data = DecisionIn(office=office, comment=comment)
    return drafts.decide(found.id, data, decision, session=db_session, actor=actor)


def _request(db_session: Session, found: DraftOut) -> DraftOut:
    data = ClearanceRequestIn.model_validate({"offices": ", ".join(OFFICES)})
    return drafts.request_clearance(found.id, data, session=db_session, actor=WRITER)


def _finalize(db_session: Session, found: DraftOut, actor: Principal = CHIEF) -> DraftOut:
    return drafts.finalize(
        found.id, records=NONE_RECORDS, configured_marking=None, session=db_session, actor=actor
    )


def test_edit_clear_by_two_offices_finalize(db_session: Session, draft: DraftOut) -> None:
    assert draft.state == DraftState.DRAFT and draft.version == 1
    assert all(s.data_driven and s.text == "" for s in draft.sections)
    edited = _edit(db_session, draft, COMMENT)
    assert edited.version == 2
    assert edited.versions[-1].change == "edited 1. Missile programs"
    changes = drafts.diff(draft.id, 1, 2, session=db_session, actor=WRITER)
    assert [(s.id, s.text, s.data) for s in changes.sections] == [
        ("programs", [f"+ {line}" for line in COMMENT.splitlines()], [])
    ]
    found = _request(db_session, edited)
    assert found.state == DraftState.IN_CLEARANCE and found.offices == OFFICES
    found = _decide(db_session, found, "isn/mtr", LAWYER, Decision.CLEARED)
    assert [s.status for s in found.status] == ["cleared", "pending"]
    assert found.state == DraftState.IN_CLEARANCE
    found = _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    assert found.state == DraftState.CLEARED
    final = _finalize(db_session, found)
    assert final.state == DraftState.FINAL and final.finalized_by == "chief"
    assert final.final_pdf and final.final_docx
    archived, content = reports.archived_file(final.final_docx, session=db_session, actor=CHIEF)
    assert archived.parameters["version"] == 2 and archived.parameters["status"] == "final"
    paragraphs = list(docx.Document(io.BytesIO(content)).paragraphs)
    comment = next(p for p in paragraphs if "Pyongyang" in p.text)
    assert comment.text == "(U) Pyongyang again tested a solid-fuel missile."
    assert [r.text for r in comment.runs if r.bold] == ["solid-fuel"]
    assert [r.text for r in comment.runs if r.italic] == ["again"]
    bullets = [p.text for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert bullets == ["(U) first point", "(U) second point"]  # each its own portion
    pdf, _ = reports.archived_file(final.final_pdf, session=db_session, actor=CHIEF)
    assert pdf.file_format == "pdf" and pdf.parameters["draft"] == final.id
    logged = audit.entries(db_session, target=f"report_draft:{final.id}")
    assert [e.action for e in reversed(logged)] == [
        "reports.draft.create",
        "reports.draft.edit",
        "reports.draft.request",
        "reports.draft.cleared",
        "reports.draft.cleared",
        "reports.draft.finalize",
    ]
    with pytest.raises(Conflict, match="final"):
        _edit(db_session, final, "too late")


def test_authors_may_not_clear_and_clearers_may_not_finalize(
    db_session: Session, draft: DraftOut
) -> None:
    # Lars edits a section: he is now an author, and may not clear it for his office.
    found = _request(db_session, _edit(db_session, draft, "Lars's words", actor=LAWYER))
    with pytest.raises(DutiesNotSeparated, match="you wrote this text"):
        _decide(db_session, found, "ISN/MTR", LAWYER, Decision.CLEARED)
    # Mia clears for L/NPV only.
    with pytest.raises(DutiesNotSeparated, match="you do not clear for ISN/MTR"):
        _decide(db_session, found, "ISN/MTR", POLICY, Decision.CLEARED)
    with pytest.raises(InvalidInput, match="PM was not asked"):
        _decide(db_session, found, "PM", POLICY, Decision.CLEARED)
    found = _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    with pytest.raises(Conflict, match="already decided"):
        _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    with pytest.raises(Conflict, match="finalize: not allowed on a draft that is in clearance"):
        _finalize(db_session, found)


def test_finalize_refused_to_the_writer_and_to_a_clearer(
    db_session: Session, draft: DraftOut
) -> None:
    found = _request(db_session, _edit(db_session, draft, "Edited by Ed"))
    found = _decide(db_session, found, "ISN/MTR", LAWYER, Decision.CLEARED)
    found = _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    for who, why in (
        (WRITER, "you wrote this text"),
        (EDITOR, "you wrote this text"),
        (POLICY, "you cleared this text"),
    ):
        with pytest.raises(DutiesNotSeparated, match=why):
            _finalize(db_session, found, actor=who)


def test_return_and_editing_a_cleared_draft_reset_clearance(
    db_session: Session, draft: DraftOut
) -> None:
    found = _request(db_session, draft)
    with pytest.raises(InvalidInput, match="say why"):
        _decide(db_session, found, "ISN/MTR", LAWYER, Decision.RETURNED)
    found = _decide(db_session, found, "ISN/MTR", LAWYER, Decision.RETURNED, "Add a summary.")
    assert found.state == DraftState.DRAFT
    assert found.clearances[-1].comment == "Add a summary."
    found = _request(db_session, _edit(db_session, found, "Summary."))
    assert [s.status for s in found.status] == ["pending", "pending"]  # a new round
    found = _decide(db_session, found, "ISN/MTR", LAWYER, Decision.CLEARED)
    found = _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    assert found.state == DraftState.CLEARED
    edited = _edit(db_session, found, "Summary, amended.")
    assert edited.state == DraftState.DRAFT
    assert [s.status for s in edited.status] == ["pending", "pending"]
    assert len(edited.clearances) == 3  # the history stays


def test_refresh_keeps_the_edits_and_shows_what_changed(
    db_session: Session, draft: DraftOut, operator: Principal
) -> None:
    edited = _edit(db_session, draft, COMMENT)
    unchanged = drafts.refresh_data(
        edited.id, records=NONE_RECORDS, session=db_session, actor=WRITER
    )
    assert unchanged.changed == [] and unchanged.draft.version == 2
    treaties.load_reference(session=db_session, actor=operator)  # new data: treaty status
    refreshed = drafts.refresh_data(
        edited.id, records=NONE_RECORDS, session=db_session, actor=WRITER
    )
    assert refreshed.changed == ["3. Treaties and regimes", "6. Sources and inputs"]
    assert refreshed.draft.version == 3
    texts = {s.id: s.text for s in refreshed.draft.sections}
    assert texts["programs"] == COMMENT
    changes = drafts.diff(draft.id, 2, 3, session=db_session, actor=WRITER)
    assert [s.heading for s in changes.sections] == refreshed.changed
    assert all(s.text == [] for s in changes.sections)  # the office's text is as it was
    assert any(line.startswith("+ ") and "NPT" in line for line in changes.sections[0].data)


def test_office_text_is_never_html(db_session: Session, draft: DraftOut) -> None:
    attack = '<script>alert("x")</script> **<img src=x onerror=alert(1)>**'
    found = _edit(db_session, draft, attack)
    marked = reports.marking_scheme("unclassified", configured=None)
    report = reports.build(
        "country", state="North Korea", session=db_session, actor=WRITER, as_of=None
    )
    stored = [s.model_dump() for s in found.sections]
    document = sections.with_office_text(reports.document_of(report), stored)
    html = renderer("html").render(report, document.mark(marked)).decode()
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>" in html


def test_refusals_name_the_field(db_session: Session, draft: DraftOut) -> None:
    with pytest.raises(InvalidInput, match="unchanged"):
        _edit(db_session, draft, "")
    with pytest.raises(InvalidInput) as refused:
        drafts.diff(draft.id, 1, 9, session=db_session, actor=WRITER)
    assert refused.value.field == "new"
    with pytest.raises(InvalidInput) as refused:
        drafts.create_draft(
            DraftIn(kind="annual", marking="unclassified"),
            records=NONE_RECORDS,
            configured_marking=None,
            session=db_session,
            actor=WRITER,
        )
    assert refused.value.field == "year"


def test_finalize_refused_when_the_data_changed_since_clearance(
    db_session: Session, draft: DraftOut, operator: Principal
) -> None:
    found = _request(db_session, _edit(db_session, draft, "Edited by Ed"))
    found = _decide(db_session, found, "ISN/MTR", LAWYER, Decision.CLEARED)
    found = _decide(db_session, found, "L/NPV", POLICY, Decision.CLEARED)
    treaties.load_reference(session=db_session, actor=operator)
    with pytest.raises(Conflict, match="the data changed since the cleared version"):
        _finalize(db_session, found)
    refreshed = drafts.refresh_data(
        found.id, records=NONE_RECORDS, session=db_session, actor=EDITOR
    )
    assert refreshed.draft.state == DraftState.DRAFT  # cleared text, new data: clear it again
    assert [s.status for s in refreshed.draft.status] == ["pending", "pending"]


def test_the_office_rewrites_the_transmittal_letter(db_session: Session, people: None) -> None:
    data = DraftIn(
        kind="emergency",
        start=date(2025, 5, 15),
        end=date(2025, 11, 14),
        expenses=Decimal("1250000"),
        marking="cui",
    )
    found = drafts.create_draft(
        data, records=NONE_RECORDS, configured_marking=None, session=db_session, actor=WRITER
    )
    letter = next(s for s in found.sections if not s.data_driven)
    assert letter.text  # the generated letter, to be rewritten
    found = drafts.edit_section(
        found.id, letter.id, SectionTextIn(text="Dear Mr. Speaker:\n\nThe office's letter."),
        session=db_session, actor=EDITOR,
    )  # fmt: skip
    report = reports.build(
        "emergency", start=data.start, end=data.end, expenses=data.expenses,
        session=db_session, actor=WRITER,
    )  # fmt: skip
    stored = [s.model_dump() for s in found.sections]
    document = sections.with_office_text(reports.document_of(report), stored)
    (written,) = [s for s in document.all_sections() if s.id == letter.id]
    texts = [b.text for b in written.blocks if isinstance(b, Paragraph)]
    assert texts == ["Dear Mr. Speaker:", "The office's letter."]
