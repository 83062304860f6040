"""trade.gov's Consolidated Screening List (CSL), CSV with a 29-column header, plain or gzipped.

The CSL merges thirteen U.S. export-screening lists; each row's ``source`` column names its
sub-list, kept as a tag ("SDN", "EL", "ISN", ...) so a hit says which list it came from.
Multi-valued cells are separated by "; ".
"""

from __future__ import annotations

import re
from pathlib import Path

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import (
    clean,
    country_code,
    parse_birth_date,
    parse_iso_date,
    split_values,
)
from nonpro.screening.formats._files import csv_rows, read_text, reading_record
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS
from nonpro.screening.schemas import (
    Address,
    EntityType,
    EntryName,
    Identifier,
    ListEntry,
    NameKind,
    ParsedList,
)

COLUMNS = [
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
]
_EXTRA_COLUMNS = [
    "federal_register_notice",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
]
_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_SUB_LIST = re.compile(r"\(([^)]+)\)")
_ISO_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_IMO = re.compile(r"^IMO\s+(\d{7})$")


def sub_list_code(source: str) -> str:
    """ "Specially Designated Nationals (SDN) - Treasury Department" -> "SDN";
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - ..." -> "MBS"."""
    match = _SUB_LIST.search(source)
    if match is None:
        return source.strip()
    code = match[1].strip()
    code = code.removeprefix("NS-").removesuffix(" List").strip()
    return code


def _address(text: str) -> Address:
    # "street, city, postal code, CC": the CSL ends each address with the ISO code.
    parts = [part.strip() for part in text.split(",")]
    last = parts[-1] if parts else ""
    code = last if _ISO_ALPHA2.match(last) else None
    return Address(text=text, country=code, country_name=last if code else None)


def _identifier(text: str) -> tuple[str, Identifier | None]:
    """ "JO, 2014-08-30, 2009-08-31, K475336, Passport" -> passport K475336 of Jordan.

    Returns the label and, where the label names an identifier, the identifier; other labelled
    facts ("Gender", "Target Type", ...) are returned with no identifier."""
    parts = [part.strip() for part in text.split(", ")]
    label = parts[-1]
    if len(parts) < 2 or (label not in IDENTIFIER_KINDS and "Digital Currency" not in label):
        return label, None
    value = parts[-2]
    country = parts[0] if len(parts) > 2 and _ISO_ALPHA2.match(parts[0]) else None
    kind = "crypto_wallet" if "Digital Currency" in label else IDENTIFIER_KINDS[label]
    if imo := _IMO.match(value):
        kind, value = "imo", imo[1]
    return label, Identifier(kind=kind, value=value, country=country, note=label)


def _row_entry(row: list[str], list_source: str) -> ListEntry:
    cell = dict(zip(COLUMNS, row, strict=True))
    entity_type = _ENTITY_TYPES.get(cell["type"].strip().lower(), EntityType.UNKNOWN)
    names = [EntryName(name=cell["name"].strip(), kind=NameKind.PRIMARY)]
    names += [EntryName(name=alias, kind=NameKind.AKA) for alias in split_values(cell["alt_names"])]
    if entity_type is EntityType.PERSON:
        names = [_with_parts(name) for name in names]
    identifiers: list[Identifier] = []
    extra: dict[str, str] = {}
    gender: str | None = None
    for text in split_values(cell["ids"]):
        label, identifier = _identifier(text)
        if identifier is not None:
            identifiers.append(identifier)
        elif label == "Gender":
            gender = text.split(",", 1)[0].strip().lower()
        else:
            value = text[: -len(label)].strip(" ,")
            extra[label] = f"{extra[label]}; {value}" if label in extra else value
    if call_sign := clean(cell["call_sign"]):
        identifiers.append(Identifier(kind="call_sign", value=call_sign, note="Call Sign"))
    nationalities: list[str] = []
    for code in split_values(cell["nationalities"]) + split_values(cell["citizenships"]):
        if code not in nationalities:
            nationalities.append(code)
    addresses = [_address(text) for text in split_values(cell["addresses"])]
    countries: list[str] = []
    for country in [a.country for a in addresses] + [country_code(cell["vessel_flag"])]:
        if country and country not in countries:
            countries.append(country)
    extra.update({name: cleaned for name in _EXTRA_COLUMNS if (cleaned := clean(cell[name]))})
    if entity_number := clean(cell["entity_number"]):
        extra["entity_number"] = entity_number  # OFAC's ent_num, for SDN and other OFAC rows
    title = clean(cell["title"])
    tag = sub_list_code(cell["source"])
    return ListEntry(
        source=list_source,
        # One OFAC entity can be on several sub-lists (SDN, SSI, CAP) under the same _id, one
        # row each; the sub-list keeps the ids unique within the publication.
        source_id=f"{tag}-{cell['_id'].strip()}",
        entity_type=entity_type,
        names=names,
        birth_dates=[
            birth_date
            for text in split_values(cell["dates_of_birth"])
            if (birth_date := parse_birth_date(text))
        ],
        birth_places=split_values(cell["places_of_birth"]),
        nationalities=nationalities,
        countries=countries,
        identifiers=identifiers,
        addresses=addresses,
        programs=split_values(cell["programs"]),
        tags=[tag],
        remarks=clean(cell["remarks"]),
        gender=gender,
        titles=[title] if title else [],
        listed_on=parse_iso_date(cell["start_date"]),
        source_url=clean(cell["source_information_url"]) or clean(cell["source_list_url"]),
        extra=extra,
    )


def _with_parts(name: EntryName) -> EntryName:
    if ", " not in name.name:
        return name
    family, given = name.name.split(", ", 1)
    return name.model_copy(update={"given_name": given.strip(), "family_name": family.strip()})


def read_csl(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the CSL CSV (``consolidated.csv`` or ``.csv.gz``)."""
    list_source = source or "csl"
    rows = csv_rows(path, read_text(path), columns=len(COLUMNS))
    header = next(rows, None)
    if header is None:
        raise ListParseError(path, None, "is empty")
    if [name.strip() for name in header[1]] != list(COLUMNS):
        missing = [name for name in COLUMNS if name not in header[1]]
        raise ListParseError(path, "line 1", f"not the CSL header; missing columns {missing}")
    entries: list[ListEntry] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if not row[5].strip():
            raise ListParseError(path, f"line {line}", "record has no name")
        with reading_record(path, f"line {line}"):
            entry = _row_entry(row, list_source)
        # The CSL occasionally repeats a record (same list, same _id); keep every row, as
        # published, but number the repeats so ids stay unique within the publication.
        seen[entry.source_id] = seen.get(entry.source_id, 0) + 1
        if seen[entry.source_id] > 1:
            warnings.append(f"line {line}: {entry.source_id} appears again; kept as a repeat")
            entry = entry.model_copy(
                update={"source_id": f"{entry.source_id}-{seen[entry.source_id]}"}
            )
        entries.append(entry)
    return ParsedList(
        source=list_source,
        entries=entries,
        warnings=warnings,
        format="csl_csv",
        files=[str(path)],
    )
