"""Import of another state's report to the UN Register, in the national report's CSV layout
(``report_csv``), for comparison in the mirror view.

A state's report for a year is one data set: importing it again replaces what it said before,
in the caller's transaction, and a broken file changes nothing. A row that cannot be read is
refused and the others stored (none with ``strict``); the data set's counts say how many were
refused (``refused_rows``), and the mirror view names the report as incomplete.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.rejected_rows import RowProblems
from nonpro.registers.arms.models import ArmsBackground, ArmsTransfer
from nonpro.registers.arms.report_csv import parse_report_csv
from nonpro.registers.arms.schemas import FIRST_YEAR, DatasetOut, require_state, state_name
from nonpro.registers.arms.transfers import new_dataset, report_dataset
from nonpro.registers.audit_log import LOG


def import_state_report(
    path: Path,
    *,
    state: str,
    year: int,
    session: Session,
    actor: Principal,
    origin: str = "",
    strict: bool = False,
) -> DatasetOut:
    """Read another state's report for ``year`` (the national report's CSV layout) and store it,
    replacing what an earlier import of that state's report for that year said; rows that
    cannot be read are refused and reported (``strict``: the whole file is refused)."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    code = require_state(state, "state")
    if not FIRST_YEAR <= year <= 2100:
        raise InvalidInput("year", f"{year} is outside {FIRST_YEAR}-2100")
    problems = RowProblems(origin or str(path))
    parsed = parse_report_csv(path, state=code, year=year, problems=problems)
    problems.settle(strict=strict)  # before anything is touched
    own = select(ArmsTransfer.id).where(
        ArmsTransfer.source_kind == "own",
        ArmsTransfer.reporting_state == code,
        ArmsTransfer.year == year,
    )
    if session.scalars(own.limit(1)).first() is not None:
        raise Conflict(
            f"{code}'s {year} transfers are recorded here as its own report; "
            "an imported report for the same state and year would mix the two"
        )
    background = select(ArmsBackground).where(
        ArmsBackground.reporting_state == code, ArmsBackground.year == year
    )
    previous = report_dataset(code, year, session)
    if previous is None and session.scalars(background.limit(1)).first() is not None:
        raise Conflict(f"{code}'s {year} background information was recorded by hand here")
    if previous is not None:
        session.execute(delete(ArmsTransfer).where(ArmsTransfer.dataset_id == previous.id))
        session.execute(
            delete(ArmsBackground).where(
                ArmsBackground.reporting_state == code, ArmsBackground.year == year
            )
        )
        session.delete(previous)
        session.flush()
    counts = {
        "transfers": 0,
        "background": 0,
        "nil_rows": parsed.nil_rows,
        "refused_rows": problems.rows_refused,
    }
    dataset = new_dataset(
        path,
        "state_report",
        counts,
        state=code,
        year=year,
        origin=origin,
        session=session,
        actor=actor,
    )
    for item in parsed.lines:
        line = item.line
        if item.partner is None:
            session.add(
                ArmsBackground(
                    reporting_state=code,
                    year=year,
                    kind=item.form,
                    category=line.category.value,
                    number_of_items=line.number_of_items,
                    description=line.description,
                    remarks=line.comments,
                    created_by=actor.username,
                )
            )
            counts["background"] += 1
            continue
        export = item.form == "exports"
        exporter, importer = (code, item.partner) if export else (item.partner, code)
        session.add(
            ArmsTransfer(
                source_kind="state_report",
                dataset_id=dataset.id,
                reporting_state=code,
                direction="export" if export else "import",
                year=year,
                category=line.category.value,
                subcategory=line.subcategory,
                exporter=exporter,
                exporter_name=state_name(exporter),
                importer=importer,
                importer_name=state_name(importer),
                number_of_items=line.number_of_items,
                state_of_origin=line.state_of_origin,
                intermediate_location=line.intermediate_location,
                description=line.description,
                comments=line.comments,
                source=f"report of {code} for {year} ({dataset.origin})",
                created_by=actor.username,
            )
        )
        counts["transfers"] += 1
    dataset.counts = dict(counts)
    session.flush()
    LOG.record(
        session,
        actor,
        "arms.import_report",
        f"arms:dataset:{dataset.id}",
        {
            "state": code,
            "year": year,
            "origin": dataset.origin,
            "file_hash": dataset.file_hash,
            "counts": counts,
            "replaced": str(previous.id) if previous else None,
            **problems.audit(),
        },
    )
    stored = counts["transfers"] + counts["background"] + counts["nil_rows"]
    return DatasetOut.model_validate(dataset).model_copy(update={"report": problems.report(stored)})
