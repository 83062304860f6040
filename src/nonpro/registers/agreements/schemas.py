"""Inputs and outputs of the agreements register (pydantic), shared by CLI, API and web."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Self

from pydantic import BaseModel, Field, model_validator

from nonpro.core.inputs import InputModel, OutputModel
from nonpro.core.rejected_rows import ImportReport, RejectedRow
from nonpro.registers.agreements.rules import AgreementKind, AgreementStatus


class _Dates(InputModel):
    signed: dt.date | None = None
    in_force: dt.date | None = None
    expires: dt.date | None = None
    terminated: dt.date | None = None

    @model_validator(mode="after")
    def _order(self) -> Self:
        # Only the pairs a typing slip gets wrong; a field is named so the error points at it.
        if self.signed and self.in_force and self.in_force < self.signed:
            raise ValueError(f"in_force {self.in_force} is before signed {self.signed}")
        start = self.in_force or self.signed
        if start and self.expires and self.expires <= start:
            raise ValueError(f"expires {self.expires} is not after {start}")
        if self.signed and self.terminated and self.terminated < self.signed:
            raise ValueError(f"terminated {self.terminated} is before signed {self.signed}")
        return self


class AgreementIn(_Dates):
    key: str = Field(
        min_length=2,
        max_length=80,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="A short unique key, e.g. 123-JPN-2018",
    )
    kind: AgreementKind
    title: str = Field(min_length=1, max_length=300)
    partner: str = Field(
        min_length=2,
        max_length=200,
        description="A state (name or ISO code) or an organisation: EURATOM, IAEA, TWN-AIT",
    )
    partner_name: str = Field(default="", max_length=200)
    scope: str = ""
    consent_rights: str = ""
    safeguards_basis: str = ""
    remind_days: int = Field(default=365, ge=0, le=3650)
    source: str = ""
    note: str = ""


class AgreementUpdate(_Dates):
    """An edit: only the fields given change; dates are checked together with the stored ones."""

    kind: AgreementKind | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    partner: str | None = Field(default=None, min_length=2, max_length=200)
    partner_name: str | None = Field(default=None, max_length=200)
    scope: str | None = None
    consent_rights: str | None = None
    safeguards_basis: str | None = None
    remind_days: int | None = Field(default=None, ge=0, le=3650)
    source: str | None = None
    note: str | None = None


class SafeguardsEvent(BaseModel):
    kind: str
    date: dt.date  # as stored: the day, or a month's or year's last day, or a "by" bound
    date_text: str  # as the source gives it: "2011-06-30", "in 2011", "by 2024-12-31 (...)"
    source: str
    note: str | None = None


class SafeguardsLink(BaseModel):
    """The partner's status in one IAEA safeguards instrument, and the event it rests on."""

    instrument: str  # IAEA_CSA | IAEA_AP | IAEA_VOA
    status: str  # "unknown" when the dates cannot say for ``as_of``
    since: dt.date | None  # only a day the source gives exactly
    as_of: dt.date
    event: SafeguardsEvent | None
    since_text: str | None = None


class AgreementOut(OutputModel):
    id: uuid.UUID
    key: str
    kind: AgreementKind
    title: str
    partner: str
    partner_name: str
    partner_is_state: bool
    signed: dt.date | None
    in_force: dt.date | None
    expires: dt.date | None
    terminated: dt.date | None
    scope: str
    consent_rights: str
    safeguards_basis: str
    remind_days: int
    source: str
    note: str
    created_by: str
    updated_at: dt.datetime
    status: AgreementStatus
    status_as_of: dt.date
    safeguards: list[SafeguardsLink] = Field(default_factory=list)


class Reminder(BaseModel):
    """An agreement whose expiry is near, with the reason it is listed."""

    key: str
    title: str
    kind: AgreementKind
    partner: str
    expires: dt.date
    days_left: int
    why: str


class AgreementImport(BaseModel):
    added: list[str]
    updated: list[str]
    rejected: list[RejectedRow] = Field(default_factory=list)  # rows left out, with the reason
    report: ImportReport  # rows read, stored and refused, each refused row named
