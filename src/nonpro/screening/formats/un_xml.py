"""The UN Security Council Consolidated List, official XML (``consolidated.xml``).

Root ``CONSOLIDATED_LIST`` (attribute ``dateGenerated``) holds ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``. Names come in up to four parts; aliases carry a QUALITY ("Good", "Low",
"a.k.a.", "f.k.a."); the UN calls its poor-quality aliases "Low", which we mark as weak.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import (
    country_code,
    parse_birth_date,
    parse_iso_date,
    script_of,
    year_range_birth_date,
)
from nonpro.screening.formats._xml import read_xml_list, text, texts
from nonpro.screening.schemas import BirthDate, EntityType, ListEntry, NameKind, ParsedList

LIST_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
_ALIAS_KINDS = {
    "good": NameKind.AKA,
    "a.k.a.": NameKind.AKA,
    "low": NameKind.WEAK_AKA,
    "f.k.a.": NameKind.FKA,
}
_DOCUMENT_KINDS = {"passport": "passport", "national identification number": "national_id"}


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


def _add_addresses(builder: EntryBuilder, record: Any, tag: str) -> None:
    for element in record.iterfind(tag):
        street, city = text(element, "STREET"), text(element, "CITY")
        province, zip_code = text(element, "STATE_PROVINCE"), text(element, "ZIP_CODE")
        country, note = text(element, "COUNTRY"), text(element, "NOTE")
        line = joined(street, city, province, zip_code, country)
        builder.add_address(
            joined(line, f"({note})" if note else None, separator=" "),
            city=city,
            country_name=country,
        )


def _add_documents(builder: EntryBuilder, record: Any) -> None:
    for element in record.iterfind("INDIVIDUAL_DOCUMENT"):
        label = text(element, "TYPE_OF_DOCUMENT") or ""
        country = text(element, "ISSUING_COUNTRY") or text(element, "COUNTRY_OF_ISSUE")
        kind = _DOCUMENT_KINDS.get(label.lower())
        if kind is None:  # "Número de pasaporte", "Numéro de passeport"
            kind = "passport" if "pas" in label.lower() else "other"
        note = joined(
            label, text(element, "TYPE_OF_DOCUMENT2"), text(element, "NOTE"), separator="; "
        )
        builder.add_identifier(
            kind, text(element, "NUMBER"), country=country_code(country), note=note or None
        )


def _add_names(builder: EntryBuilder, record: Any, alias_tag: str) -> None:
    parts = (
        text(record, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    )
    builder.add_name(joined(*parts, separator=" "), NameKind.PRIMARY)
    original = text(record, "NAME_ORIGINAL_SCRIPT")
    builder.add_name(original, NameKind.NATIVE, script=script_of(original) if original else None)
    for alias in record.iterfind(alias_tag):
        quality = (text(alias, "QUALITY") or "good").lower()
        builder.add_name(text(alias, "ALIAS_NAME"), _ALIAS_KINDS.get(quality, NameKind.AKA))


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    is_person = record.tag == "INDIVIDUAL"
    data_id = text(record, "DATAID")
    builder = EntryBuilder(
        list_source,
        data_id or "",
        EntityType.PERSON if is_person else EntityType.ORGANIZATION,
        tags=["UN"],
        source_url=LIST_URL,
    )
    _add_names(builder, record, "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS")
    if not data_id or not builder.names or builder.names[0].kind is not NameKind.PRIMARY:
        raise ListParseError(
            path, f"{record.tag}[DATAID={data_id}]", "record has no DATAID or name"
        )
    if is_person:
        builder.birth_dates += _birth_dates(record)
    for element in record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        builder.add_birth_place(
            joined(text(element, "CITY"), text(element, "STATE_PROVINCE"), text(element, "COUNTRY"))
        )
    for value in texts(record, "NATIONALITY/VALUE"):
        builder.add_nationality(country_code(value))
    _add_addresses(builder, record, "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS")
    _add_documents(builder, record)
    builder.programs += texts(record, "UN_LIST_TYPE")
    builder.add_remark(text(record, "COMMENTS1"))
    gender = text(record, "GENDER")
    builder.gender = gender.lower() if gender else None
    # Titles as printed, repeats included: the entry's stored content stays what it was.
    builder.titles += texts(record, "TITLE/VALUE") + texts(record, "DESIGNATION/VALUE")
    builder.listed_on = parse_iso_date(text(record, "LISTED_ON"))
    builder.add_extra("Reference number", text(record, "REFERENCE_NUMBER"))
    builder.add_extra("Last updated", "; ".join(texts(record, "LAST_DAY_UPDATED/VALUE")))
    return builder.build()


def read_un_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the UN consolidated list XML."""
    list_source = source or "un"
    return read_xml_list(
        path,
        list_source,
        tags=("INDIVIDUAL", "ENTITY"),
        build=lambda record: _entry(record, list_source, path),
        describe=lambda record: f"{record.tag} at line {record.sourceline}",
        format_name="un_sc_xml",
        date_attribute="dateGenerated",
        empty=("CONSOLIDATED_LIST", "INDIVIDUAL or ENTITY"),
    )
