"""Importing agreements from CSV: the good rows are stored, the bad ones reported.

Columns (header line required; ``#`` comment lines before it are skipped):
``key, kind, title, partner`` (required), ``partner_name, signed, in_force, expires, terminated,
scope, consent_rights, safeguards_basis, remind_days, source, note`` (optional). Dates are
YYYY-MM-DD. A row whose key is already in the register updates that agreement. A row that
cannot be read (a bad date, an unknown partner, a key already on an earlier line) is left out and
returned in ``rejected`` (and the ``report``) with its line and column; a file with no good row
stores nothing, nor, with ``strict``, a file with any bad row.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.clock import utcnow
from nonpro.core.rejected_rows import REPORTED_ROWS, RowProblems
from nonpro.core.validation import first_problem, parse_day
from nonpro.registers.agreements.models import Agreement
from nonpro.registers.agreements.records import resolve_partner
from nonpro.registers.agreements.schemas import AgreementImport, AgreementIn
from nonpro.registers.audit_log import LOG
from nonpro.registers.csv_rows import parse_int, read_rows
from nonpro.registers.errors import UnreadableRegisterFile

REQUIRED: Final = ("key", "kind", "title", "partner")
OPTIONAL: Final = (
    "partner_name",
    "signed",
    "in_force",
    "expires",
    "terminated",
    "scope",
    "consent_rights",
    "safeguards_basis",
    "remind_days",
    "source",
    "note",
)
DATES: Final = ("signed", "in_force", "expires", "terminated")


def _row(raw: dict[str, str]) -> tuple[AgreementIn, str, str]:
    values: dict[str, Any] = {k: v for k, v in raw.items() if v != "" and k not in DATES}
    for name in DATES:
        values[name] = parse_day(raw.get(name, ""), name)
    if raw.get("remind_days"):
        values["remind_days"] = parse_int(raw["remind_days"], "remind_days")
    if "kind" in values:
        values["kind"] = values["kind"].lower().replace("-", "_").replace(" ", "_")
    try:
        data = AgreementIn.model_validate(values)
    except ValidationError as exc:
        raise first_problem(exc) from None
    code, name = resolve_partner(data.partner)
    return data, code, data.partner_name or name


def import_csv(
    text: str, *, origin: str, session: Session, actor: Principal, strict: bool = False
) -> AgreementImport:
    """Read every row; store the good ones, report the others by line and column (``strict``:
    store nothing if any row is bad)."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    problems = RowProblems(origin)
    rows = read_rows(
        text, origin=origin, required=REQUIRED, allowed=REQUIRED + OPTIONAL, problems=problems
    )
    parsed: list[tuple[AgreementIn, str, str]] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        with problems.reading(f"line {line}"):
            data, code, name = _row(raw)
            if data.key in first_line:
                problems.add(
                    f"line {line}", "key", f"{data.key!r} is already on line {first_line[data.key]}"
                )
                continue
            first_line[data.key] = line
            parsed.append((data, code, name))
    problems.settle(strict=strict, good=len(parsed))
    if not parsed:
        raise UnreadableRegisterFile(origin, "no agreements in the file")
    added: list[str] = []
    updated: list[str] = []
    for data, code, name in parsed:
        values = data.model_dump(exclude={"partner", "partner_name"})
        values.update(partner=code, partner_name=name, updated_at=utcnow())
        found = session.scalar(select(Agreement).where(Agreement.key == data.key))
        if found is None:
            session.add(Agreement(**values, created_by=actor.username))
            added.append(data.key)
        else:
            for field, value in values.items():
                setattr(found, field, value)
            updated.append(data.key)
    session.flush()
    LOG.record(
        session,
        actor,
        "agreement.import",
        f"agreement:{origin}",
        {"added": added, "updated": updated, **problems.audit(), "rows_stored": len(parsed)},
    )
    return AgreementImport(
        added=added,
        updated=updated,
        rejected=problems.rows[:REPORTED_ROWS],
        report=problems.report(len(parsed)),
    )
