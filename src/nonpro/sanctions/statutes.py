"""The authorities as reviewed data (``data/authorities.yaml``): models and a validating loader.

The data is strict (``extra="forbid"``) so a misspelt key in the reviewed file fails at load
time instead of silently dropping a fact.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from nonpro.sanctions.errors import StatuteDataError

Confidence = Literal["V", "P", "M"]
Reach = Literal[
    "us_persons",
    "foreign_persons",
    "government_entities_as_business",
    "nonmarket_government_activities",
    "foreign_governments",
]
When = Literal["category_i", "category_ii", "substantial_contribution", "menu"]
MEASURE_CODES = (
    "contracts_missile",
    "contracts_all",
    "licenses_missile",
    "licenses_usml_all",
    "licenses_ear_missile",
    "licenses_ear_all",
    "import_ban",
    "procurement_ban",
    "assistance_ban",
    "arms_sales_ban",
    "dual_use_licenses_ban",
    "blocking",
)
AUTHORITY_CODES = (
    "AECA 72",
    "AECA 73",
    "EAA 11B(a)",
    "EAA 11B(b)",
    "INKSNA",
    "EO 12938",
    "EO 13382",
)
DATA_PATH = "data/authorities.yaml"


class _Fact(BaseModel):
    """Anything taken from the fact sheet: where it is there and how sure it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    confidence: Confidence
    unverified: str | None = None

    @model_validator(mode="after")
    def _flag_explained(self) -> _Fact:
        if self.confidence != "V" and not self.unverified and type(self) is not Note:
            # P and M facts must say what is unverified, so outputs can show it.
            raise ValueError(f"fact {self.fact}: confidence {self.confidence} needs 'unverified'")
        return self

    @property
    def is_unverified(self) -> bool:
        return self.confidence != "V"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    years: int
    minimum: bool  # "not less than 2 years" (True) or "2 years" (False)


class MeasureSpec(_Fact):
    code: str
    when: When
    paragraph: str
    citation: str
    scope: str
    term: Term | None  # None: no term (blocking lasts until the designation is removed)
    # What else the statute asks before this measure may be imposed, in its words (the import
    # ban: a finding that the transfer substantially contributed); the register refuses without.
    condition: str | None = None

    @model_validator(mode="after")
    def _known_code(self) -> MeasureSpec:
        if self.code not in MEASURE_CODES:
            raise ValueError(f"unknown measure code {self.code!r}")
        return self


class ExceptionSpec(_Fact):
    code: str
    citation: str
    text: str


class Notice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    days: int | None
    working_days: bool
    to: list[str]
    form: str


class WaiverSpec(_Fact):
    code: str
    citation: str
    text: str
    notice: Notice


class Note(_Fact):
    text: str
    citation: str


class Authority(_Fact):
    code: str
    title: str
    citation: str
    reaches: list[Reach]
    mandatory: bool
    activity_since: date | None
    trigger: str
    trigger_citation: str
    measures: list[MeasureSpec]
    exceptions: list[ExceptionSpec]
    waivers: list[WaiverSpec]
    notes: list[Note]
    citations: list[str]

    def measure(self, code: str) -> MeasureSpec:
        return next(m for m in self.measures if m.code == code)

    def exception(self, code: str) -> ExceptionSpec | None:
        return next((e for e in self.exceptions if e.code == code), None)


class NonmarketEconomies(_Fact):
    countries: list[str]
    text: str


class InksnaCountry(_Fact):
    country: str
    since: date
    text: str


class Statutes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    compiled: date
    source: str
    authorities: list[Authority]
    nonmarket_economies: NonmarketEconomies
    inksna_countries: list[InksnaCountry]

    @model_validator(mode="after")
    def _every_authority_once(self) -> Statutes:
        codes = [a.code for a in self.authorities]
        if sorted(codes) != sorted(AUTHORITY_CODES):
            raise ValueError(f"authorities must be exactly {', '.join(AUTHORITY_CODES)}")
        return self

    def get(self, code: str) -> Authority:
        return next(a for a in self.authorities if a.code == code)


def parse_statutes(text: str, path: str = DATA_PATH) -> Statutes:
    try:
        return Statutes.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise StatuteDataError(path, str(exc)) from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise StatuteDataError(path, f"{where}: {error['msg']}") from None


@cache
def load_statutes() -> Statutes:
    """The shipped authorities, validated once per process."""
    text = resources.files("nonpro.sanctions").joinpath(DATA_PATH).read_text("utf-8")
    return parse_statutes(text)
