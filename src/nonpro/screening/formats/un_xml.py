"""The UN Security Council Consolidated List, official XML (``consolidated.xml``).

Root ``CONSOLIDATED_LIST`` (attribute ``dateGenerated``) holds ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``. Names come in up to four parts; aliases carry a QUALITY ("Good", "Low",
"a.k.a.", "f.k.a."); the UN calls its poor-quality aliases "Low", which we mark as weak.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import (
    country_code,
    parse_birth_date,
    parse_iso_date,
    script_of,
    year_range_birth_date,
)
from nonpro.screening.formats._xml import read_entries, text, texts
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

LIST_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
_ALIAS_KINDS = {
    "good": NameKind.AKA,
    "a.k.a.": NameKind.AKA,
    "low": NameKind.WEAK_AKA,
    "f.k.a.": NameKind.FKA,
}
_DOCUMENT_KINDS = {"passport": "passport", "national identification number": "national_id"}


def _joined(*parts: str | None, separator: str = ", ") -> str:
    return separator.join(part for part in parts if part)


def _birth_dates(record: Any) -> list[BirthDate]:
    found: list[BirthDate] = []
    for element in record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = (text(element, "TYPE_OF_DATE") or "EXACT").upper()
        from_year, to_year = text(element, "FROM_YEAR"), text(element, "TO_YEAR")
        printed = text(element, "DATE") or text(element, "YEAR")
        birth_date: BirthDate | None = None
        if kind == "BETWEEN" and from_year and to_year:
            birth_date = year_range_birth_date(
                f"{from_year} to {to_year}", int(from_year), int(to_year)
            )
        elif printed:
            birth_date = parse_birth_date(printed)
            if birth_date is not None and kind == "APPROXIMATELY":
                birth_date = birth_date.model_copy(update={"approximate": True})
        if birth_date is not None:
            found.append(birth_date)
    # A few aliases carry their own date of birth; it is still the person's.
    for printed in texts(record, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH"):
        if (birth_date := parse_birth_date(printed)) is not None:
            found.append(birth_date)
    return found


def _addresses(record: Any, tag: str) -> list[Address]:
    found: list[Address] = []
    for element in record.iterfind(tag):
        street, city = text(element, "STREET"), text(element, "CITY")
        province, zip_code = text(element, "STATE_PROVINCE"), text(element, "ZIP_CODE")
        country, note = text(element, "COUNTRY"), text(element, "NOTE")
        line = _joined(street, city, province, zip_code, country)
        if line or note:
            found.append(
                Address(
                    text=_joined(line, f"({note})" if note else None, separator=" "),
                    city=city,
                    country=country_code(country),
                    country_name=country,
                )
            )
    return found


def _documents(record: Any) -> list[Identifier]:
    found: list[Identifier] = []
    for element in record.iterfind("INDIVIDUAL_DOCUMENT"):
        number = text(element, "NUMBER")
        if not number:
            continue
        label = text(element, "TYPE_OF_DOCUMENT") or ""
        country = text(element, "ISSUING_COUNTRY") or text(element, "COUNTRY_OF_ISSUE")
        kind = _DOCUMENT_KINDS.get(label.lower())
        if kind is None:  # "Número de pasaporte", "Numéro de passeport"
            kind = "passport" if "pas" in label.lower() else "other"
        note = _joined(
            label, text(element, "TYPE_OF_DOCUMENT2"), text(element, "NOTE"), separator="; "
        )
        found.append(
            Identifier(kind=kind, value=number, country=country_code(country), note=note or None)
        )
    return found


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    is_person = record.tag == "INDIVIDUAL"
    data_id = text(record, "DATAID")
    name = _joined(
        *(text(record, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")),
        separator=" ",
    )
    if not data_id or not name:
        raise ListParseError(
            path, f"{record.tag}[DATAID={data_id}]", "record has no DATAID or name"
        )
    names = [EntryName(name=name, kind=NameKind.PRIMARY)]
    if original := text(record, "NAME_ORIGINAL_SCRIPT"):
        names.append(EntryName(name=original, kind=NameKind.NATIVE, script=script_of(original)))
    alias_tag = "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"
    for alias in record.iterfind(alias_tag):
        alias_name = text(alias, "ALIAS_NAME")
        if alias_name:
            quality = (text(alias, "QUALITY") or "good").lower()
            names.append(EntryName(name=alias_name, kind=_ALIAS_KINDS.get(quality, NameKind.AKA)))
    birth_places = [
        place
        for element in record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH")
        if (
            place := _joined(
                text(element, "CITY"), text(element, "STATE_PROVINCE"), text(element, "COUNTRY")
            )
        )
    ]
    addresses = _addresses(record, "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS")
    nationalities = [
        code for value in texts(record, "NATIONALITY/VALUE") if (code := country_code(value))
    ]
    countries = list(dict.fromkeys(address.country for address in addresses if address.country))
    reference = text(record, "REFERENCE_NUMBER")
    gender = text(record, "GENDER")
    extra = {"Reference number": reference} if reference else {}
    if updated := texts(record, "LAST_DAY_UPDATED/VALUE"):
        extra["Last updated"] = "; ".join(updated)
    return ListEntry(
        source=list_source,
        source_id=data_id,
        entity_type=EntityType.PERSON if is_person else EntityType.ORGANIZATION,
        names=names,
        birth_dates=_birth_dates(record) if is_person else [],
        birth_places=birth_places,
        nationalities=list(dict.fromkeys(nationalities)),
        countries=countries,
        identifiers=_documents(record),
        addresses=addresses,
        programs=texts(record, "UN_LIST_TYPE"),
        tags=["UN"],
        remarks=text(record, "COMMENTS1"),
        gender=gender.lower() if gender else None,
        titles=texts(record, "TITLE/VALUE") + texts(record, "DESIGNATION/VALUE"),
        listed_on=parse_iso_date(text(record, "LISTED_ON")),
        source_url=LIST_URL,
        extra=extra,
    )


def read_un_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the UN consolidated list XML."""
    list_source = source or "un"
    root: dict[str, str] = {}
    entries = read_entries(
        path,
        ("INDIVIDUAL", "ENTITY"),
        root,
        build=lambda record: _entry(record, list_source, path),
        describe=lambda record: f"{record.tag} at line {record.sourceline}",
    )
    if not entries:
        raise ListParseError(path, "CONSOLIDATED_LIST", "no INDIVIDUAL or ENTITY records")
    return ParsedList(
        source=list_source,
        publication_date=parse_iso_date(root.get("dateGenerated")),
        entries=entries,
        format="un_sc_xml",
        files=[str(path)],
    )
