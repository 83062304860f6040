"""IAEA voluntary contributions: by year and fund, project allocations, status, totals, CSV."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.clock import today
from nonpro.core.db import column_values, get_row
from nonpro.core.errors import InvalidInput
from nonpro.documents.spreadsheet import csv_text
from nonpro.multilateral.calendar import LOG
from nonpro.multilateral.models import Allocation, Contribution
from nonpro.multilateral.rules import STATUS_ORDER, ContributionStatus, Fund
from nonpro.multilateral.schemas_contributions import (
    AllocationIn,
    ContributionIn,
    ContributionOut,
    StatusIn,
    TotalRow,
    Totals,
)

ZERO = Decimal("0.00")
DATE_FIELD = {
    ContributionStatus.PLEDGED: "pledged_on",
    ContributionStatus.OBLIGATED: "obligated_on",
    ContributionStatus.DISBURSED: "disbursed_on",
}


def parse_fund(text: str) -> Fund:
    try:
        return Fund(text.strip().upper())
    except ValueError:
        raise InvalidInput("fund", f"{text!r}: one of {', '.join(Fund)}") from None


def contribution_out(found: Contribution) -> ContributionOut:
    allocated = sum((a.amount for a in found.allocations), ZERO)
    fund = Fund(found.fund)
    return ContributionOut.model_validate(
        {
            **column_values(found),
            "fund_label": fund.label,
            "allocated": allocated,
            "unallocated": found.amount - allocated,
            "allocations": found.allocations,
        }
    )


def _check_allocations(amount: Decimal, allocations: list[Decimal]) -> None:
    total = sum(allocations, ZERO)
    if total > amount:
        raise InvalidInput(
            "allocations", f"allocations total {total:,.2f} but the contribution is {amount:,.2f}"
        )


def add(data: ContributionIn, *, session: Session, actor: Principal) -> ContributionOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    _check_allocations(data.amount, [a.amount for a in data.allocations])
    found = Contribution(
        **data.model_dump(exclude={"on", "allocations"}), recorded_by=actor.username
    )
    # Reaching a later status means the earlier ones happened; only the given one is dated.
    setattr(found, DATE_FIELD[data.status], data.on or today())
    found.allocations.extend(
        Allocation(position=i, **a.model_dump()) for i, a in enumerate(data.allocations, start=1)
    )
    session.add(found)
    session.flush()
    LOG.record(
        session, actor, "contribution.add", f"contribution:{found.id}", data.model_dump(mode="json")
    )
    return contribution_out(found)


def get(contribution_id: str | uuid.UUID, *, session: Session) -> Contribution:
    return get_row(session, Contribution, contribution_id, "contribution")


def set_status(
    contribution_id: str | uuid.UUID, data: StatusIn, *, session: Session, actor: Principal
) -> ContributionOut:
    """Move a contribution forward: pledged → obligated → disbursed; never back."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = get(contribution_id, session=session)
    current = ContributionStatus(found.status)
    if STATUS_ORDER.index(data.status) <= STATUS_ORDER.index(current):
        raise InvalidInput(
            "status", f"the contribution is already {current.value}; status only moves forward"
        )
    found.status = data.status
    setattr(found, DATE_FIELD[data.status], data.on or today())
    session.flush()
    LOG.record(
        session,
        actor,
        "contribution.status",
        f"contribution:{found.id}",
        {"from": current, **data.model_dump(mode="json")},
    )
    return contribution_out(found)


def allocate(
    contribution_id: str | uuid.UUID, data: AllocationIn, *, session: Session, actor: Principal
) -> ContributionOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = get(contribution_id, session=session)
    _check_allocations(found.amount, [a.amount for a in found.allocations] + [data.amount])
    found.allocations.append(Allocation(position=len(found.allocations) + 1, **data.model_dump()))
    session.flush()
    LOG.record(
        session,
        actor,
        "contribution.allocate",
        f"contribution:{found.id}",
        data.model_dump(mode="json"),
    )
    return contribution_out(found)


def list_contributions(
    *, session: Session, year: int | None = None, fund: Fund | None = None
) -> list[ContributionOut]:
    query = select(Contribution).order_by(Contribution.year, Contribution.fund, Contribution.amount)
    if year is not None:
        query = query.where(Contribution.year == year)
    if fund is not None:
        query = query.where(Contribution.fund == fund)
    return [contribution_out(c) for c in session.scalars(query).unique()]


def totals(found: list[ContributionOut]) -> Totals:
    """Sums per year and fund, split by status, plus per year, per fund and in all."""
    cells: dict[tuple[int, Fund], dict[ContributionStatus, Decimal]] = defaultdict(
        lambda: dict.fromkeys(ContributionStatus, ZERO)
    )
    for c in found:
        cells[(c.year, c.fund)][c.status] += c.amount
    rows = [
        TotalRow(
            year=year,
            fund=fund,
            fund_label=fund.label,
            pledged=by_status[ContributionStatus.PLEDGED],
            obligated=by_status[ContributionStatus.OBLIGATED],
            disbursed=by_status[ContributionStatus.DISBURSED],
            total=sum(by_status.values(), ZERO),
        )
        for (year, fund), by_status in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_fund: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        by_year[row.year] += row.total
        by_fund[row.fund.value] += row.total
    return Totals(
        rows=rows,
        by_year=dict(by_year),
        by_fund=dict(by_fund),
        grand_total=sum((r.total for r in rows), ZERO),
    )


CSV_COLUMNS = (
    "year",
    "fund",
    "fund_label",
    "amount_usd",
    "status",
    "pledged_on",
    "obligated_on",
    "disbursed_on",
    "purpose",
    "project",
    "project_title",
    "project_amount_usd",
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def to_csv(found: list[ContributionOut]) -> str:
    """One row per allocation (or one per contribution without any), amounts in US dollars.

    Amounts go out as numbers (two decimals), the texts through ``csv_text``, which keeps a
    purpose or a project title from running as a spreadsheet formula.
    """
    rows: list[list[object]] = []
    for c in found:
        head: list[object] = [
            c.year,
            c.fund.value,
            c.fund_label,
            _dollars(c.amount),
            c.status.value,
            _day(c.pledged_on),
            _day(c.obligated_on),
            _day(c.disbursed_on),
            c.purpose,
        ]
        tails: list[list[object]] = [
            [a.project, a.title, _dollars(a.amount)] for a in c.allocations
        ]
        rows.extend([*head, *tail] for tail in tails or [["", "", ""]])
    return csv_text(CSV_COLUMNS, rows)


def _dollars(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))
