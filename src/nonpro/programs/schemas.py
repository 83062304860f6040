"""What the loaders read and what the services answer."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from nonpro.core.inputs import InputSchema, OutputModel
from nonpro.core.rejected_rows import ImportReport, RejectedRow


class MissileClass(StrEnum):
    SRBM = "SRBM"
    MRBM = "MRBM"
    IRBM = "IRBM"
    ICBM = "ICBM"
    SLBM = "SLBM"
    CRUISE = "cruise"
    HYPERSONIC_GLIDE = "hypersonic glide"
    SLV = "SLV"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    UNKNOWN = "unknown"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class SystemRecord(_Record):
    key: str
    country: str = Field(min_length=3, max_length=3)
    name: str
    aliases: list[str] = Field(default_factory=list)
    missile_class: MissileClass
    range_km: float | None = None
    payload_kg: float | None = None
    source: str


class FlightTestRecord(_Record):
    country: str = Field(min_length=3, max_length=3)
    day: dt.date
    date_precision: str = "day"  # "month": the source gives only the month
    time_of_day: str | None = None
    system_key: str | None = None
    system_name: str
    missile_class: MissileClass
    site: str | None = None
    landing: str | None = None
    apogee_km: float | None = None
    distance_km: float | None = None
    outcome: Outcome
    description: str = ""
    source: str


class EventRecord(_Record):
    country: str = Field(min_length=3, max_length=3)
    day: dt.date
    category: str
    event: str
    missile_class: MissileClass | None = None
    description: str = ""
    source: str


class TransferRecord(_Record):
    supplier: str | None = None
    supplier_name: str
    recipient: str | None = None
    recipient_name: str
    order_year: int | None = None
    order_year_uncertain: bool = False
    number_ordered: int | None = None
    designation: str
    description: str
    number_delivered: int | None = None
    delivery_years: list[int] = Field(default_factory=list)
    status: str = ""
    comments: str = ""
    source: str


class ProgramData(BaseModel):
    """One data set as read from its files, before anything is stored."""

    dataset: str  # cns_nk_missile_tests, csis_nk_provocations, sipri_trade_register
    source: str  # how to cite it
    origin: str  # the path read
    file_hash: str
    data_as_of: dt.date | None = None
    systems: list[SystemRecord] = Field(default_factory=list)
    tests: list[FlightTestRecord] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    transfers: list[TransferRecord] = Field(default_factory=list)
    skipped: int = 0  # rows of the source outside the data set's scope (SIPRI: not missiles)
    rows_read: int = 0
    refused: list[RejectedRow] = Field(default_factory=list)  # rows that could not be read
    rows_refused: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "systems": len(self.systems),
            "tests": len(self.tests),
            "events": len(self.events),
            "transfers": len(self.transfers),
            "skipped": self.skipped,
            "refused_rows": self.rows_refused,
        }

    def report(self) -> ImportReport:
        return ImportReport(
            origin=self.origin,
            rows_read=self.rows_read,
            rows_stored=self.rows_read - self.rows_refused - self.skipped,
            rows_refused=self.rows_refused,
            refused=self.refused,
        )


class ImportOut(OutputModel):
    dataset: str
    origin: str
    file_hash: str
    data_as_of: dt.date | None
    counts: dict[str, int]
    loaded_by: str
    loaded_at: dt.datetime


class LoadOutcome(BaseModel):
    imports: list[ImportOut]
    replaced: dict[str, int]  # rows of each data set the load replaced
    reports: list[ImportReport] = Field(default_factory=list)  # one per data set, in order


class SystemOut(OutputModel):
    key: str
    country: str
    name: str
    aliases: list[str]
    missile_class: str
    range_km: float | None
    payload_kg: float | None
    source: str
    dataset: str


class FlightTestOut(OutputModel):
    day: dt.date
    date_precision: str
    country: str
    system_name: str
    missile_class: str
    site: str | None
    landing: str | None
    apogee_km: float | None
    distance_km: float | None
    outcome: str
    source: str


class EventOut(OutputModel):
    day: dt.date
    country: str
    category: str
    event: str
    missile_class: str | None
    source: str


class TransferOut(OutputModel):
    supplier: str | None
    supplier_name: str
    recipient: str | None
    recipient_name: str
    order_year: int | None
    order_year_uncertain: bool
    number_ordered: int | None
    designation: str
    description: str
    number_delivered: int | None
    delivery_years: list[int]
    status: str
    comments: str
    source: str


class FlightTestQuery(InputSchema):
    """Filters on flight tests; every one narrows."""

    model_config = ConfigDict(extra="forbid")

    country: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2200)
    missile_class: MissileClass | None = None
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive


class Coverage(BaseModel):
    """Whether loaded data covers a kind of record for a country and a period."""

    kind: str
    country: str
    covered: bool  # False: no loaded data set covers it: "no data", never 0
    datasets: list[str]  # the loaded data sets that cover it
    through: dt.date | None = None  # the data's own date, when it ends inside the period
    note: str


class CountrySummary(BaseModel):
    """A state's missile programs as of a date: what case assessment asks of the recipient."""

    country: str
    as_of: dt.date
    systems: list[SystemOut]
    classes: list[str]  # classes of the systems the state has flight-tested
    flight_tests: int | None  # None: no loaded data set records the state's tests: no data
    flight_tests_last_year: int | None  # in the 365 days up to as_of
    first_test: dt.date | None
    last_test: dt.date | None
    max_distance_km: float | None
    max_apogee_km: float | None
    tests_by_year: dict[str, int]
    reported_events: int | None  # missile events in the chronologies (CSIS); None: no data
    transfers_in: int
    transfers_out: int
    sources: list[str]
    coverage: list[Coverage] = Field(default_factory=list)  # what the figures rest on
