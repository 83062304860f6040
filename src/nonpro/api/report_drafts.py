"""Report drafts over HTTP: generate, edit a section, refresh the data, request clearance, clear
or return for an office, finalize, compare versions, download the final files."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nonpro.core.errors import NotFound
from nonpro.core.settings import Settings
from nonpro.http.downloads import download
from nonpro.http.signin import Reader, ReportWriter
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.reports import services as reports
from nonpro.reports.drafts import services
from nonpro.reports.drafts.rules import Decision
from nonpro.reports.schemas import (
    ClearanceRequestIn,
    DecisionIn,
    DraftDiff,
    DraftIn,
    DraftOut,
    RefreshOut,
    SectionTextIn,
)

router = APIRouter(route_class=SessionRoute, prefix="/reports/drafts", tags=["reports"])


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.post("", response_model=DraftOut, status_code=201)
def create(data: DraftIn, request: Request, session: SessionDep, actor: ReportWriter) -> DraftOut:
    """Generate a report as version 1 of a draft."""
    settings = _settings(request)
    return services.create_draft(
        data,
        records=reports.office_records(settings.report_records),
        configured_marking=settings.marking_scheme,
        session=session,
        actor=actor,
    )


@router.get("", response_model=list[DraftOut])
def drafts(session: SessionDep, actor: Reader) -> list[DraftOut]:
    """Drafts, newest first."""
    return services.list_drafts(session=session, actor=actor)


@router.get("/{draft_id}", response_model=DraftOut)
def draft(draft_id: str, session: SessionDep, actor: Reader) -> DraftOut:
    """A draft: its sections as in the latest version, its versions and clearances."""
    return services.get_draft(draft_id, session=session, actor=actor)


@router.put("/{draft_id}/sections/{section_id}", response_model=DraftOut)
def edit_section(
    draft_id: str, section_id: str, data: SectionTextIn, session: SessionDep, actor: ReportWriter
) -> DraftOut:
    """Save a section's office text as a new version (a draft in or after clearance goes back
    to draft)."""
    return services.edit_section(draft_id, section_id, data, session=session, actor=actor)


@router.post("/{draft_id}/refresh", response_model=RefreshOut)
def refresh(
    draft_id: str, request: Request, session: SessionDep, actor: ReportWriter
) -> RefreshOut:
    """Rebuild the data-driven sections from the current data, keeping the office's text."""
    records = reports.office_records(_settings(request).report_records)
    return services.refresh_data(draft_id, records=records, session=session, actor=actor)


@router.post("/{draft_id}/clearance", response_model=DraftOut)
def request_clearance(
    draft_id: str, data: ClearanceRequestIn, session: SessionDep, actor: ReportWriter
) -> DraftOut:
    """Ask offices to clear the latest version."""
    return services.request_clearance(draft_id, data, session=session, actor=actor)


@router.post("/{draft_id}/clear", response_model=DraftOut)
def clear(draft_id: str, data: DecisionIn, session: SessionDep, actor: Reader) -> DraftOut:
    """Clear for an office (its clearing officer, who wrote none of the text)."""
    return services.decide(draft_id, data, Decision.CLEARED, session=session, actor=actor)


@router.post("/{draft_id}/return", response_model=DraftOut)
def return_draft(draft_id: str, data: DecisionIn, session: SessionDep, actor: Reader) -> DraftOut:
    """Return to the authors for an office, with a comment."""
    return services.decide(draft_id, data, Decision.RETURNED, session=session, actor=actor)


@router.post("/{draft_id}/finalize", response_model=DraftOut)
def finalize(draft_id: str, request: Request, session: SessionDep, actor: ReportWriter) -> DraftOut:
    """Render the cleared version as the final PDF and DOCX into the archive."""
    settings = _settings(request)
    return services.finalize(
        draft_id,
        records=reports.office_records(settings.report_records),
        configured_marking=settings.marking_scheme,
        session=session,
        actor=actor,
    )


@router.get("/{draft_id}/diff", response_model=DraftDiff)
def diff(draft_id: str, old: int, new: int, session: SessionDep, actor: Reader) -> DraftDiff:
    """Per section, the lines added and removed from version ``old`` to version ``new``."""
    return services.diff(draft_id, old, new, session=session, actor=actor)


@router.get("/{draft_id}/final/{file_format}", response_class=Response)
def final_file(
    draft_id: str, file_format: Literal["pdf", "docx"], session: SessionDep, actor: Reader
) -> Response:
    """The final report's PDF or DOCX (once the draft is final)."""
    found = services.get_draft(draft_id, session=session, actor=actor)
    archived_id = found.final_pdf if file_format == "pdf" else found.final_docx
    if archived_id is None:
        raise NotFound("final report of draft", draft_id)
    archived, content = reports.archived_file(archived_id, session=session, actor=actor)
    return download(content, archived.filename, archived.media_type)
