"""The UK Sanctions List (FCDO), XML format.

Root ``Designations`` holds ``Designation`` records: ``UniqueID``, ``LastUpdated``,
``DateDesignated`` (dd/mm/yyyy), ``RegimeName``, ``IndividualEntityShip`` ("Individual",
"Entity", "Ship"), ``Names/Name`` (``Name1``..``Name6`` with Name6 the family name, ``NameType``
"Primary Name", "Primary Name Variation" or "Alias", optional ``AliasStrength``),
``NonLatinNames/NonLatinName/NameNonLatinScript``, ``Addresses/Address`` (``AddressLine1``..6,
``AddressPostalCode``, ``AddressCountry``), ``IndividualDetails/Individual`` (``DOBs/DOB``,
``Nationalities/Nationality``, ``BirthDetails/Location``, ``Positions/Position``, ``Genders``,
passport and national identifier details), ``ShipDetails/Ship`` (``IMONumbers/IMONumber``,
``CurrentBelievedFlagOfShips``), ``OtherInformation`` and ``UKStatementofReasons``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import IO, Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import (
    country_code,
    parse_birth_date,
    parse_iso_date,
    script_of,
)
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, text, texts, with_xml_stream, xml_list
from nonpro.screening.schemas import BirthDate, EntityType, ListEntry, NameKind, ParsedList

XML_ROOTS = frozenset({"Designations"})
LIST_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "ship": EntityType.VESSEL,
}
_INDIVIDUAL = "IndividualDetails/Individual/"
_EXTRA_FIELDS = (
    ("UN reference", "UNReferenceNumber"),
    ("Last updated", "LastUpdated"),
    ("Sanctions imposed", "SanctionsImposed"),
    ("Designation source", "DesignationSource"),
)
# UK dates are dd/mm/yyyy; unknown parts are printed as "dd" or "mm" ("dd/mm/1970").
_UK_DATE = re.compile(r"^(\d{2}|dd)/(\d{2}|mm)/(\d{4})$", re.IGNORECASE)


def uk_date(printed: str | None) -> date | None:
    if not printed or not (match := _UK_DATE.match(printed.strip())):
        return None
    day, month, year = match.groups()
    try:
        return date(
            int(year), int(month) if month.isdigit() else 1, int(day) if day.isdigit() else 1
        )
    except ValueError:
        return None


def _uk_birth_date(printed: str) -> BirthDate | None:
    match = _UK_DATE.match(printed.strip())
    if match is None:
        return parse_birth_date(printed)
    day, month, year = match.groups()
    if day.isdigit() and month.isdigit():
        iso = f"{year}-{month}-{day}"
    elif month.isdigit():
        iso = f"{year}-{month}"
    else:
        iso = year
    result = parse_birth_date(iso)
    return result.model_copy(update={"text": printed.strip()}) if result else None


def _add_names(builder: EntryBuilder, record: Any) -> None:
    for element in record.iterfind("Names/Name"):
        parts = [text(element, f"Name{number}") for number in range(1, 7)]
        name_type = (text(element, "NameType") or "").lower()
        strength = (text(element, "AliasStrength") or "").lower()
        primary = name_type == "primary name" and not any(
            n.kind is NameKind.PRIMARY for n in builder.names
        )
        builder.add_name(
            joined(*parts, separator=" "),
            NameKind.PRIMARY if primary else NameKind.AKA,
            weak=not primary and "low" in strength,  # "Low quality a.k.a."
            given_name=joined(*parts[:5], separator=" ") or None,
            family_name=parts[5],
        )
    builder.primary_first()
    for native in texts(record, "NonLatinNames//NameNonLatinScript"):
        builder.add_name(native, NameKind.NATIVE, script=script_of(native))


def _add_addresses(builder: EntryBuilder, record: Any) -> None:
    for element in record.iterfind("Addresses/Address"):
        lines = [text(element, f"AddressLine{number}") for number in range(1, 7)]
        postal, country = text(element, "AddressPostalCode"), text(element, "AddressCountry")
        builder.add_address(joined(*lines, postal, country), city=lines[5], country_name=country)


# Published files and third-party readers disagree on the item element's name (PassportDetail
# or Passport), so any child of the details element is read.
_DOCUMENTS = (
    ("PassportDetails", "PassportNumber", "PassportAdditionalInformation", "passport"),
    (
        "NationalIdentifierDetails",
        "NationalIdentifierNumber",
        "NationalIdentifierAdditionalInformation",
        "national_id",
    ),
)


def _add_identifiers(builder: EntryBuilder, record: Any) -> None:
    for box, number_tag, note_tag, kind in _DOCUMENTS:
        for element in record.iterfind(f"{_INDIVIDUAL}{box}/*"):
            builder.add_identifier(kind, text(element, number_tag), note=text(element, note_tag))
    for imo in texts(record, "ShipDetails/Ship/IMONumbers/IMONumber"):
        value = imo.upper().removeprefix("IMO").strip()
        builder.add_identifier("imo", value, note="IMO number")
    for number in texts(record, "EntityDetails//BusinessRegistrationNumber"):
        builder.add_identifier("registration", number, note="Business registration number")
    for value in texts(record, "EmailAddresses/*"):
        builder.add_identifier("email", value)
    for value in texts(record, "PhoneNumbers/*"):
        builder.add_identifier("phone", value)


def _add_individual(builder: EntryBuilder, record: Any) -> None:
    for printed in texts(record, _INDIVIDUAL + "DOBs/DOB"):
        builder.add_birth_date(_uk_birth_date(printed))
    for location in record.iterfind(_INDIVIDUAL + "BirthDetails/Location"):
        town, country = text(location, "TownOfBirth"), text(location, "CountryOfBirth")
        builder.add_birth_place(joined(town, country))
    for value in texts(record, _INDIVIDUAL + "Nationalities/Nationality"):
        builder.add_nationality(country_code(value))
    genders = texts(record, _INDIVIDUAL + "Genders/Gender")
    builder.gender = genders[0].lower() if genders else None
    for title in texts(record, _INDIVIDUAL + "Positions/Position") + texts(
        record, _INDIVIDUAL + "Title"
    ):
        builder.titles.append(title)


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    unique_id = text(record, "UniqueID")
    type_text = (text(record, "IndividualEntityShip") or "").lower()
    entity_type = _ENTITY_TYPES.get(type_text)
    builder = EntryBuilder(
        list_source,
        unique_id or "",
        entity_type or EntityType.UNKNOWN,
        tags=["UK"],
        source_url=LIST_URL,
    )
    _add_names(builder, record)
    if not unique_id or entity_type is None or not builder.names:
        raise ListParseError(
            path,
            f"Designation[UniqueID={unique_id}]",
            "record has no UniqueID, no known IndividualEntityShip or no name",
        )
    _add_individual(builder, record)
    _add_addresses(builder, record)
    flags = "ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"
    for value in texts(record, flags):
        builder.add_country(country_code(value))
    _add_identifiers(builder, record)
    for program in texts(record, "RegimeName"):
        builder.programs.append(program)
    builder.add_remark(text(record, "OtherInformation"))
    builder.add_remark(text(record, "UKStatementofReasons"))
    for label, tag in _EXTRA_FIELDS:
        builder.add_extra(label, text(record, tag))
    builder.listed_on = uk_date(text(record, "DateDesignated"))
    return builder.build(remarks_separator="\n\n")


def read_uk_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the UK Sanctions List XML (``UK_Sanctions_List.xml``)."""
    list_source = source or "uk"
    root: dict[str, str] = {}
    entries: list[ListEntry] = []
    dates: list[date | None] = []

    def read(stream: Path | IO[bytes]) -> None:
        for record in iter_records(path, stream, ("Designation", "DateGenerated"), root):
            if record.tag == "DateGenerated":
                dates.append(uk_date(record.text) or parse_iso_date(record.text))
            else:
                with reading_record(path, f"Designation at line {record.sourceline}"):
                    entries.append(_entry(record, list_source, path))

    with_xml_stream(path, read)
    generated = next((day for day in dates if day), None)
    printed = root.get("DateGenerated")
    return xml_list(
        path,
        list_source,
        entries,
        format_name="uk_sanctions_list_xml",
        published=generated or parse_iso_date(printed) or uk_date(printed),
        empty=("Designations", "Designation"),
    )
