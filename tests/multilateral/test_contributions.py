"""IAEA voluntary contributions: status moves forward, allocations fit, totals, CSV, chart."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.multilateral import chart, contributions
from nonpro.multilateral.rules import ContributionStatus, Fund
from nonpro.multilateral.schemas_contributions import AllocationIn, ContributionIn, StatusIn


def add(
    session: Session, actor: Principal, year: int, fund: Fund, amount: str, **kw: object
) -> contributions.ContributionOut:
    data = ContributionIn.model_validate({"year": year, "fund": fund, "amount": amount, **kw})
    return contributions.add(data, session=session, actor=actor)


def test_totals_by_year_fund_and_status(db_session: Session, operator: Principal) -> None:
    tc = add(db_session, operator, 2025, Fund.TCF, "1000000.00", on=date(2025, 2, 1))
    add(db_session, operator, 2025, Fund.NSF, "250000", status="obligated")
    add(db_session, operator, 2025, Fund.TCF, "500000", status="disbursed")
    add(db_session, operator, 2026, Fund.PUI, "750000.50")
    assert tc.pledged_on == date(2025, 2, 1) and tc.obligated_on is None
    moved = contributions.set_status(
        tc.id,
        StatusIn(status=ContributionStatus.OBLIGATED, on=date(2025, 5, 1)),
        session=db_session,
        actor=operator,
    )
    assert moved.status is ContributionStatus.OBLIGATED and moved.obligated_on == date(2025, 5, 1)
    with pytest.raises(InvalidInput, match="only moves forward"):
        contributions.set_status(
            tc.id, StatusIn(status=ContributionStatus.PLEDGED), session=db_session, actor=operator
        )
    totals = contributions.totals(contributions.list_contributions(session=db_session))
    rows = {(r.year, r.fund): (r.pledged, r.obligated, r.disbursed, r.total) for r in totals.rows}
    assert rows[(2025, Fund.TCF)] == (
        Decimal(0),
        Decimal("1000000.00"),
        Decimal("500000.00"),
        Decimal("1500000.00"),
    )
    assert rows[(2025, Fund.NSF)][1] == Decimal("250000.00")
    assert totals.by_year == {2025: Decimal("1750000.00"), 2026: Decimal("750000.50")}
    assert totals.grand_total == Decimal("2500000.50")
    drawn = chart.build(totals)
    assert drawn is not None and [b.year for b in drawn.bars] == [2025, 2026]
    assert [s.fund for s in drawn.bars[0].segments] == [Fund.TCF, Fund.NSF]
    tallest = min(s.y for s in drawn.bars[0].segments)
    assert drawn.bars[0].segments[0].height > drawn.bars[1].segments[0].height
    assert tallest >= 16  # inside the plot


def test_allocations_never_exceed_the_contribution(
    db_session: Session, operator: Principal
) -> None:
    found = add(
        db_session,
        operator,
        2026,
        Fund.TCF,
        "100000",
        allocations=[{"project": "INT2023", "title": "Cancer care", "amount": "60000"}],
    )
    found = contributions.allocate(
        found.id,
        AllocationIn(project="RAF9073", amount=Decimal("40000")),
        session=db_session,
        actor=operator,
    )
    assert (found.allocated, found.unallocated) == (Decimal("100000.00"), Decimal("0.00"))
    with pytest.raises(InvalidInput, match=r"allocations total 100,000\.01"):
        contributions.allocate(
            found.id,
            AllocationIn(project="X", amount=Decimal("0.01")),
            session=db_session,
            actor=operator,
        )


def test_csv_has_a_row_per_allocation(db_session: Session, operator: Principal) -> None:
    add(
        db_session,
        operator,
        2026,
        Fund.NSF,
        "300000",
        purpose="Major public events",
        allocations=[{"project": "NS-1", "amount": "100000"}, {"project": "NS-2", "amount": "50"}],
    )
    add(db_session, operator, 2026, Fund.OTHER_EXB, "5000")
    rows = list(
        csv.DictReader(
            io.StringIO(contributions.to_csv(contributions.list_contributions(session=db_session)))
        )
    )
    assert [(r["fund"], r["project"], r["project_amount_usd"]) for r in rows] == [
        ("NSF", "NS-1", "100000.00"),
        ("NSF", "NS-2", "50.00"),
        ("OTHER_EXB", "", ""),
    ]
    assert rows[0]["fund_label"] == "Nuclear Security Fund" and rows[0]["amount_usd"] == "300000.00"
    with pytest.raises(InvalidInput):
        contributions.parse_fund("GOLD")


def test_csv_texts_cannot_run_as_formulas(db_session: Session, operator: Principal) -> None:
    add(
        db_session,
        operator,
        2026,
        Fund.NSF,
        "1200.5",
        purpose='=HYPERLINK("http://evil.example","click")',
        allocations=[{"project": "@SUM(A1)", "title": "-2+3", "amount": "100"}],
    )
    text = contributions.to_csv(contributions.list_contributions(session=db_session))
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["purpose"] == '\'=HYPERLINK("http://evil.example","click")'
    assert (row["project"], row["project_title"]) == ("'@SUM(A1)", "'-2+3")
    # Amounts are numbers, written as numbers.
    assert (row["amount_usd"], row["project_amount_usd"]) == ("1200.50", "100.00")
