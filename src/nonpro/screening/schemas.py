"""What a list entry is, as every parser produces it and the matcher reads it.

Parsers keep what the publisher says; nothing is normalised here (normalisation belongs to the
matcher, so the original text can always be shown back to the reviewer).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class NameKind(StrEnum):
    PRIMARY = "primary"
    AKA = "aka"
    FKA = "fka"
    WEAK_AKA = "weak_aka"
    NATIVE = "native"  # the name in its original script, where the list gives it


class EntryName(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    kind: NameKind = NameKind.PRIMARY
    # Given/family split where the list gives it; lets the matcher handle "SURNAME, Given".
    given_name: str | None = None
    family_name: str | None = None
    script: str | None = None  # ISO 15924 code where known, e.g. "Arab", "Cyrl"


class BirthDate(BaseModel):
    """A date of birth as lists give it: a full date, a year-month, a year, or a year range."""

    model_config = ConfigDict(frozen=True)

    text: str  # as printed by the list, e.g. "01 Jan 1960", "circa 1958", "1955 to 1957"
    date_from: date | None = None  # earliest possible day
    date_to: date | None = None  # latest possible day
    precision: str = "day"  # "day", "month", "year", "range", "unknown"
    approximate: bool = False  # "circa", "approximately": the matcher may widen the bounds


class Identifier(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str  # "passport", "national_id", "imo", "mmsi", "registration", "tax_id", "swift", ...
    value: str
    country: str | None = None  # ISO 3166 alpha-2 where resolvable
    note: str | None = None


class Address(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str  # the address in one line as the list gives it
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 where resolvable
    country_name: str | None = None  # as printed


class ListEntry(BaseModel):
    """One record of one list, as its publisher published it."""

    source: str  # list code: "ofac_sdn", "ofac_cons", "csl", "bis_dpl", "un", "eu", "uk", "ftm"
    source_id: str  # the publisher's own id (OFAC ent_num, UN DATAID, CSL id, ...)
    entity_type: EntityType
    names: list[EntryName] = Field(min_length=1)
    birth_dates: list[BirthDate] = Field(default_factory=list)
    birth_places: list[str] = Field(default_factory=list)
    nationalities: list[str] = Field(default_factory=list)  # ISO alpha-2 where resolvable
    countries: list[str] = Field(default_factory=list)  # other country links (address, flag, ...)
    identifiers: list[Identifier] = Field(default_factory=list)
    addresses: list[Address] = Field(default_factory=list)
    programs: list[str] = Field(default_factory=list)  # e.g. "NPWMD", "IRAN", "DPRK3"
    tags: list[str] = Field(default_factory=list)  # e.g. the CSL sub-list "ISN", "EL", "DPL"
    remarks: str | None = None
    gender: str | None = None  # "male", "female" where the list says it
    titles: list[str] = Field(default_factory=list)  # titles, positions, designations as printed
    listed_on: date | None = None
    source_url: str | None = None  # a link back to the record at the publisher
    # Other fields the publisher gives, by its own label (vessel type, tonnage, owner, Federal
    # Register citation, ...): shown to the reviewer, not used for matching.
    extra: dict[str, str] = Field(default_factory=dict)

    @property
    def primary_name(self) -> str:
        for entry_name in self.names:
            if entry_name.kind is NameKind.PRIMARY:
                return entry_name.name
        return self.names[0].name


class ParsedList(BaseModel):
    """The result of parsing one publication of one list."""

    source: str
    publication_date: date | None = None
    entries: list[ListEntry]
    warnings: list[str] = Field(default_factory=list)  # records skipped and why, never silently
