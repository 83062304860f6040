"""Reading FollowTheMoney (FtM) entities as JSON lines, the exchange format of OpenSanctions,
yente and Aleph. The "thing" entities (persons, companies, vessels, aircraft) become list
entries, with the Address, Sanction, Passport and Identification entities that point at them
folded in. Writing FtM is in ``ftm_export``.

Only the JSON shape is needed, not the followthemoney library: entities are
``{"id", "schema", "properties": {name: [values]}}`` and every property is a list of strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import parse_birth_date, parse_iso_date, script_of
from nonpro.screening.formats._files import read_text, reading_record
from nonpro.screening.schemas import (
    Address,
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
        EntryName(
            name=name,
            kind=NameKind.PRIMARY if index == 0 else NameKind.AKA,
            script=script_of(name),
        )
        for index, name in enumerate(names)
    ]
    for prop, kind in NAME_PROPERTIES.items():
        result += [
            EntryName(name=name, kind=kind, script=script_of(name))
            for name in _values(entity, prop)
        ]
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


_FILE_SUFFIX = re.compile(r"(\.ftm)?\.(json|jsonl|ndjson)(\.gz)?$")


def read_ftm(path: Path, *, source: str | None = None) -> ParsedList:
    """Read FtM entities, one JSON object per line."""
    # Each file is its own dataset: two files in one folder must not replace each other's
    # snapshot, so the default list code carries the file's name ("ftm_zala_entities").
    list_source = source or "ftm_" + _FILE_SUFFIX.sub("", path.name.lower()).replace(".", "_")
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
    entries: list[ListEntry] = []
    for number, entity in enumerate(entities, start=1):
        if entity["schema"] not in SCHEMA_TYPES:
            continue
        with reading_record(path, f"entity {entity['id']} (record {number})"):
            if (entry := _entry(entity, linked, by_id, list_source)) is not None:
                entries.append(entry)
    return ParsedList(source=list_source, entries=entries, format="ftm_jsonl", files=[str(path)])
