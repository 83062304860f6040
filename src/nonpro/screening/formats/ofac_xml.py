"""OFAC's enhanced XML (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``, usually zipped).

Root ``sanctionsData`` (namespace of OFAC's sanctions list service) holds ``publicationInfo``
(``dataAsOf``), ``referenceValues`` and ``entities/entity``. Each entity has names with
translations (one per script), addresses made of parts, typed ``features`` (birth date, place of
birth, citizenship, website, ...) and ``identityDocuments``. The zip is read in place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._common import country_code, parse_iso_date
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, text, with_xml_stream
from nonpro.screening.formats.ofac_csv import DETAIL_URL
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS
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

_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_ALIAS_KINDS = {"A.K.A.": NameKind.AKA, "F.K.A.": NameKind.FKA, "N.K.A.": NameKind.AKA}
_SCRIPTS = {
    "Latin": "Latn",
    "Cyrillic": "Cyrl",
    "Arabic": "Arab",
    "Chinese Simplified": "Hans",
    "Chinese Traditional": "Hant",
    "Korean": "Kore",
    "Hebrew": "Hebr",
    "Greek": "Grek",
}
_NATIONALITY_FEATURES = {"Citizenship Country", "Nationality Country"}
_COUNTRY_FEATURES = {"Nationality of Registration", "Vessel Flag", "Location"}
_CHILD = "{*}"


def _t(element: Any, path: str) -> str | None:
    return text(element, "/".join(_CHILD + part for part in path.split("/")))


def _all(element: Any, path: str) -> list[Any]:
    return list(element.iterfind("/".join(_CHILD + part for part in path.split("/"))))


def _names(entity: Any, entity_type: EntityType) -> list[EntryName]:
    names: list[EntryName] = []
    for name in _all(entity, "names/name"):
        if _t(name, "isPrimary") == "true":
            kind = NameKind.PRIMARY
        elif _t(name, "isLowQuality") == "true":
            kind = NameKind.WEAK_AKA  # OFAC's "weak" a.k.a.
        else:
            kind = _ALIAS_KINDS.get(_t(name, "aliasType") or "", NameKind.AKA)
        for translation in _all(name, "translations/translation"):
            full = _t(translation, "formattedFullName")
            if not full:
                continue
            script_name = _t(translation, "script") or ""
            native = script_name not in {"", "Latin"}
            person = entity_type is EntityType.PERSON
            names.append(
                EntryName(
                    # A translation in another script is the same name written natively.
                    name=full,
                    kind=NameKind.NATIVE if native and kind is NameKind.PRIMARY else kind,
                    given_name=_t(translation, "formattedFirstName") if person else None,
                    family_name=_t(translation, "formattedLastName") if person else None,
                    script=_SCRIPTS.get(script_name),
                )
            )
    # The primary name first, whatever order the file uses.
    names.sort(key=lambda entry_name: entry_name.kind is not NameKind.PRIMARY)
    return names


def _address(address: Any) -> Address | None:
    country = _t(address, "country")
    parts: dict[str, str] = {}
    for part in _all(address, "translations/translation/addressParts/addressPart"):
        label, value = _t(part, "type"), _t(part, "value")
        if label and value:
            parts[label] = f"{parts[label]}, {value}" if label in parts else value
    line = ", ".join([*parts.values(), *([country] if country else [])])
    if not line:
        return None
    return Address(
        text=line, city=parts.get("CITY"), country=country_code(country), country_name=country
    )


def _birth_date(feature: Any) -> BirthDate | None:
    printed = _t(feature, "value") or ""
    start = parse_iso_date(_t(feature, "valueDate/fromDateBegin"))
    end = parse_iso_date(_t(feature, "valueDate/toDateEnd")) or start
    if start is None or end is None:
        return BirthDate(text=printed, precision="unknown") if printed else None
    if _t(feature, "valueDate/isDateRange") == "true":
        precision = "range"
    elif start == end:
        precision = "day"
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        precision = "year"
    elif start.year == end.year and start.month == end.month:
        precision = "month"
    else:
        precision = "range"
    return BirthDate(
        text=printed or start.isoformat(),
        date_from=start,
        date_to=end,
        precision=precision,
        approximate=_t(feature, "valueDate/isApproximate") == "true",
    )


def _identifier(label: str, value: str, country: str | None, note: str) -> Identifier:
    kind = IDENTIFIER_KINDS.get(label, "other")
    if label.startswith("Digital Currency Address"):
        kind = "crypto_wallet"
    if value.startswith("IMO ") and value[4:].strip().isdigit():
        kind, value = "imo", value[4:].strip()
    return Identifier(kind=kind, value=value, country=country_code(country), note=note)


def _entry(entity: Any, list_source: str, path: Path) -> ListEntry:
    entity_id = entity.get("id")
    type_text = (_t(entity, "generalInfo/entityType") or "").lower()
    entity_type = _ENTITY_TYPES.get(type_text)
    names = _names(entity, _ENTITY_TYPES.get(type_text, EntityType.UNKNOWN))
    if entity_id is None or entity_type is None or not names:
        raise ListParseError(
            path,
            f"entity[id={entity_id}]",
            "entity has no id, no known entityType or no name",
        )
    birth_dates: list[BirthDate] = []
    birth_places: list[str] = []
    nationalities: list[str] = []
    countries: list[str] = []
    identifiers: list[Identifier] = []
    extra: dict[str, str] = {}
    gender: str | None = None
    for feature in _all(entity, "features/feature"):
        label, value = _t(feature, "type") or "", _t(feature, "value") or ""
        if label == "Birthdate":
            if (birth_date := _birth_date(feature)) is not None:
                birth_dates.append(birth_date)
        elif label == "Place of Birth" and value:
            birth_places.append(value)
        elif label in _NATIONALITY_FEATURES and (code := country_code(value)):
            nationalities.append(code)
        elif label in _COUNTRY_FEATURES and (code := country_code(value)):
            countries.append(code)
        elif label == "Gender" and value:
            gender = value.lower()
        elif (label in IDENTIFIER_KINDS or "Digital Currency" in label) and value:
            identifiers.append(_identifier(label, value, None, label))
        elif value:
            extra[label] = f"{extra[label]}; {value}" if label in extra else value
    for document in _all(entity, "identityDocuments/identityDocument"):
        label, number = _t(document, "type") or "", _t(document, "documentNumber")
        if number:
            identifiers.append(_identifier(label, number, _t(document, "issuingCountry"), label))
    addresses = [a for element in _all(entity, "addresses/address") if (a := _address(element))]
    countries += [address.country for address in addresses if address.country]
    if linked := [
        t for r in _all(entity, "relationships/relationship") if (t := _t(r, "relatedEntity"))
    ]:
        extra["Linked To"] = "; ".join(linked)
    published = [
        day
        for element in _all(entity, "sanctionsLists/sanctionsList")
        if (day := parse_iso_date(element.get("datePublished")))
    ]
    return ListEntry(
        source=list_source,
        source_id=entity_id,
        entity_type=entity_type,
        names=names,
        birth_dates=birth_dates,
        birth_places=birth_places,
        nationalities=list(dict.fromkeys(nationalities)),
        countries=list(dict.fromkeys(countries)),
        identifiers=identifiers,
        addresses=addresses,
        programs=[p for e in _all(entity, "sanctionsPrograms/sanctionsProgram") if (p := e.text)],
        tags=[t for e in _all(entity, "sanctionsLists/sanctionsList") if (t := e.text)],
        remarks=_t(entity, "generalInfo/remarks"),
        gender=gender,
        listed_on=min(published) if published else None,
        source_url=DETAIL_URL.format(entity_id),
        extra=extra,
    )


def _source_name(path: Path, publication: Any) -> str:
    """ "ofac_sdn" or "ofac_cons", from the list the file says it filters on, else its name."""
    lists = [str(e.text) for e in _all(publication, "filters/sanctionsLists/sanctionsList")]
    if lists:
        return "ofac_sdn" if any("SDN" in name for name in lists) else "ofac_cons"
    return "ofac_cons" if "cons" in path.name.lower() else "ofac_sdn"


def _parse(path: Path, stream: Path | IO[bytes], source: str | None) -> ParsedList:
    root: dict[str, str] = {}
    entries: list[ListEntry] = []
    published: date | None = None
    list_source = source
    for element in iter_records(path, stream, ("{*}entity", "{*}publicationInfo"), root):
        if element.tag.endswith("publicationInfo"):
            published = parse_iso_date(_t(element, "dataAsOf"))
            list_source = list_source or _source_name(path, element)
        else:
            list_source = list_source or _source_name(path, element)
            with reading_record(path, f"entity at line {element.sourceline}"):
                entries.append(_entry(element, list_source, path))
    if not entries or list_source is None:
        raise ListParseError(path, "sanctionsData/entities", "no entity records")
    return ParsedList(
        source=list_source,
        publication_date=published,
        entries=entries,
        format="ofac_enhanced_xml",
        files=[str(path)],
    )


def read_ofac_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read OFAC enhanced XML, either the ``.XML`` file or the ``.ZIP`` that holds it."""
    return with_xml_stream(path, lambda stream: _parse(path, stream, source))
