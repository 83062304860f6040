"""Inputs and outputs of IAEA voluntary contributions."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, Field

from nonpro.core.inputs import InputModel, OutputModel
from nonpro.multilateral.rules import (
    ContributionStatus,
    Fund,
)


class AllocationIn(InputModel):
    project: str = Field(min_length=1, max_length=60, description="IAEA project code")
    title: str = Field(default="", max_length=300)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)


class AllocationOut(OutputModel):
    project: str
    title: str
    amount: Decimal


class ContributionIn(InputModel):
    year: int = Field(ge=1957, le=2100)
    fund: Fund
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="US dollars")
    status: ContributionStatus = ContributionStatus.PLEDGED
    on: dt.date | None = Field(default=None, description="Date of the status; today if omitted")
    purpose: str = ""
    allocations: list[AllocationIn] = Field(default_factory=list)


class StatusIn(InputModel):
    status: ContributionStatus
    on: dt.date | None = None


class ContributionOut(OutputModel):
    id: uuid.UUID
    year: int
    fund: Fund
    fund_label: str
    amount: Decimal
    status: ContributionStatus
    pledged_on: dt.date | None
    obligated_on: dt.date | None
    disbursed_on: dt.date | None
    purpose: str
    allocated: Decimal
    unallocated: Decimal
    allocations: list[AllocationOut]


class TotalRow(BaseModel):
    year: int
    fund: Fund
    fund_label: str
    pledged: Decimal
    obligated: Decimal
    disbursed: Decimal
    total: Decimal


class Totals(BaseModel):
    rows: list[TotalRow]
    by_year: dict[int, Decimal]
    by_fund: dict[str, Decimal]
    grand_total: Decimal
