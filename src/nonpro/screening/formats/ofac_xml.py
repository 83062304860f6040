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
from nonpro.screening.formats._builder import EntryBuilder, joined, typed_identifier
from nonpro.screening.formats._common import US_ENTITY_TYPES, country_code, parse_iso_date
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, ns_all, ns_text, with_xml_stream, xml_list
from nonpro.screening.formats.ofac_csv import DETAIL_URL
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS
from nonpro.screening.schemas import (
    BirthDate,
    EntityType,
    ListEntry,
    NameKind,
    ParsedList,
    Relation,
    RelationKind,
)

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
# OFAC's relationship types, read as (kind, whether this entity is the relation's subject).
_RELATIONS = {
    "Owned or Controlled By": (RelationKind.OWNERSHIP, False),
    "Owns, controls, or operates": (RelationKind.OWNERSHIP, True),
    "Leader or official of": (RelationKind.DIRECTORSHIP, True),
    "Acting for or on behalf of": (RelationKind.ASSOCIATE, True),
    "Providing support to": (RelationKind.ASSOCIATE, True),
    "Associate Of": (RelationKind.ASSOCIATE, True),
    "Family member of": (RelationKind.FAMILY, True),
}
_NATIONALITY_FEATURES = {"Citizenship Country", "Nationality Country"}
_COUNTRY_FEATURES = {"Nationality of Registration", "Vessel Flag", "Location"}


def _add_names(builder: EntryBuilder, entity: Any) -> None:
    person = builder.is_person
    for name in ns_all(entity, "names/name"):
        primary = ns_text(name, "isPrimary") == "true"
        weak = not primary and ns_text(name, "isLowQuality") == "true"  # OFAC's "weak" a.k.a.
        kind = NameKind.PRIMARY if primary else _ALIAS_KINDS.get(ns_text(name, "aliasType") or "")
        for translation in ns_all(name, "translations/translation"):
            script_name = ns_text(translation, "script") or ""
            native = script_name not in {"", "Latin"}
            builder.add_name(
                ns_text(translation, "formattedFullName"),
                # A translation in another script is the same name written natively.
                NameKind.NATIVE if native and primary else (kind or NameKind.AKA),
                weak=weak,
                given_name=ns_text(translation, "formattedFirstName") if person else None,
                family_name=ns_text(translation, "formattedLastName") if person else None,
                script=_SCRIPTS.get(script_name),
            )
    builder.primary_first()


def _add_address(builder: EntryBuilder, address: Any) -> None:
    country = ns_text(address, "country")
    parts: dict[str, str] = {}
    for part in ns_all(address, "translations/translation/addressParts/addressPart"):
        label, value = ns_text(part, "type"), ns_text(part, "value")
        if label and value:
            parts[label] = f"{parts[label]}, {value}" if label in parts else value
    builder.add_address(
        joined(*parts.values(), country), city=parts.get("CITY"), country_name=country
    )


def _birth_date(feature: Any) -> BirthDate | None:
    printed = ns_text(feature, "value") or ""
    start = parse_iso_date(ns_text(feature, "valueDate/fromDateBegin"))
    end = parse_iso_date(ns_text(feature, "valueDate/toDateEnd")) or start
    if start is None or end is None:
        return BirthDate(text=printed, precision="unknown") if printed else None
    if ns_text(feature, "valueDate/isDateRange") == "true":
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
        approximate=ns_text(feature, "valueDate/isApproximate") == "true",
    )


def _identifier_kind(label: str) -> str:
    if label.startswith("Digital Currency Address"):
        return "crypto_wallet"
    return IDENTIFIER_KINDS.get(label, "other")


def _add_feature(builder: EntryBuilder, feature: Any) -> None:
    """One typed fact: a date or place of birth, a country, a gender, an identifier, ..."""
    label, value = ns_text(feature, "type") or "", ns_text(feature, "value") or ""
    if label == "Birthdate":
        builder.add_birth_date(_birth_date(feature))
    elif label == "Place of Birth":
        builder.add_birth_place(value)
    elif label in _NATIONALITY_FEATURES:
        builder.add_nationality(country_code(value))
    elif label in _COUNTRY_FEATURES:
        builder.add_country(country_code(value))
    elif label == "Gender":
        builder.gender = value.lower() or builder.gender
    elif label in IDENTIFIER_KINDS or "Digital Currency" in label:
        builder.add_identifier(*typed_identifier(_identifier_kind(label), value), note=label)
    else:
        builder.add_extra(label, value)


def _add_relationships(builder: EntryBuilder, entity: Any) -> None:
    linked: list[str] = []
    for relationship in ns_all(entity, "relationships/relationship"):
        label = ns_text(relationship, "type")
        for related in ns_all(relationship, "relatedEntity"):
            if related.text and related.text.strip():
                linked.append(str(related.text).strip())
            other = related.get("entityId")
            if label and other:
                kind, is_subject = _RELATIONS.get(label, (RelationKind.LINK, True))
                subject, obj = (
                    (builder.source_id, other) if is_subject else (other, builder.source_id)
                )
                builder.add_relation(kind, subject, obj, label=label)
    if linked:
        builder.extra["Linked To"] = "; ".join(linked)


def _entry(entity: Any, list_source: str, path: Path) -> EntryBuilder:
    entity_id = entity.get("id")
    type_text = (ns_text(entity, "generalInfo/entityType") or "").lower()
    entity_type = US_ENTITY_TYPES.get(type_text)
    builder = EntryBuilder(
        list_source,
        entity_id or "",
        entity_type or EntityType.UNKNOWN,
        tags=[t for e in ns_all(entity, "sanctionsLists/sanctionsList") if (t := e.text)],
        source_url=DETAIL_URL.format(entity_id),
    )
    _add_names(builder, entity)
    if entity_id is None or entity_type is None or not builder.names:
        raise ListParseError(
            path,
            f"entity[id={entity_id}]",
            "entity has no id, no known entityType or no name",
        )
    for feature in ns_all(entity, "features/feature"):
        _add_feature(builder, feature)
    for document in ns_all(entity, "identityDocuments/identityDocument"):
        label = ns_text(document, "type") or ""
        kind, number = typed_identifier(
            _identifier_kind(label), ns_text(document, "documentNumber") or ""
        )
        country = country_code(ns_text(document, "issuingCountry"))
        builder.add_identifier(kind, number, country=country, note=label)
    for element in ns_all(entity, "addresses/address"):
        _add_address(builder, element)
    _add_relationships(builder, entity)
    for element in ns_all(entity, "sanctionsPrograms/sanctionsProgram"):
        builder.add_program(element.text)
    published = [
        day
        for element in ns_all(entity, "sanctionsLists/sanctionsList")
        if (day := parse_iso_date(element.get("datePublished")))
    ]
    builder.listed_on = min(published) if published else None
    builder.add_remark(ns_text(entity, "generalInfo/remarks"))
    return builder


def _source_name(path: Path, publication: Any) -> str:
    """ "ofac_sdn" or "ofac_cons", from the list the file says it filters on, else its name."""
    lists = [str(e.text) for e in ns_all(publication, "filters/sanctionsLists/sanctionsList")]
    if lists:
        return "ofac_sdn" if any("SDN" in name for name in lists) else "ofac_cons"
    return "ofac_cons" if "cons" in path.name.lower() else "ofac_sdn"


def _parse(path: Path, stream: Path | IO[bytes], source: str | None) -> ParsedList:
    root: dict[str, str] = {}
    entries: list[ListEntry] = []
    relations: list[Relation] = []
    published: date | None = None
    list_source = source
    for element in iter_records(path, stream, ("{*}entity", "{*}publicationInfo"), root):
        if element.tag.endswith("publicationInfo"):
            published = parse_iso_date(ns_text(element, "dataAsOf"))
            list_source = list_source or _source_name(path, element)
        else:
            list_source = list_source or _source_name(path, element)
            with reading_record(path, f"entity at line {element.sourceline}"):
                builder = _entry(element, list_source, path)
                entries.append(builder.build())
            relations += builder.relations
    # Without records the source may be unknown too; xml_list refuses an empty list anyway.
    return xml_list(
        path,
        list_source or "",
        entries,
        format_name="ofac_enhanced_xml",
        published=published,
        empty=("sanctionsData/entities", "entity"),
        relations=relations,
    )


def read_ofac_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read OFAC enhanced XML, either the ``.XML`` file or the ``.ZIP`` that holds it."""
    return with_xml_stream(path, lambda stream: _parse(path, stream, source))
