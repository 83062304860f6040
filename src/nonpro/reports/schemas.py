"""The figures of each report: typed, JSON-serialisable, and all a renderer ever reads.

Nothing here depends on when or by whom a report is generated, so the same data gives the same
figures, the same JSON and the same input hash.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nonpro.reports.markings import MarkingScheme as MarkingScheme  # delivery layers name it

ReportKind = Literal["annual", "emergency", "country"]
FileFormat = Literal["pdf", "docx", "html", "json"]


class InputRef(BaseModel):
    """One input a report was built from: a data set's file hash, or a register's row count."""

    name: str
    source: str
    file_hash: str | None = None
    data_as_of: dt.date | None = None
    rows: int | None = None


class FlightTestRow(BaseModel):
    day: dt.date
    date_precision: str = "day"
    system: str
    missile_class: str
    site: str | None
    apogee_km: float | None
    distance_km: float | None
    outcome: str


class SystemRow(BaseModel):
    name: str
    aliases: list[str]
    missile_class: str
    tests: int
    max_distance_km: float | None
    max_apogee_km: float | None
    range_km: float | None = None
    payload_kg: float | None = None
    range_source: str | None = None  # who states the range and payload


class TransferRow(BaseModel):
    supplier: str
    supplier_code: str | None = None  # alpha-3 where the data resolves it
    recipient: str
    designation: str
    description: str
    order_year: int | None
    number_ordered: int | None
    number_delivered: int | None
    delivery_years: list[int]
    comments: str


class DeterminationRow(BaseModel):
    date: dt.date
    entities: list[str]
    countries: list[str]
    authorities: list[str]
    measures: list[str]
    fr_citation: str | None
    status: str


class ActionRow(BaseModel):
    """A waiver or termination of a determination."""

    kind: str
    date: dt.date
    entities: list[str]
    authorities: list[str]
    citation: str | None


class TreatyChangeRow(BaseModel):
    instrument: str
    before: str  # "unknown" when the dates could not say the status the day before
    after: str
    date: dt.date | None  # only a day the source gives exactly
    source: str
    date_text: str | None = None  # as the source gives it: "in 2011", "by 2024-12-31 (...)"


class CaseCounts(BaseModel):
    reviewed: int  # a decision recorded in the period
    denied: int


class OfficeRecordRow(BaseModel):
    """A development the office recorded (``reports.records``): MTCR, HCOC or regulatory."""

    kind: Literal["mtcr", "hcoc", "regulatory"]
    date: dt.date
    text: str
    source: str
    marking: str | None = None  # a level of the marking scheme; None: the report's default


class OfficeRecords(BaseModel):
    """The office's records file as read (``reports.records``); not part of any report."""

    rows: list[OfficeRecordRow]
    ref: InputRef | None  # None: no file given

    def of(self, kinds: set[str], start: dt.date, end: dt.date) -> list[OfficeRecordRow]:
        found = [r for r in self.rows if r.kind in kinds and start <= r.date <= end]
        return sorted(found, key=lambda r: (r.date, r.kind, r.text))


class SupplierEntityRow(BaseModel):
    """An entity of another state determined in the year whose recorded activity names the
    country: a supplier the register shows, with why it is listed here."""

    entity: str
    entity_country: str | None
    date: dt.date
    activity: str
    authorities: list[str]
    fr_citation: str | None


class RegimeChangeRow(BaseModel):
    """A state's status in the MTCR or the HCOC changed in the period."""

    regime: str
    state: str
    name: str
    before: str
    after: str
    date: dt.date
    source: str


class SupplierRegimeRow(BaseModel):
    """A supplier state's MTCR and HCOC status at the end of the period (how the regimes'
    members and adherents among the suppliers stand)."""

    supplier: str
    code: str
    mtcr: str  # the status and since when, as the treaty records say it; "unknown" if unsure
    hcoc: str


class MeetingRow(BaseModel):
    body: str
    title: str
    start: dt.date
    end: dt.date
    venue: str
    projected: bool  # a date the calendar projects, not one the body announced
    source: str


class ListDesignationRow(BaseModel):
    """An entry of a loaded sanctions list under the EO 13382 program tag (NPWMD)."""

    source: str  # the list: ofac_sdn, csl, ...
    entry_id: str
    name: str
    listed_on: dt.date | None
    change: Literal["designated", "added", "removed"]  # by its date; or between two loads


class ListDesignations(BaseModel):
    """EO 13382 designations read from the loaded lists for a period."""

    lists: list[str]  # the loaded lists with NPWMD-tagged entries
    rows: list[ListDesignationRow]
    undated: list[str] = Field(default_factory=list)  # lists whose entries carry no date
    # Undated lists whose load of a publication dated in the period could be compared with the
    # load before it; an undated list not here says nothing about the period: no data.
    compared: list[str] = Field(default_factory=list)


class CountryYear(BaseModel):
    country: str
    name: str
    flight_tests: int | None  # None: no loaded data set covers the country's tests: no data
    by_class: dict[str, int]
    by_month: dict[str, int]  # "01".."12"
    outcomes: dict[str, int]
    systems: list[SystemRow]
    tests: list[FlightTestRow]
    reported_missile_events: int | None  # None: no data set covers the country's events
    transfers_in: list[TransferRow]
    transfers_out: list[TransferRow]
    determinations: list[DeterminationRow]
    cases: CaseCounts | None  # None: no case data recorded
    treaty_changes: list[TreatyChangeRow]
    notes: list[str] = Field(default_factory=list)
    # Every system the catalogue knows for the country (tested in the year or not); None: no
    # loaded data source describes its programmes: no data.
    programmes: list[SystemRow] | None = None
    transfers_covered: bool = True  # False: no loaded data source covers its transfers
    transfers_through: dt.date | None = None  # the transfers data ends inside the year
    supplier_entities: list[SupplierEntityRow] = Field(default_factory=list)


class SummaryRow(BaseModel):
    country: str
    name: str
    flight_tests: int | None  # None: no data
    classes: list[str]
    transfers_in: int | None  # None: no loaded data source covers its transfers
    transfers_out: int | None
    determinations: int
    cases_reviewed: int | None
    cases_denied: int | None
    treaty_changes: int


class AnnualReport(BaseModel):
    kind: Literal["annual"] = "annual"
    title: str
    year: int
    as_of: dt.date
    countries: list[CountryYear]
    summary: list[SummaryRow]
    inputs: list[InputRef]
    input_hash: str = ""
    measures: list[DeterminationRow] = Field(default_factory=list)  # all made in the year
    waivers: list[ActionRow] = Field(default_factory=list)
    terminations: list[ActionRow] = Field(default_factory=list)
    regime_changes: list[RegimeChangeRow] = Field(default_factory=list)
    supplier_regimes: list[SupplierRegimeRow] = Field(default_factory=list)
    regime_meetings: list[MeetingRow] = Field(default_factory=list)
    office_records: list[OfficeRecordRow] = Field(default_factory=list)


class EmergencyReport(BaseModel):
    kind: Literal["emergency"] = "emergency"
    title: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    determinations: list[DeterminationRow]
    waivers: list[ActionRow]
    terminations: list[ActionRow]
    license_denials: dict[str, int] | None  # by destination; None: no case data recorded
    referrals: dict[str, int]  # cases referred to each interagency group (MTEC, MTAG, MARC)
    active_determinations: int
    inputs: list[InputRef]
    input_hash: str = ""
    eo12938: list[DeterminationRow] = Field(default_factory=list)  # citing EO 12938
    eo13382: list[DeterminationRow] = Field(default_factory=list)  # citing EO 13382
    list_designations: ListDesignations | None = None  # None: no list with NPWMD entries loaded
    regulatory: list[OfficeRecordRow] = Field(default_factory=list)
    # Total expenditures directly attributable to the emergency in the period, in U.S. dollars,
    # as the office supplies it (50 U.S.C. 1641(c)); None: to be supplied, so a draft.
    expenses: Decimal | None = None


class StatusRow(BaseModel):
    instrument: str
    status: str
    since: dt.date | None  # only a day the source gives exactly
    source: str
    since_text: str | None = None  # as the source gives it: "in 2011", "by 2024-12-31 (...)"


class CountryProfile(BaseModel):
    kind: Literal["country"] = "country"
    title: str
    country: str
    name: str
    as_of: dt.date
    systems: list[SystemRow]
    flight_tests: int | None  # None: no loaded data set covers the country: no data
    tests_by_year: dict[str, int]
    by_class: dict[str, int]
    reported_events_by_year: dict[str, int]
    recent_tests: list[FlightTestRow]
    transfers_in: list[TransferRow]
    transfers_out: list[TransferRow]
    treaty_status: list[StatusRow]
    determinations: list[DeterminationRow]
    cases_by_status: dict[str, int] | None
    notes: list[str] = Field(default_factory=list)
    inputs: list[InputRef]
    input_hash: str = ""


Report = AnnualReport | EmergencyReport | CountryProfile


class ArchivedOut(BaseModel):
    id: str
    kind: str
    title: str
    parameters: dict[str, object]
    as_of: dt.date
    input_hash: str
    file_format: str
    filename: str
    media_type: str
    size: int
    generated_by: str
    generated_at: dt.datetime


class GeneratedReport(BaseModel):
    """A report made and archived: the file, and what the archive recorded."""

    archived: ArchivedOut
    content: bytes


# Drafts the office edits and clears (``reports.drafts``).

OFFICE_TEXT_LENGTH = 20_000


class DraftIn(BaseModel):
    """What a draft is generated from: the report's kind and parameters, and its marking."""

    kind: ReportKind
    marking: str = Field(min_length=1, max_length=200)
    year: int | None = Field(default=None, ge=1900, le=2100)
    countries: list[str] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    state: str | None = Field(default=None, max_length=100)
    as_of: dt.date | None = None
    expenses: Decimal | None = Field(default=None, ge=0)


class SectionTextIn(BaseModel):
    """A section's office text, in the draft markup (docs/reports.md)."""

    text: str = Field(max_length=OFFICE_TEXT_LENGTH)


class ClearanceRequestIn(BaseModel):
    """The offices asked to clear: a list, or one text of names separated by commas or lines."""

    offices: list[str] = Field(min_length=1)

    @field_validator("offices", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.replace("\n", ",").split(",")
        if isinstance(value, list):
            named = [str(v).strip().upper() for v in value if str(v).strip()]
            return list(dict.fromkeys(named))
        return value


class DecisionIn(BaseModel):
    """An office's decision: ``office`` is the office the officer clears for."""

    office: str = Field(min_length=1, max_length=100)
    comment: str = Field(default="", max_length=OFFICE_TEXT_LENGTH)

    @field_validator("office")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.strip().upper()


class DraftSectionOut(BaseModel):
    id: str
    heading: str
    data_driven: bool
    text: str
    data: list[str]


class DraftVersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    change: str
    edited: bool
    author: str
    at: dt.datetime


class DraftClearanceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    round: int
    version: int
    office: str
    decision: str
    comment: str
    officer: str
    at: dt.datetime


class OfficeStatus(BaseModel):
    """Where one office requested this round stands: pending, cleared or returned."""

    office: str
    status: str
    officer: str | None = None
    comment: str = ""


class DraftOut(BaseModel):
    id: str
    kind: ReportKind
    title: str
    parameters: dict[str, object]
    marking: str
    state: str
    offices: list[str]
    round: int
    created_by: str
    created_at: dt.datetime
    finalized_by: str | None = None
    finalized_at: dt.datetime | None = None
    final_pdf: str | None = None
    final_docx: str | None = None
    version: int  # the latest
    sections: list[DraftSectionOut]  # as in the latest version
    versions: list[DraftVersionOut]
    clearances: list[DraftClearanceOut]  # every decision, oldest first
    status: list[OfficeStatus]  # this round's
    allowed: list[str]  # the actions the workflow allows now


class SectionDiff(BaseModel):
    """What changed in one section: lines added ("+ ") and removed ("- ")."""

    id: str
    heading: str
    text: list[str]  # the office's text
    data: list[str]  # the data-driven content


class DraftDiff(BaseModel):
    draft: str
    old: int
    new: int
    sections: list[SectionDiff]


class RefreshOut(BaseModel):
    draft: DraftOut
    changed: list[str]  # headings of the data-driven sections whose content changed
