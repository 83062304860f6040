"""Use cases of report drafts: generate a draft, edit its sections, refresh its data, have it
cleared by offices, finalize it into the archive.

Every change is a new version (``DraftVersion``) and an audit entry. Clearance is the
instructions': only an officer named to clear for an office (``multilateral.clearing``) clears
or returns for it, and duties are separated as ``multilateral.rules.duty_conflict`` says: whoever
wrote text in the draft neither clears nor finalizes it, whoever cleared it does not finalize it.
"""

from __future__ import annotations

import copy
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values, get_row
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.multilateral.clearing import require_clearing_officer
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.rules import Action, duty_conflict
from nonpro.reports import services as reports
from nonpro.reports.document import Document
from nonpro.reports.drafts import sections
from nonpro.reports.drafts.rules import Decision, DraftAction, DraftState, allowed, next_state
from nonpro.reports.models import DraftClearance, DraftVersion, ReportDraft
from nonpro.reports.schemas import (
    ClearanceRequestIn,
    DecisionIn,
    DraftDiff,
    DraftIn,
    DraftOut,
    OfficeRecords,
    OfficeStatus,
    RefreshOut,
    Report,
    SectionTextIn,
)

PENDING = "pending"


def _parameters(data: DraftIn, report: Report) -> dict[str, Any]:
    """What the report is rebuilt from; the as-of date is the report's own, so a refresh asks
    for the same period and only the data may differ."""
    return {
        "year": data.year,
        "countries": data.countries,
        "start": data.start.isoformat() if data.start else None,
        "end": data.end.isoformat() if data.end else None,
        "state": data.state,
        "as_of": report.as_of.isoformat(),
        "expenses": str(data.expenses) if data.expenses is not None else None,
    }


def _rebuild(
    row: ReportDraft, *, records: OfficeRecords, session: Session, actor: Principal
) -> tuple[Report, Document]:
    found = row.parameters

    def day(key: str) -> date | None:
        return date.fromisoformat(found[key]) if found.get(key) else None

    report = reports.build(
        row.kind,
        session=session,
        actor=actor,
        year=found.get("year"),
        countries=found.get("countries"),
        start=day("start"),
        end=day("end"),
        state=found.get("state"),
        as_of=day("as_of"),
        records=records,
        expenses=Decimal(found["expenses"]) if found.get("expenses") else None,
    )
    return report, reports.document_of(report)


def _latest(row: ReportDraft) -> DraftVersion:
    return row.versions[-1]


def _status(row: ReportDraft) -> list[OfficeStatus]:
    decided = {c.office: c for c in row.clearances if c.round == row.round}
    found = []
    for office in row.offices:
        decision = decided.get(office)
        found.append(
            OfficeStatus(
                office=office,
                status=decision.decision if decision else PENDING,
                officer=decision.officer if decision else None,
                comment=decision.comment if decision else "",
            )
        )
    return found


def draft_out(row: ReportDraft) -> DraftOut:
    latest = _latest(row)
    return DraftOut.model_validate(
        {
            **column_values(row),
            "id": str(row.id),
            "final_pdf": str(row.final_pdf) if row.final_pdf else None,
            "final_docx": str(row.final_docx) if row.final_docx else None,
            "version": latest.number,
            "sections": latest.sections,
            "versions": row.versions,
            "clearances": row.clearances,
            "status": _status(row),
            "allowed": [a.value for a in allowed(DraftState(row.state))],
        }
    )


def _log(session: Session, actor: Principal, action: str, row: ReportDraft, **payload: Any) -> None:
    audit.record_by(session, actor, f"reports.draft.{action}", f"report_draft:{row.id}", payload)


def _step(row: ReportDraft, action: DraftAction) -> DraftState:
    state = DraftState(row.state)
    after = next_state(state, action)
    if after is None:
        now = ", ".join(a.value for a in allowed(state)) or "nothing: it is final"
        shown = state.value.replace("_", " ")
        raise Conflict(f"{action.value}: not allowed on a draft that is {shown}; allowed: {now}")
    return after


def _add_version(
    row: ReportDraft, stored: list[dict[str, Any]], *, change: str, edited: bool, actor: Principal
) -> DraftVersion:
    version = DraftVersion(
        number=_latest(row).number + 1 if row.versions else 1,
        change=change,
        edited=edited,
        sections=stored,
        author=actor.username,
        at=utcnow(),
    )
    row.versions.append(version)
    return version


def create_draft(
    data: DraftIn,
    *,
    records: OfficeRecords,
    configured_marking: str | None,
    session: Session,
    actor: Principal,
) -> DraftOut:
    """Generate the report ``data`` asks for and keep it as version 1 of a new draft."""
    require(actor, Permission.WRITE_REPORTS)
    scheme = reports.marking_scheme(data.marking, configured=configured_marking)
    report = reports.build(
        data.kind,
        session=session,
        actor=actor,
        year=data.year,
        countries=data.countries,
        start=data.start,
        end=data.end,
        state=data.state,
        as_of=data.as_of,
        records=records,
        expenses=data.expenses,
    )
    row = ReportDraft(
        kind=data.kind,
        title=report.title,
        parameters=_parameters(data, report),
        marking=scheme.name,
        state=DraftState.DRAFT,
        offices=[],
        round=0,
        created_by=actor.username,
        created_at=utcnow(),
    )
    _add_version(
        row,
        sections.snapshot(reports.document_of(report)),
        change="generated",
        edited=True,
        actor=actor,
    )
    session.add(row)
    session.flush()
    _log(session, actor, "create", row, kind=data.kind, parameters=row.parameters)
    return draft_out(row)


def _get(draft_id: str | uuid.UUID, session: Session) -> ReportDraft:
    return get_row(session, ReportDraft, draft_id, "report draft")


def get_draft(draft_id: str | uuid.UUID, *, session: Session, actor: Principal) -> DraftOut:
    require(actor, Permission.READ)
    return draft_out(_get(draft_id, session))


def list_drafts(*, session: Session, actor: Principal, limit: int = 200) -> list[DraftOut]:
    """Drafts, newest first."""
    require(actor, Permission.READ)
    rows = session.scalars(select(ReportDraft).order_by(ReportDraft.created_at.desc()).limit(limit))
    return [draft_out(row) for row in rows]


def _back_to_draft(row: ReportDraft, after: DraftState) -> bool:
    """Whether a change sent a draft in or after clearance back (its clearances no longer
    count: they were given to the text before)."""
    sent_back = row.state != DraftState.DRAFT
    row.state = after
    if sent_back:
        row.round += 1  # a new round: the offices' decisions so far were on the old text
    return sent_back


def edit_section(
    draft_id: str | uuid.UUID,
    section_id: str,
    data: SectionTextIn,
    *,
    session: Session,
    actor: Principal,
) -> DraftOut:
    """Save the office text of one section as a new version; a draft in clearance or cleared
    goes back to draft, its clearances reset."""
    require(actor, Permission.WRITE_REPORTS)
    row = _get(draft_id, session)
    after = _step(row, DraftAction.EDIT)
    stored = [dict(s) for s in _latest(row).sections]
    section = next((s for s in stored if s["id"] == section_id), None)
    if section is None:
        raise NotFound("section", section_id)
    if section["text"] == data.text:
        raise InvalidInput("text", "the text is unchanged: nothing to save")
    section["text"] = data.text
    version = _add_version(
        row, stored, change=f"edited {section['heading']}", edited=True, actor=actor
    )
    sent_back = _back_to_draft(row, after)
    session.flush()
    _log(
        session,
        actor,
        "edit",
        row,
        section=section_id,
        version=version.number,
        clearances_reset=sent_back,
    )
    return draft_out(row)


def refresh_data(
    draft_id: str | uuid.UUID, *, records: OfficeRecords, session: Session, actor: Principal
) -> RefreshOut:
    """Rebuild the data-driven sections from the current data, keeping every office text; a new
    version only when the data changed (a changed draft in clearance goes back to draft)."""
    require(actor, Permission.WRITE_REPORTS)
    row = _get(draft_id, session)
    after = _step(row, DraftAction.EDIT)
    previous = _latest(row).sections
    _, document = _rebuild(row, records=records, session=session, actor=actor)
    stored = sections.snapshot(document, previous)
    changed = sections.changed_data(previous, stored)
    if changed:
        version = _add_version(row, stored, change="data refreshed", edited=False, actor=actor)
        sent_back = _back_to_draft(row, after)
        session.flush()
        _log(
            session,
            actor,
            "refresh",
            row,
            version=version.number,
            changed=changed,
            clearances_reset=sent_back,
        )
    return RefreshOut(draft=draft_out(row), changed=changed)


def request_clearance(
    draft_id: str | uuid.UUID, data: ClearanceRequestIn, *, session: Session, actor: Principal
) -> DraftOut:
    """Ask ``data.offices`` to clear the latest version: a new round of clearance."""
    require(actor, Permission.WRITE_REPORTS)
    row = _get(draft_id, session)
    row.state = _step(row, DraftAction.REQUEST)
    row.offices = data.offices
    row.round += 1
    session.flush()
    _log(session, actor, "request", row, offices=data.offices, version=_latest(row).number)
    return draft_out(row)


def _authors(row: ReportDraft) -> set[str]:
    return {row.created_by} | {v.author for v in row.versions if v.edited}


def _clearers(row: ReportDraft) -> set[str]:
    return {
        c.officer for c in row.clearances if c.round == row.round and c.decision == Decision.CLEARED
    }


def decide(
    draft_id: str | uuid.UUID,
    data: DecisionIn,
    decision: Decision,
    *,
    session: Session,
    actor: Principal,
) -> DraftOut:
    """Clear, or return with a comment, for one office asked this round, by one of its
    clearing officers who wrote none of the text. Every office cleared: the draft is cleared;
    a return sends it back to draft."""
    require(actor, Permission.READ)
    row = _get(draft_id, session)
    action = DraftAction.CLEAR if decision is Decision.CLEARED else DraftAction.RETURN
    after = _step(row, action)
    if data.office not in row.offices:
        asked = ", ".join(row.offices)
        raise InvalidInput("office", f"{data.office} was not asked to clear (asked: {asked})")
    if any(s.office == data.office and s.status != PENDING for s in _status(row)):
        raise Conflict(f"{data.office} has already decided on this version")
    if decision is Decision.RETURNED and not data.comment.strip():
        raise InvalidInput("comment", "say why the draft is returned")
    problem = duty_conflict(
        Action.CLEAR, actor=actor.username, authors=_authors(row), clearers=set()
    )
    if problem:
        raise DutiesNotSeparated("office", f"{action.value}: {problem}")
    require_clearing_officer(data.office, session=session, actor=actor)
    row.clearances.append(
        DraftClearance(
            round=row.round,
            version=_latest(row).number,
            office=data.office,
            decision=decision,
            comment=data.comment.strip(),
            officer=actor.username,
            at=utcnow(),
        )
    )
    if decision is Decision.RETURNED:
        row.state = after
    elif all(s.status == Decision.CLEARED for s in _status(row)):
        row.state = DraftState.CLEARED
    session.flush()
    _log(session, actor, decision.value, row, office=data.office, comment=data.comment)
    return draft_out(row)


def finalize(
    draft_id: str | uuid.UUID,
    *,
    records: OfficeRecords,
    configured_marking: str | None,
    session: Session,
    actor: Principal,
) -> DraftOut:
    """Render the cleared version as the final PDF and DOCX, with the office's text and the
    markings, into the archive. Refused to its authors and clearers, and when the data no
    longer gives the cleared content (refresh it and clear it again)."""
    require(actor, Permission.WRITE_REPORTS)
    row = _get(draft_id, session)
    after = _step(row, DraftAction.FINALIZE)
    problem = duty_conflict(
        Action.APPROVE, actor=actor.username, authors=_authors(row), clearers=_clearers(row)
    )
    if problem:
        raise DutiesNotSeparated("action", f"finalize: {problem}")
    cleared = _latest(row)
    scheme = reports.marking_scheme(row.marking, configured=configured_marking)
    report, built = _rebuild(row, records=records, session=session, actor=actor)
    if sections.changed_data(cleared.sections, sections.snapshot(built)):
        raise Conflict(
            "finalize: the data changed since the cleared version; refresh the data "
            "and have the draft cleared again"
        )
    archived: dict[str, str] = {}
    for file_format in ("pdf", "docx"):
        # Each format gets its own copy: the office's text and the marks are set on the blocks.
        document = sections.with_office_text(copy.deepcopy(built), cleared.sections)
        document.mark(scheme)
        if document.draft:
            reasons = "; ".join(document.draft)
            raise InvalidInput("final", f"a final report cannot be made yet: {reasons}")
        made = reports.archive_document(
            report,
            document,
            file_format=file_format,
            session=session,
            actor=actor,
            extra={"draft": str(row.id), "version": cleared.number},
        )
        archived[file_format] = made.archived.id
    row.final_pdf, row.final_docx = uuid.UUID(archived["pdf"]), uuid.UUID(archived["docx"])
    row.state, row.finalized_by, row.finalized_at = after, actor.username, utcnow()
    session.flush()
    _log(session, actor, "finalize", row, version=cleared.number, files=archived)
    return draft_out(row)


def diff(
    draft_id: str | uuid.UUID, old: int, new: int, *, session: Session, actor: Principal
) -> DraftDiff:
    """What changed from version ``old`` to version ``new``, per section."""
    require(actor, Permission.READ)
    row = _get(draft_id, session)
    numbered = {v.number: v for v in row.versions}
    for field, number in (("old", old), ("new", new)):
        if number not in numbered:
            raise InvalidInput(
                field, f"version {number} is not a version of this draft (1–{len(numbered)})"
            )
    return DraftDiff(
        draft=str(row.id),
        old=old,
        new=new,
        sections=sections.diff(numbered[old].sections, numbered[new].sections),
    )
