"""Reading FollowTheMoney (FtM) entities as JSON lines, the exchange format of OpenSanctions,
yente and Aleph. The "thing" entities (persons, companies, vessels, aircraft) become list
entries, with the Address, Sanction, Passport and Identification entities that point at them
folded in. Writing FtM is in ``ftm_export``.

The followthemoney library reads each entity against its schema (a property the schema does not
have is left out) and says which entities are relations: Ownership, Directorship, Family and
the other links between two entities are kept as the list's ``relations``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rigour.addresses import format_address_line
from rigour.territories import get_territory

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import parse_birth_date, parse_iso_date, script_of
from nonpro.screening.formats._files import read_text, reading_record
from nonpro.screening.schemas import (
    EntityType,
    ListEntry,
    NameKind,
    ParsedList,
    Relation,
    RelationKind,
)

if TYPE_CHECKING:
    from followthemoney import EntityProxy, Model

SCHEMA_TYPES = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.UNKNOWN,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
NAME_PROPERTIES = {
    "alias": NameKind.AKA,
    "previousName": NameKind.FKA,
    "weakAlias": NameKind.WEAK_AKA,
}
# FtM property -> our identifier kind; the reverse map is used for export.
IDENTIFIER_PROPERTIES = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "taxNumber": "tax_id",
    "innCode": "tax_id",
    "vatCode": "tax_id",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "callSign": "call_sign",
    "leiCode": "lei",
    "swiftBic": "swift",
    "dunsCode": "duns",
    "email": "email",
    "website": "website",
    "phone": "phone",
    "serialNumber": "aircraft_msn",
}
_DOCUMENT_SCHEMAS = {"Passport": "passport", "Identification": "national_id"}


_RELATION_KINDS = {
    "Ownership": RelationKind.OWNERSHIP,
    "Directorship": RelationKind.DIRECTORSHIP,
    "Family": RelationKind.FAMILY,
    "Associate": RelationKind.ASSOCIATE,
}
# The words an edge gives for itself ("Son", "Director", "Shareholder"), first found wins.
_RELATION_LABELS = ("relationship", "role", "ownershipType")


def ftm_model() -> Model:
    """The FtM schemata, loaded on first use: the library takes most of a second to import,
    which every command and server start would otherwise pay for a format few lists use."""
    from followthemoney import model

    return model


def _values(entity: EntityProxy, prop: str) -> list[str]:
    return [value for value in entity.get(prop, quiet=True) if value.strip()]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _upper(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(code.upper() for code in codes if len(code) == 2))


class _Entities:
    """The entities of one file, with what points at each thing (sanctions, documents)."""

    def __init__(self, path: Path, records: list[dict[str, Any]]) -> None:
        self.things: list[tuple[EntityProxy, dict[str, Any]]] = []
        self.edges: list[EntityProxy] = []
        self.warnings: list[str] = []
        self.by_id: dict[str, EntityProxy] = {}
        self.captions: dict[str, str] = {}  # yente's display names, where the file has them
        self.linked: dict[str, list[EntityProxy]] = {}
        model = ftm_model()
        for number, record in enumerate(records, start=1):
            if model.get(record["schema"]) is None:
                self.warnings.append(f"record {number}: unknown FtM schema {record['schema']!r}")
                continue
            with reading_record(path, f"entity {record['id']} (record {number})"):
                entity = model.get_proxy(record)
            self._index(entity, record)

    def _index(self, entity: EntityProxy, record: dict[str, Any]) -> None:
        entity_id = record["id"]  # _record made it text; the proxy keeps it as given
        self.by_id[entity_id] = entity
        if caption := record.get("caption"):
            self.captions[entity_id] = str(caption)
        # Merged (yente) entities keep the ids they replaced as "referents"; links may use either.
        for referent in record["referents"]:
            self.by_id.setdefault(referent, entity)
        if entity.schema.name in SCHEMA_TYPES:
            self.things.append((entity, record))
        elif entity.schema.edge_source and entity.schema.edge_target:
            self.edges.append(entity)
        # Sanctions and documents point at their entity; index them by the entity they describe.
        for prop in ("entity", "holder"):
            for target in _values(entity, prop):
                self.linked.setdefault(target, []).append(entity)

    def canonical_id(self, entity_id: str) -> str:
        found = self.by_id.get(entity_id)
        return found.id if found is not None and found.id else entity_id

    def relations(self) -> list[Relation]:
        """Ownership, directorship, family and other links between the file's entities."""
        found: list[Relation] = []
        for edge in self.edges:
            schema = edge.schema
            kind = _RELATION_KINDS.get(schema.name, RelationKind.LINK)
            label = next((v[0] for p in _RELATION_LABELS if (v := _values(edge, p))), None)
            for subject in _values(edge, schema.edge_source or ""):
                for obj in _values(edge, schema.edge_target or ""):
                    found.append(
                        Relation(
                            kind=kind,
                            subject_id=self.canonical_id(subject),
                            object_id=self.canonical_id(obj),
                            label=label or schema.label,
                            start_date=_first(_values(edge, "startDate")),
                            end_date=_first(_values(edge, "endDate")),
                        )
                    )
        return found


def _add_names(builder: EntryBuilder, entity: EntityProxy, caption: str | None) -> None:
    names = _values(entity, "name")
    # yente's caption is the display name; make it the primary one when it is among the names.
    if caption in names:
        names.remove(caption)
        names.insert(0, caption)
    for index, name in enumerate(names):
        builder.add_name(name, NameKind.AKA if index else NameKind.PRIMARY, script=script_of(name))
    for prop, kind in NAME_PROPERTIES.items():
        for name in _values(entity, prop):
            builder.add_name(name, kind, script=script_of(name))
    first, last = _values(entity, "firstName"), _values(entity, "lastName")
    if builder.names and builder.is_person and (first or last):
        builder.names[0] = builder.names[0].model_copy(
            update={"given_name": _first(first), "family_name": _first(last)}
        )


def _add_linked(builder: EntryBuilder, entity: EntityProxy, entities: _Entities) -> None:
    """Facts other entities hold about this one: its sanctions and its documents."""
    listed: list[str] = []
    for other in entities.linked.get(entity.id or "", []):
        schema = other.schema.name
        if schema == "Sanction":
            for program in _values(other, "programId") or _values(other, "program"):
                builder.add_program(program)
            listed += _values(other, "listingDate") + _values(other, "startDate")
            builder.source_url = builder.source_url or _first(_values(other, "sourceUrl"))
        elif schema in _DOCUMENT_SCHEMAS:
            country = _first(_upper(_values(other, "country")))
            for number in _values(other, "number"):
                builder.add_identifier(
                    _DOCUMENT_SCHEMAS[schema], number, country=country, note=schema
                )
    dates = [day for text in listed if (day := parse_iso_date(text))]
    builder.listed_on = min(dates) if dates else None


def _address_line(address: EntityProxy) -> str | None:
    """An Address entity given only in parts, in one line as its country writes addresses."""
    code = _first(_values(address, "country"))
    territory = get_territory(code) if code else None
    parts = {
        # rigour's templates use OpenCage's names for the parts.
        "house": _first(_values(address, "postOfficeBox")),
        "road": joined(*_values(address, "street"), *_values(address, "street2")),
        "postcode": _first(_values(address, "postalCode")),
        "city": _first(_values(address, "city")),
        "state": _first(_values(address, "region") + _values(address, "state")),
        "country": territory.name if territory else None,
    }
    return format_address_line(parts, country=code) or None


def _add_addresses(builder: EntryBuilder, entity: EntityProxy, entities: _Entities) -> None:
    for text in _values(entity, "address"):
        builder.add_address(text)
    for address_id in _values(entity, "addressEntity"):
        address = entities.by_id.get(address_id)
        if address is not None:
            full = (
                _first(_values(address, "full"))
                or entities.captions.get(str(address.id))
                or _address_line(address)
            )
            builder.add_address(
                full,
                city=_first(_values(address, "city")),
                country=_first(_upper(_values(address, "country"))),
            )


def _entry(
    entity: EntityProxy, record: dict[str, Any], entities: _Entities, list_source: str
) -> ListEntry | None:
    builder = EntryBuilder(
        list_source,
        str(entity.id),
        SCHEMA_TYPES[entity.schema.name],
        tags=_values(entity, "topics"),
        source_url=_first(_values(entity, "sourceUrl")),
        # FtM keeps an entity's own countries apart from its addresses'.
        address_countries=False,
    )
    _add_names(builder, entity, record.get("caption"))
    if not builder.names:
        return None
    for prop, kind in IDENTIFIER_PROPERTIES.items():
        for value in _values(entity, prop):
            builder.add_identifier(
                kind, value.removeprefix("IMO") if kind == "imo" else value, note=prop
            )
    _add_addresses(builder, entity, entities)
    _add_linked(builder, entity, entities)
    for text in _values(entity, "birthDate"):
        builder.add_birth_date(parse_birth_date(text))
    builder.birth_places += _values(entity, "birthPlace")
    builder.nationalities += _upper(_values(entity, "nationality") + _values(entity, "citizenship"))
    for prop in ("country", "jurisdiction", "flag"):
        builder.countries += _upper(_values(entity, prop))
    for remark in _values(entity, "notes"):
        builder.add_remark(remark)
    gender = _first(_values(entity, "gender"))
    builder.gender = gender.lower() if gender else None
    builder.titles += _values(entity, "title") + _values(entity, "position")
    builder.add_extra("datasets", ", ".join(str(name) for name in _as_list(record.get("datasets"))))
    return builder.build(remarks_separator="; ")


_FILE_SUFFIX = re.compile(r"(\.ftm)?\.(json|jsonl|ndjson)(\.gz)?$")


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    """One line as an FtM record: id and schema as text, every property a list of text."""
    try:
        record = json.loads(line)
    except ValueError as error:
        raise ListParseError(path, f"line {number}", f"not valid JSON: {error}") from error
    if (
        not isinstance(record, dict)
        or record.get("id") is None
        or not isinstance(record.get("schema"), str)
    ):
        raise ListParseError(path, f"line {number}", "not an FtM entity (needs id and schema)")
    properties = record.get("properties") or {}
    if not isinstance(properties, dict):
        raise ListParseError(path, f"line {number}", "properties is not an object")
    return record | {
        "id": str(record["id"]),
        "properties": {
            str(prop): [str(value) for value in _as_list(values) if value is not None]
            for prop, values in properties.items()
        },
        "referents": [str(referent) for referent in _as_list(record.get("referents"))],
    }


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_ftm(path: Path, *, source: str | None = None) -> ParsedList:
    """Read FtM entities, one JSON object per line."""
    # Each file is its own dataset: two files in one folder must not replace each other's
    # snapshot, so the default list code carries the file's name ("ftm_zala_entities").
    list_source = source or "ftm_" + _FILE_SUFFIX.sub("", path.name.lower()).replace(".", "_")
    lines = enumerate(read_text(path).splitlines(), start=1)
    entities = _Entities(path, [_record(path, n, line) for n, line in lines if line.strip()])
    entries: list[ListEntry] = []
    for entity, record in entities.things:
        with reading_record(path, f"entity {entity.id}"):
            if (entry := _entry(entity, record, entities, list_source)) is not None:
                entries.append(entry)
    return ParsedList(
        source=list_source,
        entries=entries,
        warnings=entities.warnings,
        format="ftm_jsonl",
        files=[str(path)],
        relations=entities.relations(),
    )
