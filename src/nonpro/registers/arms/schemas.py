"""Inputs and outputs of the UN Register of Conventional Arms (pydantic), shared by every interface.

States are stored as ISO 3166 alpha-3 codes; any common name or code is accepted on input and a
name nonpro does not know is refused with the field's name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from nonpro.core.inputs import InputModel, OutputModel
from nonpro.core.rejected_rows import ImportReport
from nonpro.reference.errors import UnknownCountry
from nonpro.reference.services import resolve_country
from nonpro.registers.arms.rules import SUBCATEGORIES, Category, parse_category

Direction = Literal["export", "import"]
BackgroundKind = Literal["holdings", "national_production"]
SourceKind = Literal["own", "state_report", "sipri"]
FIRST_YEAR = 1992  # the Register's first reporting year (calendar year 1992)
SALW = (Category.SMALL_ARMS, Category.LIGHT_WEAPONS)


def state_code(text: str) -> str:
    """Any name or code of a state -> alpha-3; a ValueError that pydantic pins on the field."""
    try:
        return resolve_country(text).alpha_3
    except UnknownCountry:
        raise ValueError(f"{text!r} is not a state nonpro knows") from None


def require_state(text: str, field: str) -> str:
    """Like ``state_code`` for service arguments: an ``InvalidInput`` naming ``field``."""
    return resolve_country(text, field).alpha_3


def state_name(code: str | None) -> str:
    return resolve_country(code).name if code else ""


def category_of(value: object) -> Category:
    if isinstance(value, Category):
        return value
    return parse_category(str(value))


def subcategory_of(category: Category, text: str) -> str:
    """The sub-category as the forms name it ("VII.b MANPADS"), from "b", "VII.b" or "MANPADS".

    Categories IV, V and VII are reported per sub-category, so one is required there; SALW
    sub-categories are free text; the other categories have none.
    """
    cleaned = " ".join(text.split())
    options = SUBCATEGORIES.get(category)
    if options is None:
        if category in SALW or not cleaned:
            return cleaned
        raise ValueError(f"category {category.value} has no sub-categories; leave it empty")
    allowed = " or ".join(repr(o) for o in options)
    for option in options:
        code, label = option.split(" ", 1)
        forms = {option, code, code.split(".")[1], label}
        if cleaned.casefold() in {f.casefold() for f in forms}:
            return option
    if not cleaned:
        raise ValueError(f"category {category.value} is reported per sub-category: {allowed}")
    raise ValueError(f"{cleaned!r} is not a sub-category of {category.value}: {allowed}")


class StateForm(InputModel):
    """A line of a state's report: its ``reporting_state`` and ``category`` are taken as people
    write them ("Poland", "vii") and stored as codes. Subclasses declare the fields, in the
    order the form's validation needs them."""

    @field_validator("reporting_state", mode="before", check_fields=False)
    @classmethod
    def _reporting_state(cls, value: Any) -> str:
        return state_code(str(value))

    @field_validator("category", mode="before", check_fields=False)
    @classmethod
    def _category(cls, value: Any) -> Category:
        return category_of(value)


class TransferIn(StateForm):
    """One export or import of the state's own national report."""

    reporting_state: str = Field(default="USA", description="The state whose report this is")
    direction: Direction
    year: int = Field(ge=FIRST_YEAR, le=2100, description="Calendar year of the transfer")
    category: Category = Field(description="I..VII, SALW_SA or SALW_LW")
    subcategory: str = Field(
        default="", max_length=40, validate_default=True, description="IV.a/b, V.a/b, VII.a/b"
    )
    partner: str = Field(description="Final importer State (export) or exporter State (import)")
    number_of_items: int = Field(ge=0, le=10_000_000)
    state_of_origin: str = Field(default="", max_length=200, description="If not the exporter")
    intermediate_location: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000, description="Description of item")
    comments: str = Field(default="", max_length=2000, description="Comments on the transfer")
    remarks: str = Field(default="", max_length=2000, description="Internal, not reported")
    source: str = Field(default="", max_length=500)

    @field_validator("subcategory")
    @classmethod
    def _subcategory(cls, value: str, info: ValidationInfo) -> str:
        category = info.data.get("category")
        return subcategory_of(category, value) if category else value

    @field_validator("partner", mode="before")
    @classmethod
    def _partner(cls, value: Any, info: ValidationInfo) -> str:
        code = state_code(str(value))
        if code == info.data.get("reporting_state"):
            raise ValueError("the partner must be another state than the reporting state")
        return code

    @property
    def exporter(self) -> str:
        return self.reporting_state if self.direction == "export" else self.partner

    @property
    def importer(self) -> str:
        return self.partner if self.direction == "export" else self.reporting_state


class TransferQuery(InputModel):
    year: int | None = Field(default=None, ge=1900, le=2100)
    category: Category | None = None
    direction: Direction | None = None
    state: str | None = Field(default=None, description="Exporter, importer or reporting state")
    source_kind: SourceKind | None = None

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Category | None:
        return category_of(value) if value not in (None, "") else None

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: Any) -> str | None:
        return state_code(str(value)) if value not in (None, "") else None


class TransferOut(OutputModel):
    id: uuid.UUID
    source_kind: SourceKind
    dataset_id: uuid.UUID | None
    reporting_state: str | None
    direction: Direction
    year: int
    category: Category
    subcategory: str
    exporter: str | None
    exporter_name: str
    importer: str | None
    importer_name: str
    number_of_items: int | None
    state_of_origin: str
    intermediate_location: str
    description: str
    comments: str
    remarks: str
    source: str
    created_by: str


class BackgroundIn(StateForm):
    """Background information: military holdings or procurement through national production."""

    reporting_state: str = Field(default="USA")
    year: int = Field(ge=FIRST_YEAR, le=2100)
    kind: BackgroundKind
    category: Category
    number_of_items: int | None = Field(default=None, ge=0, le=100_000_000)
    description: str = Field(default="", max_length=2000)
    remarks: str = Field(default="", max_length=2000)


class BackgroundOut(OutputModel):
    id: uuid.UUID
    reporting_state: str
    year: int
    kind: BackgroundKind
    category: Category
    number_of_items: int | None
    description: str
    remarks: str
    created_by: str


class DatasetOut(OutputModel):
    """One import: another state's report for a year, or the SIPRI trade register."""

    id: uuid.UUID
    kind: str
    reporting_state: str | None
    year: int | None
    origin: str
    file_hash: str
    counts: dict[str, Any]
    imported_by: str
    imported_at: dt.datetime
    # On the answer to an import only: rows read, stored and refused, each refused row named.
    report: ImportReport | None = None


# --- the mirror view: exporter's and importer's reports side by side ---

Status = Literal["agree", "numbers_differ", "exporter_only", "importer_only"]
STATUSES: tuple[Status, ...] = ("agree", "numbers_differ", "exporter_only", "importer_only")


class Side(BaseModel):
    """What one side's report says about a key: its lines added up."""

    reported: bool
    reporting_state: str | None
    number: int | None  # None: not reported, or a line without a number
    lines: int
    sources: list[str]


class MirrorRow(BaseModel):
    year: int
    exporter: str | None
    exporter_name: str
    importer: str | None
    importer_name: str
    category: Category
    category_title: str
    status: Status
    exporter_side: Side
    importer_side: Side
    counterpart_report_held: bool  # for one-sided rows: is the silent side's report here?
    sipri_number: int | None
    sipri_note: str
    explanation: str


class MirrorView(BaseModel):
    year: int
    state: str | None
    reports_held: list[str]
    sipri_imported: bool
    counts: dict[str, int]
    rows: list[MirrorRow]
    # Imported data sets behind this view that had rows refused on import: a missing line may
    # be one of those rows, not a transfer that was never reported.
    incomplete: list[str] = []
