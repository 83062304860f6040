"""FollowTheMoney (FtM) entities as JSON lines: the exchange format of OpenSanctions, yente and
Aleph. Reading turns the "thing" entities (persons, companies, vessels, aircraft) into list
entries, folding in the Address, Sanction, Passport and Identification entities that point at
them; writing turns list entries back into FtM so nonpro's lists load into those tools.

Only the JSON shape is needed, not the followthemoney library: entities are
``{"id", "schema", "properties": {name: [values]}}`` and every property is a list of strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import parse_birth_date, parse_iso_date
from nonpro.screening.formats._files import read_text
from nonpro.screening.schemas import (
    Address,
    BirthDate,
    EntityType,
    EntryName,
    Identifier,
    ListEntry,
    NameKind,
    ParsedList,
)

SCHEMA_TYPES = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.UNKNOWN,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
TYPE_SCHEMAS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
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
EXPORT_PROPERTIES = {
    "passport": "passportNumber",
    "national_id": "idNumber",
    "drivers_license": "idNumber",
    "tax_id": "taxNumber",
    "registration": "registrationNumber",
    "aircraft_registration": "registrationNumber",
    "imo": "imoNumber",
    "mmsi": "mmsi",
    "call_sign": "callSign",
    "lei": "leiCode",
    "swift": "swiftBic",
    "duns": "dunsCode",
    "email": "email",
    "website": "website",
    "phone": "phone",
    "aircraft_msn": "serialNumber",
}
_DOCUMENT_SCHEMAS = {"Passport": "passport", "Identification": "national_id"}


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    values = entity.get("properties", {}).get(prop, [])
    return [str(value) for value in values if str(value).strip()]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _upper(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(code.upper() for code in codes if len(code) == 2))


def _names(entity: dict[str, Any], entity_type: EntityType) -> list[EntryName]:
    names = _values(entity, "name")
    caption = entity.get("caption")
    # yente's caption is the display name; make it the primary one when it is among the names.
    if caption in names:
        names.remove(caption)
        names.insert(0, caption)
    result = [
        EntryName(name=name, kind=NameKind.PRIMARY if index == 0 else NameKind.AKA)
        for index, name in enumerate(names)
    ]
    for prop, kind in NAME_PROPERTIES.items():
        result += [EntryName(name=name, kind=kind) for name in _values(entity, prop)]
    if result and entity_type is EntityType.PERSON:
        first, last = _values(entity, "firstName"), _values(entity, "lastName")
        if first or last:
            result[0] = result[0].model_copy(
                update={
                    "given_name": first[0] if first else None,
                    "family_name": last[0] if last else None,
                }
            )
    return result


def _entry(
    entity: dict[str, Any],
    linked: dict[str, list[dict[str, Any]]],
    by_id: dict[str, dict[str, Any]],
    list_source: str,
) -> ListEntry | None:
    entity_type = SCHEMA_TYPES[entity["schema"]]
    names = _names(entity, entity_type)
    if not names:
        return None
    identifiers = [
        Identifier(
            kind=kind, value=value.removeprefix("IMO") if kind == "imo" else value, note=prop
        )
        for prop, kind in IDENTIFIER_PROPERTIES.items()
        for value in _values(entity, prop)
    ]
    addresses = [Address(text=text) for text in _values(entity, "address")]
    for address_id in _values(entity, "addressEntity"):
        address = by_id.get(address_id)
        if address is not None:
            full = (_values(address, "full") or [address.get("caption", "")])[0]
            country = _upper(_values(address, "country"))
            city = _values(address, "city")
            if full:
                addresses.append(
                    Address(
                        text=full,
                        city=city[0] if city else None,
                        country=country[0] if country else None,
                    )
                )
    programs: list[str] = []
    listed: list[str] = []
    source_url = _first(_values(entity, "sourceUrl"))
    for other in linked.get(entity["id"], []):
        schema = other["schema"]
        if schema == "Sanction":
            programs += _values(other, "programId") or _values(other, "program")
            listed += _values(other, "listingDate") + _values(other, "startDate")
            source_url = source_url or _first(_values(other, "sourceUrl"))
        elif schema in _DOCUMENT_SCHEMAS:
            country = _upper(_values(other, "country"))
            identifiers += [
                Identifier(
                    kind=_DOCUMENT_SCHEMAS[schema],
                    value=number,
                    country=country[0] if country else None,
                    note=schema,
                )
                for number in _values(other, "number")
            ]
    gender = _first(_values(entity, "gender"))
    dates = [day for text in listed if (day := parse_iso_date(text))]
    return ListEntry(
        source=list_source,
        source_id=str(entity["id"]),
        entity_type=entity_type,
        names=names,
        birth_dates=[d for text in _values(entity, "birthDate") if (d := parse_birth_date(text))],
        birth_places=_values(entity, "birthPlace"),
        nationalities=_upper(_values(entity, "nationality") + _values(entity, "citizenship")),
        countries=_upper(
            _values(entity, "country") + _values(entity, "jurisdiction") + _values(entity, "flag")
        ),
        identifiers=identifiers,
        addresses=addresses,
        programs=list(dict.fromkeys(programs)),
        tags=_values(entity, "topics"),
        remarks="; ".join(_values(entity, "notes")) or None,
        gender=gender.lower() if gender else None,
        titles=_values(entity, "title") + _values(entity, "position"),
        listed_on=min(dates) if dates else None,
        source_url=source_url,
        extra={"datasets": ", ".join(entity["datasets"])} if entity.get("datasets") else {},
    )


def read_ftm(path: Path, *, source: str | None = None) -> ParsedList:
    """Read FtM entities, one JSON object per line."""
    list_source = source or "ftm"
    entities: list[dict[str, Any]] = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except ValueError as error:
            raise ListParseError(path, f"line {number}", f"not valid JSON: {error}") from error
        if not isinstance(entity, dict) or "id" not in entity or "schema" not in entity:
            raise ListParseError(path, f"line {number}", "not an FtM entity (needs id and schema)")
        entities.append(entity)
    by_id = {str(entity["id"]): entity for entity in entities}
    # Merged (yente) entities keep the ids they replaced as "referents"; links may use either.
    for entity in entities:
        for referent in entity.get("referents", []):
            by_id.setdefault(str(referent), entity)
    # Sanctions and documents point at their entity; index them by the entity they describe.
    linked: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        for prop in ("entity", "holder"):
            for target in _values(entity, prop):
                linked.setdefault(target, []).append(entity)
    entries = [
        entry
        for entity in entities
        if entity["schema"] in SCHEMA_TYPES
        and (entry := _entry(entity, linked, by_id, list_source))
    ]
    return ParsedList(source=list_source, entries=entries)


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")  # FtM ids allow letters, digits, dots, hyphens
_LEGAL_ENTITY = frozenset(
    [
        "address",
        "alias",
        "country",
        "dunsCode",
        "email",
        "idNumber",
        "innCode",
        "leiCode",
        "notes",
        "phone",
        "previousName",
        "program",
        "registrationNumber",
        "sourceUrl",
        "swiftBic",
        "taxNumber",
        "topics",
        "vatCode",
        "weakAlias",
        "website",
        "name",
    ]
)
# The properties each exported schema has in followthemoney 4.x; anything else is dropped
# rather than written, since yente rejects entities with unknown properties.
SCHEMA_PROPERTIES: dict[str, frozenset[str]] = {
    "Person": _LEGAL_ENTITY
    | {"birthDate", "birthPlace", "firstName", "lastName", "gender", "nationality"}
    | {"passportNumber", "position", "title"},
    "Organization": _LEGAL_ENTITY | {"imoNumber"},
    "LegalEntity": _LEGAL_ENTITY,
    "Vessel": frozenset(
        [
            "address",
            "alias",
            "callSign",
            "country",
            "flag",
            "imoNumber",
            "mmsi",
            "notes",
            "previousName",
            "program",
            "registrationNumber",
            "sourceUrl",
            "topics",
            "weakAlias",
            "name",
        ]
    ),
    "Airplane": frozenset(
        [
            "address",
            "alias",
            "country",
            "notes",
            "previousName",
            "program",
            "registrationNumber",
            "serialNumber",
            "sourceUrl",
            "topics",
            "weakAlias",
            "name",
        ]
    ),
}
_NAME_PROPERTIES = {
    NameKind.PRIMARY: "name",
    NameKind.NATIVE: "name",
    NameKind.AKA: "alias",
    NameKind.FKA: "previousName",
    NameKind.WEAK_AKA: "weakAlias",
}


def _ftm_date(birth_date: BirthDate) -> str:
    """FtM dates are ISO prefixes: "1960", "1960-08", "1960-08-31"."""
    if birth_date.date_from is None or birth_date.precision in {"range", "unknown"}:
        return birth_date.text
    if birth_date.precision == "year":
        return str(birth_date.date_from.year)
    if birth_date.precision == "month":
        return birth_date.date_from.isoformat()[:7]
    return birth_date.date_from.isoformat()


def entity_id(entry: ListEntry) -> str:
    """A stable FtM id for an entry: its list and the publisher's id."""
    return _ID_UNSAFE.sub("-", f"nonpro-{entry.source}-{entry.source_id}")


def to_ftm(entry: ListEntry) -> list[dict[str, Any]]:
    """The FtM entities for one entry: the thing itself, then a Sanction pointing at it."""
    schema = TYPE_SCHEMAS[entry.entity_type]
    allowed = SCHEMA_PROPERTIES[schema]
    props: dict[str, list[str]] = {}

    def add(prop: str, *values: str | None) -> None:
        if prop not in allowed:
            return
        for value in values:
            if value and value not in props.setdefault(prop, []):
                props[prop].append(value)

    for entry_name in entry.names:
        add(_NAME_PROPERTIES[entry_name.kind], entry_name.name)
    primary = entry.names[0]
    add("firstName", primary.given_name)
    add("lastName", primary.family_name)
    add("birthDate", *(_ftm_date(birth_date) for birth_date in entry.birth_dates))
    add("birthPlace", *entry.birth_places)
    add("nationality", *(code.lower() for code in entry.nationalities))
    add("gender", entry.gender)
    add("position", *entry.titles)
    add("flag" if schema == "Vessel" else "country", *(c.lower() for c in entry.countries))
    add("address", *(address.text for address in entry.addresses))
    for identifier in entry.identifiers:
        prop = EXPORT_PROPERTIES.get(identifier.kind)
        if prop is not None and prop not in allowed:
            prop = "idNumber"  # e.g. a company's passport-like document
        if prop == "imoNumber":
            add(prop, f"IMO{identifier.value}")  # FtM's identifier format for IMO numbers
        elif prop is not None:
            add(prop, identifier.value)
    add("program", *entry.programs)
    add("notes", entry.remarks)
    add("topics", "sanction")
    add("sourceUrl", entry.source_url)
    thing_id = entity_id(entry)
    sanction: dict[str, list[str]] = {"entity": [thing_id], "authority": [entry.source]}
    if entry.programs:
        sanction["program"] = list(entry.programs)
    if entry.listed_on:
        sanction["listingDate"] = [entry.listed_on.isoformat()]
    if entry.source_url:
        sanction["sourceUrl"] = [entry.source_url]
    return [
        {"id": thing_id, "schema": schema, "properties": props},
        {"id": f"{thing_id}-sanction", "schema": "Sanction", "properties": sanction},
    ]


def write_ftm(entries: Iterable[ListEntry], out: TextIO) -> int:
    """Write entries as FtM JSON lines; returns the number of entities written."""
    count = 0
    for entry in entries:
        for entity in to_ftm(entry):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
