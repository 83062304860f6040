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
from nonpro.screening.formats._common import country_code, parse_birth_date, script_of
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, text, texts, with_xml_stream
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

XML_ROOTS = frozenset({"Designations"})
LIST_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "ship": EntityType.VESSEL,
}
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


def _names(record: Any) -> list[EntryName]:
    names: list[EntryName] = []
    for element in record.iterfind("Names/Name"):
        parts = [text(element, f"Name{number}") for number in range(1, 7)]
        whole = " ".join(part for part in parts if part)
        if not whole:
            continue
        name_type = (text(element, "NameType") or "").lower()
        strength = (text(element, "AliasStrength") or "").lower()
        if name_type == "primary name" and not any(n.kind is NameKind.PRIMARY for n in names):
            kind = NameKind.PRIMARY
        elif "low" in strength:
            kind = NameKind.WEAK_AKA
        else:
            kind = NameKind.AKA
        given = " ".join(part for part in parts[:5] if part) or None
        names.append(EntryName(name=whole, kind=kind, given_name=given, family_name=parts[5]))
    names.sort(key=lambda entry_name: entry_name.kind is not NameKind.PRIMARY)
    for native in texts(record, "NonLatinNames//NameNonLatinScript"):
        names.append(EntryName(name=native, kind=NameKind.NATIVE, script=script_of(native)))
    return names


def _addresses(record: Any) -> list[Address]:
    found: list[Address] = []
    for element in record.iterfind("Addresses/Address"):
        lines = [text(element, f"AddressLine{number}") for number in range(1, 7)]
        postal, country = text(element, "AddressPostalCode"), text(element, "AddressCountry")
        line = ", ".join(part for part in [*lines, postal, country] if part)
        if line:
            found.append(
                Address(
                    text=line, city=lines[5], country=country_code(country), country_name=country
                )
            )
    return found


def _identifiers(record: Any) -> list[Identifier]:
    found: list[Identifier] = []
    # Published files and third-party readers disagree on the item element's name
    # (PassportDetail or Passport), so any child of the details element is read.
    individual = "IndividualDetails/Individual/"
    for box, number_tag, note_tag, kind in (
        ("PassportDetails", "PassportNumber", "PassportAdditionalInformation", "passport"),
        (
            "NationalIdentifierDetails",
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
            "national_id",
        ),
    ):
        for element in record.iterfind(f"{individual}{box}/*"):
            if number := text(element, number_tag):
                found.append(Identifier(kind=kind, value=number, note=text(element, note_tag)))
    for imo in texts(record, "ShipDetails/Ship/IMONumbers/IMONumber"):
        value = imo.upper().removeprefix("IMO").strip()
        found.append(Identifier(kind="imo", value=value, note="IMO number"))
    for number in texts(record, "EntityDetails//BusinessRegistrationNumber"):
        found.append(
            Identifier(kind="registration", value=number, note="Business registration number")
        )
    found += [Identifier(kind="email", value=v) for v in texts(record, "EmailAddresses/*")]
    found += [Identifier(kind="phone", value=v) for v in texts(record, "PhoneNumbers/*")]
    return found


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    unique_id = text(record, "UniqueID")
    type_text = (text(record, "IndividualEntityShip") or "").lower()
    entity_type = _ENTITY_TYPES.get(type_text)
    names = _names(record)
    if not unique_id or entity_type is None or not names:
        raise ListParseError(
            path,
            f"Designation[UniqueID={unique_id}]",
            "record has no UniqueID, no known IndividualEntityShip or no name",
        )
    individual = "IndividualDetails/Individual/"
    birth_dates = [d for v in texts(record, individual + "DOBs/DOB") if (d := _uk_birth_date(v))]
    birth_places = [
        ", ".join(p for p in (text(loc, "TownOfBirth"), text(loc, "CountryOfBirth")) if p)
        for loc in record.iterfind(individual + "BirthDetails/Location")
    ]
    nationalities = [
        c for v in texts(record, individual + "Nationalities/Nationality") if (c := country_code(v))
    ]
    addresses = _addresses(record)
    flags = [
        c
        for v in texts(
            record, "ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"
        )
        if (c := country_code(v))
    ]
    genders = texts(record, individual + "Genders/Gender")
    remarks = [
        v for v in (text(record, "OtherInformation"), text(record, "UKStatementofReasons")) if v
    ]
    extra = {
        label: value
        for label, tag in (
            ("UN reference", "UNReferenceNumber"),
            ("Last updated", "LastUpdated"),
            ("Sanctions imposed", "SanctionsImposed"),
            ("Designation source", "DesignationSource"),
        )
        if (value := text(record, tag))
    }
    return ListEntry(
        source=list_source,
        source_id=unique_id,
        entity_type=entity_type,
        names=names,
        birth_dates=birth_dates,
        birth_places=[p for p in birth_places if p],
        nationalities=list(dict.fromkeys(nationalities)),
        countries=list(dict.fromkeys([*(a.country for a in addresses if a.country), *flags])),
        identifiers=_identifiers(record),
        addresses=addresses,
        programs=texts(record, "RegimeName"),
        tags=["UK"],
        remarks="\n\n".join(remarks) or None,
        gender=genders[0].lower() if genders else None,
        titles=texts(record, individual + "Positions/Position")
        + texts(record, individual + "Title"),
        listed_on=uk_date(text(record, "DateDesignated")),
        source_url=LIST_URL,
        extra=extra,
    )


def read_uk_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the UK Sanctions List XML (``UK_Sanctions_List.xml``)."""
    list_source = source or "uk"
    root: dict[str, str] = {}
    entries: list[ListEntry] = []
    dates: list[date | None] = []

    def read(stream: Path | IO[bytes]) -> None:
        for record in iter_records(path, stream, ("Designation", "DateGenerated"), root):
            if record.tag == "DateGenerated":
                dates.append(uk_date(record.text) or _iso(record.text))
            else:
                with reading_record(path, f"Designation at line {record.sourceline}"):
                    entries.append(_entry(record, list_source, path))

    with_xml_stream(path, read)
    if not entries:
        raise ListParseError(path, "Designations", "no Designation records")
    generated = next((day for day in dates if day), None)
    generated = generated or _iso(root.get("DateGenerated")) or uk_date(root.get("DateGenerated"))
    return ParsedList(
        source=list_source,
        publication_date=generated,
        entries=entries,
        format="uk_sanctions_list_xml",
        files=[str(path)],
    )


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None
