"""What a list entry is, as every parser produces it and the matcher reads it.

Parsers keep what the publisher says; nothing is normalised here (normalisation belongs to the
matcher, so the original text can always be shown back to the reviewer).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from nonpro.core.inputs import Code, FiniteNumber, InputSchema, Name, Note, OutputModel, PartialDay

# Identifiers of one party, or lists to search: more than any party has; each costs time per hit.
MAX_IDENTIFIERS = 50


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


class RelationKind(StrEnum):
    OWNERSHIP = "ownership"  # the subject owns or controls the object
    DIRECTORSHIP = "directorship"  # the subject directs, leads or is an official of the object
    FAMILY = "family"  # the subject is a relative of the object
    ASSOCIATE = "associate"  # the subject acts for, supports or is associated with the object
    LINK = "link"  # the publisher links the two without saying how


class Relation(BaseModel):
    """A link between two records of one publication, as the publisher states it.

    Kept beside the entries rather than on them: an entry's stored content (and so the hash a
    reviewer's disposition holds on) stays what it was; storing relations needs a table of
    (snapshot, subject source_id, object source_id, kind, label, dates).
    """

    model_config = ConfigDict(frozen=True)

    kind: RelationKind
    subject_id: str  # the owner, director, relative or associate (the publisher's record id)
    object_id: str  # the asset, organisation or other person (the publisher's record id)
    label: str | None = None  # the publisher's words: "Owned or Controlled By", "Son", "CEO"
    start_date: str | None = None  # as printed; lists give prefixes such as "2019" or "2019-05"
    end_date: str | None = None


class ParsedList(BaseModel):
    """The result of parsing one publication of one list."""

    source: str
    publication_date: date | None = None
    entries: list[ListEntry]
    warnings: list[str] = Field(default_factory=list)  # records skipped and why, never silently
    format: str | None = None  # the publisher's format read, e.g. "ofac_csv", "un_sc_xml"
    files: list[str] = Field(default_factory=list)  # every file read, for the snapshot's hash
    relations: list[Relation] = Field(default_factory=list)  # ownership, directorship, family


# --- matching: what a screening asks and what it answers ---------------------------------------


class ScreeningQuery(InputSchema):
    """A party to screen: a name and whatever else is known about it."""

    name: Name = Field(min_length=1)
    entity_type: EntityType | None = None
    # "YYYY", "YYYY-MM" or "YYYY-MM-DD": parties are often known only by year of birth.
    dob: PartialDay | None = None
    country: Name | None = None  # ISO 3166 alpha-2, or a country name
    # passport, IMO, registration, ...
    identifiers: list[Code] = Field(default_factory=list, max_length=MAX_IDENTIFIERS)


class FeatureScore(BaseModel):
    """One feature's part in a hit's score."""

    model_config = ConfigDict(frozen=True)

    value: float  # the feature's own measure: a similarity in [0, 1], or 1/0 for agree/disagree
    contribution: float  # what it added to (or took from) the score
    detail: str  # in words: "'Mohammad' ~ 'Muhammad' 0.92", "1961 within 1960-1962"


class Hit(BaseModel):
    """One list entry that resembles the query, with the reasons."""

    entry_id: str  # "<list>:<publisher's id>"
    list: str
    snapshot: str | None = None  # the snapshot the entry came from, where the index knows it
    name: str  # the entry's primary name
    matched_name: str  # the entry's name that matched best
    score: float
    alert: bool
    features: dict[str, FeatureScore]
    explanation: str


# --- snapshots: what was loaded, when, and what changed ----------------------------------------


class SnapshotOut(OutputModel):
    id: str
    source: str
    publication_date: date | None
    origin: str
    file_hash: str
    entry_count: int
    counts: dict[str, dict[str, int]]
    warnings: list[str]
    loaded_at: datetime
    loaded_by: str
    active: bool


class ListedRecord(BaseModel):
    """One list entry as the snapshot it came from holds it, for the reviewer to read whole."""

    entry_id: str  # "<list>:<publisher's id>"
    snapshot: SnapshotOut  # the publication it was read from; ``active`` false: since replaced
    content_hash: str  # what a disposition on this entry holds on
    entry: ListEntry
    # Links between records (owner, director, relative) are parsed but not yet stored with a
    # snapshot, so none can be shown: said, not left blank.
    relations_stored: bool = False


class LoadFailureOut(OutputModel):
    source: str | None
    origin: str
    problem: str
    failed_at: datetime
    actor: str


class SourceStatus(BaseModel):
    """Where one list stands: the active snapshot, and a failure since, if any."""

    source: str
    active: SnapshotOut | None
    snapshots: int
    last_failure: LoadFailureOut | None = None


class EntryChange(BaseModel):
    entry_id: str
    name: str
    entity_type: str


class SnapshotDiff(BaseModel):
    source: str
    old_snapshot: str | None
    new_snapshot: str
    added: list[EntryChange]
    removed: list[EntryChange]
    changed: list[EntryChange]


class LoadOutcome(BaseModel):
    """One publication read by a load: stored as a new active snapshot, or unchanged."""

    source: str
    snapshot: SnapshotOut
    unchanged: bool  # the same bytes as the active snapshot: nothing new was stored


# --- screening results with the reviewers' dispositions -----------------------------------------


class Decision(StrEnum):
    FALSE_POSITIVE = "false_positive"
    TRUE_MATCH = "true_match"
    ESCALATE = "escalate"


class DispositionIn(InputSchema):
    query: ScreeningQuery  # the party as screened
    entry_id: Code = Field(min_length=3, description="'<list>:<publisher's id>' of the hit")
    decision: Decision
    note: Note = Field(default="", max_length=4000)


class DispositionOut(OutputModel):
    entry_id: str
    decision: Decision
    note: str
    decided_by: str
    decided_at: datetime
    # False once the entry changed since the decision: shown, but no longer settles the hit.
    current: bool = True
    # True when the note and its author are not shown to this reader (an agency's
    # representative): a note is written on a case they may not be allowed to see.
    withheld: bool = False


class ScreenedHit(Hit):
    entry_hash: str
    dispositions: list[DispositionOut] = []  # pydantic copies the default per instance


class ScreeningResult(BaseModel):
    query: ScreeningQuery
    threshold: float
    snapshots: dict[str, str]  # each list searched -> its active snapshot's id
    hits: list[ScreenedHit]


class RescreenReport(BaseModel):
    """After a list update: every stored party screened again, and the hits not seen before."""

    parties: int
    new_hits: list[PartyNewHit]


class PartyNewHit(BaseModel):
    party: str
    origin: str
    hit: ScreenedHit


class ScreeningRequest(ScreeningQuery):
    """A query with the options of one screening, as the API takes it."""

    lists: list[Code] | None = Field(default=None, max_length=MAX_IDENTIFIERS)
    threshold: FiniteNumber | None = Field(default=None, ge=0.0, le=1.0)
    limit: int = Field(default=10, ge=1, le=100)

    def query(self) -> ScreeningQuery:
        return ScreeningQuery.model_validate(
            self.model_dump(include=set(ScreeningQuery.model_fields))
        )


class BatchScreeningRequest(InputSchema):
    queries: list[ScreeningRequest] = Field(min_length=1, max_length=1000)


class BatchScreeningResult(BaseModel):
    results: list[ScreeningResult]


class RecentAlert(BaseModel):
    """An alert a kept party got recently (for the dashboard: what the last list update found)."""

    party: str
    origin: str  # "case:REF", "manual:alice"
    entry_id: str
    score: float
    first_seen_at: datetime
