"""The EU Financial Sanctions Files (FSF) consolidated list, XML format 1.1.

Root ``export`` (namespace ``http://eu.europa.ec/fpi/fsd/export``, attribute ``generationDate``)
holds ``sanctionEntity`` records (attributes ``logicalId``, ``euReferenceNumber``,
``designationDate``, ``unitedNationId``). Facts are attributes of child elements:
``subjectType@code`` ("person", "enterprise"), ``nameAlias`` (``wholeName``, ``firstName``,
``lastName``, ``strong``, ``gender``, ``title``, ``function``, ``nameLanguage``),
``birthdate`` (``birthdate`` or ``year``/``monthOfYear``/``dayOfMonth``, ``yearRangeFrom``/``To``,
``circa``, ``city``, ``place``, ``countryIso2Code``), ``citizenship``, ``address``,
``identification`` (``number``, ``identificationTypeCode``, ``countryIso2Code``),
``regulation@programme`` with ``publicationUrl``, and ``remark`` text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import (
    country_code,
    parse_birth_date,
    parse_iso_date,
    script_of,
)
from nonpro.screening.formats._xml import read_xml_list
from nonpro.screening.schemas import BirthDate, EntityType, ListEntry, NameKind, ParsedList

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
_NS = f"{{{NAMESPACE}}}"
_SUBJECT_TYPES = {"person": EntityType.PERSON, "enterprise": EntityType.ORGANIZATION}
_DOCUMENT_KINDS = {
    "passport": "passport",
    "id": "national_id",
    "fiscalcode": "tax_id",
    "regnumber": "registration",
    "swiftbic": "swift",
    "imo": "imo",
    "other": "other",
}
_GENDERS = {"M": "male", "F": "female"}
_ADDRESS_PARTS = ("street", "poBox", "zipCode", "city", "place", "region")


def _children(record: Any, tag: str) -> list[Any]:
    return list(record.iterfind(_NS + tag)) + list(record.iterfind(tag))


def _attr(element: Any, name: str) -> str | None:
    value = element.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _country(element: Any) -> str | None:
    code = _attr(element, "countryIso2Code")
    if code and code not in {"00", "XX"}:
        return code.upper()
    description = _attr(element, "countryDescription")
    return country_code(description) if description and description != "UNKNOWN" else None


def _birth_date(element: Any) -> BirthDate | None:
    circa = _attr(element, "circa") == "true"
    full = _attr(element, "birthdate")
    year, month, day = (_attr(element, key) for key in ("year", "monthOfYear", "dayOfMonth"))
    range_from, range_to = _attr(element, "yearRangeFrom"), _attr(element, "yearRangeTo")
    result: BirthDate | None = None
    if full:
        result = parse_birth_date(full)
    elif year and month and day:
        result = parse_birth_date(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")
    elif year and month:
        result = parse_birth_date(f"{int(year):04d}-{int(month):02d}")
    elif year:
        result = parse_birth_date(year)
    elif range_from and range_to:
        result = BirthDate(
            text=f"{range_from} to {range_to}",
            date_from=date(int(range_from), 1, 1),
            date_to=date(int(range_to), 12, 31),
            precision="range",
        )
    if result is not None and circa:
        result = result.model_copy(update={"approximate": True})
    return result


def _add_address(builder: EntryBuilder, element: Any) -> None:
    parts = [_attr(element, key) for key in _ADDRESS_PARTS]
    country_name = _attr(element, "countryDescription")
    if country_name == "UNKNOWN":
        country_name = None
    builder.add_address(
        joined(*parts, country_name),
        city=_attr(element, "city"),
        country_name=country_name,
        country=_country(element),
    )


def _add_names(builder: EntryBuilder, record: Any) -> None:
    for alias in _children(record, "nameAlias"):
        given, family = _attr(alias, "firstName"), _attr(alias, "lastName")
        whole = _attr(alias, "wholeName") or joined(
            given, _attr(alias, "middleName"), family, separator=" "
        )
        if not whole:
            continue
        builder.add_name(
            whole,
            NameKind.AKA if builder.names else NameKind.PRIMARY,
            # The EU marks poor-quality aliases strong="false".
            weak=_attr(alias, "strong") == "false",
            given_name=given,
            family_name=family,
            script=script_of(whole),
        )
        builder.add_title(_attr(alias, "title"))
        builder.add_title(_attr(alias, "function"))
        builder.gender = builder.gender or _GENDERS.get(_attr(alias, "gender") or "")


def _add_births(builder: EntryBuilder, record: Any) -> None:
    for element in _children(record, "birthdate"):
        builder.add_birth_date(_birth_date(element))
        place = (_attr(element, key) for key in ("city", "place", "countryDescription"))
        builder.add_birth_place(joined(*(p for p in place if p != "UNKNOWN")))


def _add_regulations(builder: EntryBuilder, record: Any) -> None:
    for regulation in _children(record, "regulation"):
        builder.add_program(_attr(regulation, "programme"))
        for url in _children(regulation, "publicationUrl"):
            if url.text and builder.source_url is None:
                builder.source_url = str(url.text).strip()


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    logical_id = _attr(record, "logicalId")
    reference = _attr(record, "euReferenceNumber")
    subjects = _children(record, "subjectType")
    code = _attr(subjects[0], "code") if subjects else None
    entity_type = _SUBJECT_TYPES.get(code or "", EntityType.UNKNOWN)
    builder = EntryBuilder(list_source, logical_id or reference or "", entity_type, tags=["EU"])
    _add_names(builder, record)
    if not (logical_id or reference) or not builder.names:
        raise ListParseError(
            path, f"sanctionEntity[logicalId={logical_id}]", "record has no id or no name"
        )
    _add_births(builder, record)
    for element in _children(record, "citizenship"):
        builder.add_nationality(_country(element))
    for element in _children(record, "identification"):
        builder.add_identifier(
            _DOCUMENT_KINDS.get((_attr(element, "identificationTypeCode") or "").lower(), "other"),
            _attr(element, "number") or _attr(element, "latinNumber"),
            country=_country(element),
            note=_attr(element, "identificationTypeDescription"),
        )
    for element in _children(record, "address"):
        _add_address(builder, element)
    _add_regulations(builder, record)
    for element in _children(record, "remark"):
        builder.add_remark(str(element.text).strip() if element.text else None)
    builder.add_extra("EU reference number", reference)
    builder.add_extra("UN reference", _attr(record, "unitedNationId"))
    builder.listed_on = parse_iso_date(_attr(record, "designationDate"))
    return builder.build()


def read_eu_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the EU FSF consolidated list XML (format 1.1)."""
    list_source = source or "eu"
    return read_xml_list(
        path,
        list_source,
        tags=("{*}sanctionEntity", "sanctionEntity"),
        build=lambda record: _entry(record, list_source, path),
        describe=lambda record: f"sanctionEntity at line {record.sourceline}",
        format_name="eu_fsf_xml",
        date_attribute="generationDate",
        empty=("export", "sanctionEntity"),
    )
