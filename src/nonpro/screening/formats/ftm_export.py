"""Writing list entries as FollowTheMoney (FtM) JSON lines, for yente, Aleph and OpenSanctions
tools: one "thing" entity per entry (Person, Organization, Vessel, Airplane or LegalEntity) and a
Sanction entity pointing at it with the programs, listing date and source link.

The followthemoney library builds the entities: a property the schema does not have is left out
(yente refuses it), countries and the listing date are checked as FtM types, and other values
are written as the list published them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from nonpro.screening.formats.ftm import IDENTIFIER_PROPERTIES, ftm_model
from nonpro.screening.schemas import BirthDate, EntityType, ListEntry, NameKind

if TYPE_CHECKING:
    from followthemoney import EntityProxy

TYPE_SCHEMAS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
}
# Our identifier kind -> the FtM property it is written as: the first property read as that
# kind (so a tax id is a taxNumber, not an innCode), and two kinds FtM has no own property for.
EXPORT_PROPERTIES = {kind: prop for prop, kind in reversed(IDENTIFIER_PROPERTIES.items())} | {
    "drivers_license": "idNumber",
    "aircraft_registration": "registrationNumber",
}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")  # FtM ids allow letters, digits, dots, hyphens
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


def _thing(entry: ListEntry) -> EntityProxy:
    thing = ftm_model().make_entity(TYPE_SCHEMAS[entry.entity_type])
    thing.id = entity_id(entry)

    def add(prop: str, *values: str | None, validate: bool = False) -> None:
        # quiet: a property the schema does not have is left out, as yente would refuse it.
        # Text is written as published; ``validate`` lets FtM check values of its own types
        # (countries), so an obsolete code becomes today's and an unknown one is left out.
        present = [value for value in values if value]
        thing.add(prop, present, quiet=True, cleaned=not validate)

    for entry_name in entry.names:
        add(_NAME_PROPERTIES[entry_name.kind], entry_name.name)
    primary = entry.names[0]
    add("firstName", primary.given_name)
    add("lastName", primary.family_name)
    add("birthDate", *(_ftm_date(birth_date) for birth_date in entry.birth_dates))
    add("birthPlace", *entry.birth_places)
    add("nationality", *(code.lower() for code in entry.nationalities), validate=True)
    add("gender", entry.gender)
    add("position", *entry.titles)
    countries = (code.lower() for code in entry.countries)
    add("flag" if thing.schema.name == "Vessel" else "country", *countries, validate=True)
    add("address", *(address.text for address in entry.addresses))
    for identifier in entry.identifiers:
        prop = EXPORT_PROPERTIES.get(identifier.kind)
        if prop is not None and thing.schema.get(prop) is None:
            prop = "idNumber"  # e.g. a company's passport-like document
        if prop == "imoNumber":
            add(prop, f"IMO{identifier.value}")  # FtM's identifier format for IMO numbers
        elif prop is not None:
            add(prop, identifier.value)
    add("program", *entry.programs)
    add("notes", entry.remarks)
    add("topics", "sanction")
    add("sourceUrl", entry.source_url)
    return thing


def _sanction(entry: ListEntry, thing: EntityProxy) -> EntityProxy:
    sanction = ftm_model().make_entity("Sanction")
    sanction.id = f"{thing.id}-sanction"
    sanction.add("entity", thing.id, cleaned=True)
    sanction.add("authority", entry.source, cleaned=True)
    sanction.add("program", entry.programs, cleaned=True)
    # FtM checks the date: a year misprinted as "0017" is left out rather than exported.
    sanction.add("listingDate", entry.listed_on.isoformat() if entry.listed_on else None)
    sanction.add("sourceUrl", entry.source_url, cleaned=True)
    return sanction


def to_ftm(entry: ListEntry) -> list[dict[str, Any]]:
    """The FtM entities for one entry: the thing itself, then a Sanction pointing at it."""
    thing = _thing(entry)
    # "datasets" names the list, as in OpenSanctions exports, so yente can filter by it.
    return [
        entity.to_dict() | {"datasets": [entry.source]}
        for entity in (thing, _sanction(entry, thing))
    ]


def write_ftm(entries: Iterable[ListEntry], out: TextIO) -> int:
    """Write entries as FtM JSON lines; returns the number of entities written."""
    count = 0
    for entry in entries:
        for entity in to_ftm(entry):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
