"""Writing list entries as FollowTheMoney (FtM) JSON lines, for yente, Aleph and OpenSanctions
tools: one "thing" entity per entry (Person, Organization, Vessel, Airplane or LegalEntity) and a
Sanction entity pointing at it with the programs, listing date and source link.

Properties are limited to those each schema has in followthemoney 4.x (checked against
followthemoney 4.11.2), so the output loads without the library's validation dropping entities.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from nonpro.screening.schemas import BirthDate, EntityType, ListEntry, NameKind

TYPE_SCHEMAS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
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
        # "datasets" names the list, as in OpenSanctions exports, so yente can filter by it.
        {"id": thing_id, "schema": schema, "properties": props, "datasets": [entry.source]},
        {
            "id": f"{thing_id}-sanction",
            "schema": "Sanction",
            "properties": sanction,
            "datasets": [entry.source],
        },
    ]


def write_ftm(entries: Iterable[ListEntry], out: TextIO) -> int:
    """Write entries as FtM JSON lines; returns the number of entities written."""
    count = 0
    for entry in entries:
        for entity in to_ftm(entry):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
