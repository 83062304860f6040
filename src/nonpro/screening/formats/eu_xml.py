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
from nonpro.screening.formats._common import (
    country_code,
    parse_birth_date,
    parse_iso_date,
    script_of,
)
from nonpro.screening.formats._xml import read_entries
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


def _address(element: Any) -> Address | None:
    parts = [
        _attr(element, key) for key in ("street", "poBox", "zipCode", "city", "place", "region")
    ]
    country_name = _attr(element, "countryDescription")
    if country_name == "UNKNOWN":
        country_name = None
    line = ", ".join(part for part in [*parts, country_name] if part)
    if not line:
        return None
    return Address(
        text=line,
        city=_attr(element, "city"),
        country=_country(element),
        country_name=country_name,
    )


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    logical_id = _attr(record, "logicalId")
    reference = _attr(record, "euReferenceNumber")
    subjects = _children(record, "subjectType")
    code = _attr(subjects[0], "code") if subjects else None
    entity_type = _SUBJECT_TYPES.get(code or "", EntityType.UNKNOWN)
    names: list[EntryName] = []
    titles: list[str] = []
    gender: str | None = None
    for alias in _children(record, "nameAlias"):
        whole = _attr(alias, "wholeName")
        if not whole:
            whole = " ".join(
                part
                for part in (_attr(alias, k) for k in ("firstName", "middleName", "lastName"))
                if part
            )
        if not whole:
            continue
        kind = NameKind.AKA if names else NameKind.PRIMARY
        if _attr(alias, "strong") == "false":
            kind = NameKind.WEAK_AKA  # the EU marks poor-quality aliases strong="false"
        names.append(
            EntryName(
                name=whole,
                kind=kind,
                given_name=_attr(alias, "firstName"),
                family_name=_attr(alias, "lastName"),
                script=script_of(whole),
            )
        )
        titles += [t for t in (_attr(alias, "title"), _attr(alias, "function")) if t]
        gender = gender or _GENDERS.get(_attr(alias, "gender") or "")
    if not (logical_id or reference) or not names:
        raise ListParseError(
            path, f"sanctionEntity[logicalId={logical_id}]", "record has no id or no name"
        )
    birth_dates: list[BirthDate] = []
    birth_places: list[str] = []
    for element in _children(record, "birthdate"):
        if (birth_date := _birth_date(element)) is not None:
            birth_dates.append(birth_date)
        place = ", ".join(
            p
            for p in (
                _attr(element, "city"),
                _attr(element, "place"),
                _attr(element, "countryDescription"),
            )
            if p and p != "UNKNOWN"
        )
        if place:
            birth_places.append(place)
    nationalities = [c for e in _children(record, "citizenship") if (c := _country(e))]
    identifiers = [
        Identifier(
            kind=_DOCUMENT_KINDS.get((_attr(e, "identificationTypeCode") or "").lower(), "other"),
            value=number,
            country=_country(e),
            note=_attr(e, "identificationTypeDescription"),
        )
        for e in _children(record, "identification")
        if (number := _attr(e, "number") or _attr(e, "latinNumber"))
    ]
    addresses = [a for e in _children(record, "address") if (a := _address(e))]
    regulations = _children(record, "regulation")
    programs = list(dict.fromkeys(p for e in regulations if (p := _attr(e, "programme"))))
    urls = [
        str(u.text).strip() for e in regulations for u in _children(e, "publicationUrl") if u.text
    ]
    remarks = [
        str(e.text).strip() for e in _children(record, "remark") if e.text and e.text.strip()
    ]
    extra = {"EU reference number": reference} if reference else {}
    if un_id := _attr(record, "unitedNationId"):
        extra["UN reference"] = un_id
    return ListEntry(
        source=list_source,
        source_id=logical_id or reference or "",
        entity_type=entity_type,
        names=names,
        birth_dates=birth_dates,
        birth_places=birth_places,
        nationalities=list(dict.fromkeys(nationalities)),
        countries=list(dict.fromkeys(a.country for a in addresses if a.country)),
        identifiers=identifiers,
        addresses=addresses,
        programs=programs,
        tags=["EU"],
        remarks="\n".join(remarks) or None,
        gender=gender,
        titles=list(dict.fromkeys(titles)),
        listed_on=parse_iso_date(_attr(record, "designationDate")),
        source_url=urls[0] if urls else None,
        extra=extra,
    )


def read_eu_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the EU FSF consolidated list XML (format 1.1)."""
    list_source = source or "eu"
    root: dict[str, str] = {}
    entries = read_entries(
        path,
        ("{*}sanctionEntity", "sanctionEntity"),
        root,
        build=lambda record: _entry(record, list_source, path),
        describe=lambda record: f"sanctionEntity at line {record.sourceline}",
    )
    if not entries:
        raise ListParseError(path, "export", "no sanctionEntity records")
    return ParsedList(
        source=list_source,
        publication_date=parse_iso_date(root.get("generationDate")),
        entries=entries,
        format="eu_fsf_xml",
        files=[str(path)],
    )
