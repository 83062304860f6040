"""Use cases of the reports capability: build a report's figures, render them, archive the file."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.db import column_values
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.reports.annual import build_annual
from nonpro.reports.charts import bar_chart as bar_chart
from nonpro.reports.document import Document
from nonpro.reports.emergency import build_emergency
from nonpro.reports.layout import annual_document
from nonpro.reports.layout_emergency import emergency_document
from nonpro.reports.layout_profile import profile_document
from nonpro.reports.markings import MarkingScheme, choices, resolve
from nonpro.reports.models import ArchivedReport
from nonpro.reports.profile import build_country_profile
from nonpro.reports.records import NONE, load_records
from nonpro.reports.render import renderer
from nonpro.reports.schemas import (
    AnnualReport,
    ArchivedOut,
    CountryProfile,
    EmergencyReport,
    GeneratedReport,
    OfficeRecords,
    Report,
)


def marking_scheme(
    choice: str | None, *, configured: str | None, allow_files: bool = False
) -> MarkingScheme:
    """The scheme a report is exported in: ``choice``, else the configured one; refused
    (``InvalidInput`` naming "marking") when neither is set."""
    return resolve(choice, configured=configured, allow_files=allow_files)


def marking_choices(configured: str | None) -> list[str]:
    """The scheme names a form or the API may offer."""
    return list(choices(configured))


def expenses_amount(text: str | None) -> Decimal | None:
    """The expenses figure as typed ("1,250,000", "$2,500.50"); None when left blank."""
    cleaned = (text or "").strip().replace(",", "").removeprefix("$")
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput("expenses", f"{text!r} is not an amount in U.S. dollars") from None


def office_records(path: Path | None) -> OfficeRecords:
    """The office's MTCR, HCOC and regulatory records (none without a file)."""
    return load_records(path)


def annual(
    year: int,
    *,
    session: Session,
    actor: Principal,
    countries: list[str] | None = None,
    as_of: date | None = None,
    records: OfficeRecords = NONE,
) -> AnnualReport:
    require(actor, Permission.READ)
    return build_annual(year, session=session, countries=countries, as_of=as_of, records=records)


def emergency(
    start: date,
    end: date,
    *,
    session: Session,
    actor: Principal,
    records: OfficeRecords = NONE,
    expenses: Decimal | None = None,
) -> EmergencyReport:
    require(actor, Permission.READ)
    return build_emergency(start, end, session=session, records=records, expenses=expenses)


def country(state: str, *, as_of: date, session: Session, actor: Principal) -> CountryProfile:
    require(actor, Permission.READ)
    return build_country_profile(state, as_of=as_of, session=session)


def build(
    kind: str,
    *,
    session: Session,
    actor: Principal,
    year: int | None = None,
    countries: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    state: str | None = None,
    as_of: date | None = None,
    records: OfficeRecords = NONE,
    expenses: Decimal | None = None,
) -> Report:
    """The figures of any report by kind: what the API and the web form ask for."""
    if kind == "annual":
        if year is None:
            raise InvalidInput("year", "the annual report needs a year")
        return annual(
            year, session=session, actor=actor, countries=countries, as_of=as_of, records=records
        )
    if kind == "emergency":
        if start is None or end is None:
            raise InvalidInput("start", "the emergency report needs its first and last day")
        return emergency(
            start, end, session=session, actor=actor, records=records, expenses=expenses
        )
    if kind == "country":
        if not state:
            raise InvalidInput("state", "the country profile needs a state")
        return country(state, as_of=as_of or today(), session=session, actor=actor)
    raise InvalidInput("kind", "one of annual, emergency, country")


def document_of(report: Report) -> Document:
    if isinstance(report, AnnualReport):
        return annual_document(report)
    if isinstance(report, EmergencyReport):
        return emergency_document(report)
    return profile_document(report)


def _filename(report: Report, suffix: str) -> str:
    if isinstance(report, AnnualReport):
        stem = f"annual-report-{report.year}"
    elif isinstance(report, EmergencyReport):
        stem = f"emergency-report-{report.start.isoformat()}-{report.end.isoformat()}"
    else:
        stem = f"country-profile-{report.country}-{report.as_of.isoformat()}"
    return f"{stem}.{suffix}"


def _parameters(report: Report) -> dict[str, object]:
    if isinstance(report, AnnualReport):
        return {"year": report.year, "countries": [c.country for c in report.countries]}
    if isinstance(report, EmergencyReport):
        return {"from": report.start.isoformat(), "to": report.end.isoformat()}
    return {"state": report.country}


def archived_out(row: ArchivedReport) -> ArchivedOut:
    return ArchivedOut.model_validate({**column_values(row), "id": str(row.id)})


def marked_document(
    report: Report, marking: MarkingScheme | None, *, final: bool = False
) -> Document:
    """The report's document with every portion marked in ``marking``; refused without a
    scheme, and, when ``final`` is asked, while the document is still a draft."""
    if marking is None:
        raise InvalidInput("marking", "no marking set: a report is exported only with its markings")
    document = document_of(report).mark(marking)
    if final and document.draft:
        field = "expenses" if isinstance(report, EmergencyReport) else "final"
        raise InvalidInput(field, "a final report cannot be made yet: " + "; ".join(document.draft))
    return document


def render(
    report: Report, file_format: str, *, marking: MarkingScheme | None, final: bool = False
) -> bytes:
    """The report in ``file_format`` (pdf, docx, html, json), marked, without archiving it."""
    chosen = renderer(file_format)
    return chosen.render(report, marked_document(report, marking, final=final))


def generate(
    report: Report,
    *,
    file_format: str,
    marking: MarkingScheme | None,
    session: Session,
    actor: Principal,
    final: bool = False,
) -> GeneratedReport:
    """Render ``report`` marked in ``marking`` and keep the file in the archive with its input
    hash; flushes. Refused (nothing archived) without a marking scheme."""
    require(actor, Permission.WRITE_REPORTS)
    document = marked_document(report, marking, final=final)
    return archive_document(report, document, file_format=file_format, session=session, actor=actor)


def archive_document(
    report: Report,
    document: Document,
    *,
    file_format: str,
    session: Session,
    actor: Principal,
    extra: dict[str, object] | None = None,
) -> GeneratedReport:
    """Render ``document`` (marked; the figures are ``report``'s) and keep the file in the
    archive, ``extra`` added to its parameters (a draft's id and version); flushes."""
    require(actor, Permission.WRITE_REPORTS)
    chosen = renderer(file_format)
    content = chosen.render(report, document)
    parameters = {
        **_parameters(report),
        **(extra or {}),
        "marking": document.banner,
        "status": "draft" if document.draft else "final",
    }
    row = ArchivedReport(
        kind=report.kind,
        title=report.title,
        parameters=parameters,
        as_of=report.as_of,
        input_hash=report.input_hash,
        file_format=file_format,
        filename=_filename(report, chosen.suffix),
        media_type=chosen.media_type,
        size=len(content),
        content=content,
        generated_by=actor.username,
    )
    session.add(row)
    session.flush()
    audit.record_by(
        session,
        actor,
        "reports.generate",
        f"report:{row.id}",
        {
            "kind": report.kind,
            **parameters,
            "format": file_format,
            "input_hash": report.input_hash,
        },
    )
    return GeneratedReport(archived=archived_out(row), content=content)


def archive(*, session: Session, actor: Principal, limit: int = 200) -> list[ArchivedOut]:
    """The archive, newest first."""
    require(actor, Permission.READ)
    rows = session.scalars(
        select(ArchivedReport).order_by(ArchivedReport.generated_at.desc()).limit(limit)
    )
    return [archived_out(r) for r in rows]


def archived_file(
    report_id: str, *, session: Session, actor: Principal
) -> tuple[ArchivedOut, bytes]:
    require(actor, Permission.READ)
    try:
        key = uuid.UUID(report_id)
    except ValueError:
        raise InvalidInput("id", f"{report_id!r} is not a report id") from None
    row = session.get(ArchivedReport, key)
    if row is None:
        raise NotFound("report", report_id)
    return archived_out(row), row.content
