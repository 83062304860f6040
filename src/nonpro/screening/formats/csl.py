"""trade.gov's Consolidated Screening List (CSL), CSV with a 29-column header, plain or gzipped.

The CSL merges thirteen U.S. export-screening lists; each row's ``source`` column names its
sub-list, kept as a tag ("SDN", "EL", "ISN", ...) so a hit says which list it came from.
Multi-valued cells are separated by "; ".
"""

from __future__ import annotations

import re
from pathlib import Path

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, typed_identifier
from nonpro.screening.formats._common import (
    US_ENTITY_TYPES,
    clean,
    country_code,
    parse_birth_date,
    parse_iso_date,
    split_values,
)
from nonpro.screening.formats._files import csv_after_header, reading_record
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS
from nonpro.screening.schemas import EntityType, ListEntry, NameKind, ParsedList

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
_SUB_LIST = re.compile(r"\(([^)]+)\)")
_ISO_ALPHA2 = re.compile(r"^[A-Z]{2}$")


def sub_list_code(source: str) -> str:
    """ "Specially Designated Nationals (SDN) - Treasury Department" -> "SDN";
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - ..." -> "MBS"."""
    match = _SUB_LIST.search(source)
    if match is None:
        return source.strip()
    code = match[1].strip()
    code = code.removeprefix("NS-").removesuffix(" List").strip()
    return code


def _add_address(builder: EntryBuilder, text: str) -> None:
    # "street, city, postal code, CC": the CSL ends each address with the ISO code.
    last = text.split(",")[-1].strip()
    code = last if _ISO_ALPHA2.match(last) else None
    builder.add_address(text, country=code, country_name=last if code else None)


def _add_id(builder: EntryBuilder, text: str) -> None:
    """ "JO, 2014-08-30, 2009-08-31, K475336, Passport" -> passport K475336 of Jordan.

    Other labelled facts ("Gender", "Target Type", ...) go to the gender and ``extra``."""
    parts = [part.strip() for part in text.split(", ")]
    label = parts[-1]
    if len(parts) >= 2 and (label in IDENTIFIER_KINDS or "Digital Currency" in label):
        country = parts[0] if len(parts) > 2 and _ISO_ALPHA2.match(parts[0]) else None
        kind = "crypto_wallet" if "Digital Currency" in label else IDENTIFIER_KINDS[label]
        kind, value = typed_identifier(kind, parts[-2])
        builder.add_identifier(kind, value, country=country, note=label)
    elif label == "Gender":
        builder.gender = text.split(",", 1)[0].strip().lower()
    else:
        builder.add_extra(label, text[: -len(label)].strip(" ,"))


def _row_entry(row: list[str], list_source: str) -> ListEntry:
    cell = dict(zip(COLUMNS, row, strict=True))
    tag = sub_list_code(cell["source"])
    builder = EntryBuilder(
        list_source,
        # One OFAC entity can be on several sub-lists (SDN, SSI, CAP) under the same _id, one
        # row each; the sub-list keeps the ids unique within the publication.
        f"{tag}-{cell['_id'].strip()}",
        US_ENTITY_TYPES.get(cell["type"].strip().lower(), EntityType.UNKNOWN),
        tags=[tag],
        source_url=clean(cell["source_information_url"]) or clean(cell["source_list_url"]),
    )
    for index, name in enumerate([cell["name"].strip(), *split_values(cell["alt_names"])]):
        given, family = _name_parts(name) if builder.is_person else (None, None)
        builder.add_name(
            name,
            NameKind.AKA if index else NameKind.PRIMARY,
            given_name=given,
            family_name=family,
        )
    for text in split_values(cell["ids"]):
        _add_id(builder, text)
    builder.add_identifier("call_sign", clean(cell["call_sign"]), note="Call Sign")
    for code in split_values(cell["nationalities"]) + split_values(cell["citizenships"]):
        builder.add_nationality(code)
    for text in split_values(cell["addresses"]):
        _add_address(builder, text)
    builder.add_country(country_code(cell["vessel_flag"]))
    builder.extra.update({name: value for name in _EXTRA_COLUMNS if (value := clean(cell[name]))})
    # OFAC's ent_num, for SDN and other OFAC rows.
    builder.add_extra("entity_number", clean(cell["entity_number"]))
    for text in split_values(cell["dates_of_birth"]):
        builder.add_birth_date(parse_birth_date(text))
    builder.birth_places += split_values(cell["places_of_birth"])
    builder.programs += split_values(cell["programs"])
    builder.add_remark(clean(cell["remarks"]))
    builder.add_title(clean(cell["title"]))
    builder.listed_on = parse_iso_date(cell["start_date"])
    return builder.build()


def _name_parts(name: str) -> tuple[str | None, str | None]:
    if ", " not in name:
        return None, None
    family, given = name.split(", ", 1)
    return given.strip(), family.strip()


def read_csl(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the CSL CSV (``consolidated.csv`` or ``.csv.gz``)."""
    list_source = source or "csl"
    rows = csv_after_header(path, COLUMNS, list_name="CSL")
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
