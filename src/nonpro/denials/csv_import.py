"""Importing denial notifications from CSV (a partner's list, the regime's circulated list): the
good rows are stored, the bad ones named by line and column.

Columns (header line required; ``#`` comment lines before it are skipped):
``reference, notifying_partner, notified_on, item_description, end_user, end_user_country``
(required), ``annex_entry, reason, source`` (optional). ``notified_on`` is YYYY-MM-DD. A row whose
reference is already in the register, or on an earlier line, is left out: a notification is
recorded once, and a correction is a withdrawal and a new notification. A file with no good row
stores nothing.
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
from nonpro.denials.errors import UnreadableRegisterFile
from nonpro.denials.models import DenialNotification
from nonpro.denials.records import LOG, values_of
from nonpro.denials.rules import DenialStatus
from nonpro.denials.schemas import DenialImport, DenialIn
from nonpro.registers.csv_rows import read_rows

REQUIRED: Final = (
    "reference",
    "notifying_partner",
    "notified_on",
    "item_description",
    "end_user",
    "end_user_country",
)
OPTIONAL: Final = ("annex_entry", "reason", "source")


def _row(raw: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {k: v for k, v in raw.items() if v != ""}
    values["notified_on"] = parse_day(raw.get("notified_on", ""), "notified_on")
    try:
        data = DenialIn.model_validate(values)
    except ValidationError as exc:
        raise first_problem(exc) from None
    return values_of(data)


def import_csv(
    text: str, *, origin: str, session: Session, actor: Principal, strict: bool = False
) -> DenialImport:
    """Read every row; store the good ones, report the others by line and column (``strict``:
    store nothing if any row is bad)."""
    require(actor, Permission.MANAGE_CASES)
    problems = RowProblems(origin)
    rows = read_rows(
        text, origin=origin, required=REQUIRED, allowed=REQUIRED + OPTIONAL, problems=problems
    )
    stored = set(session.scalars(select(DenialNotification.reference)))
    parsed: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        with problems.reading(f"line {line}"):
            values = _row(raw)
            reference = values["reference"]
            if reference in first_line:
                problems.add(
                    f"line {line}",
                    "reference",
                    f"{reference!r} is already on line {first_line[reference]}",
                )
                continue
            first_line[reference] = line
            if reference in stored:
                problems.add(f"line {line}", "reference", f"{reference!r} is already recorded")
                continue
            parsed.append(values)
    problems.settle(strict=strict, good=len(parsed))
    if not parsed:
        raise UnreadableRegisterFile(origin, "no denial notifications in the file")
    for values in parsed:
        session.add(
            DenialNotification(
                **values,
                status=DenialStatus.IN_FORCE.value,
                created_by=actor.username,
                updated_at=utcnow(),
            )
        )
    session.flush()
    added = [values["reference"] for values in parsed]
    LOG.record(
        session,
        actor,
        "import",
        origin,
        {"added": added, **problems.audit(), "rows_stored": len(added)},
    )
    return DenialImport(
        added=added, rejected=problems.rows[:REPORTED_ROWS], report=problems.report(len(added))
    )
