"""OFAC's classic XML (``SDN.XML``, ``CONSOLIDATED.XML``, also zipped as ``SDN_XML.ZIP``).

Root ``sdnList`` holds ``publshInformation/Publish_Date`` (MM/DD/YYYY; OFAC's spelling) and
``sdnEntry`` records: ``uid``, ``firstName``, ``lastName``, ``title``, ``sdnType``, ``remarks``,
``programList/program``, ``idList/id`` (``idType``, ``idNumber``, ``idCountry``), ``akaList/aka``
(``type`` a.k.a./f.k.a./n.k.a., ``category`` strong/weak, ``lastName``, ``firstName``),
``addressList/address``, ``nationalityList``, ``citizenshipList``, ``dateOfBirthList``,
``placeOfBirthList`` and ``vesselInfo``. Weak aliases are the ones with ``category`` "weak".
The ``idList`` also carries labelled facts that are not identifiers (Gender, "Secondary
sanctions risk:", ...): those go to ``extra``, as in the CSL, which copies this list.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined, typed_identifier
from nonpro.screening.formats._common import US_ENTITY_TYPES, country_code, parse_birth_date
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, ns_all, ns_text, with_xml_stream, xml_list
from nonpro.screening.formats.ofac_csv import DETAIL_URL
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS, RemarkFacts, read_remarks
from nonpro.screening.schemas import ListEntry, NameKind, ParsedList

_ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.AKA}
_COUNTRY_LABELS = {"Nationality of Registration", "Vessel Flag"}
_ADDRESS_PARTS = (
    "address1",
    "address2",
    "address3",
    "city",
    "stateOrProvince",
    "postalCode",
)
_VESSEL_FIELDS = {
    "vesselType": "Vessel type",
    "vesselOwner": "Vessel owner",
    "tonnage": "Tonnage",
    "grossRegisteredTonnage": "GRT",
}


def _add_name(
    builder: EntryBuilder, first: str | None, last: str | None, kind: NameKind, *, weak: bool
) -> None:
    # OFAC prints persons "LAST, First", as in its CSV and search tool.
    person = builder.is_person
    builder.add_name(
        f"{last}, {first}" if last and first else (last or first),
        kind,
        weak=weak,
        given_name=first if person else None,
        family_name=last if person else None,
    )


def _us_date(value: str | None) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date() if value else None
    except ValueError:
        return None


def _add_aliases(builder: EntryBuilder, record: Any, facts: RemarkFacts) -> None:
    for aka in ns_all(record, "akaList/aka"):
        kind = _ALIAS_KINDS.get((ns_text(aka, "type") or "a.k.a.").lower(), NameKind.AKA)
        weak = (ns_text(aka, "category") or "").lower() == "weak"
        _add_name(builder, ns_text(aka, "firstName"), ns_text(aka, "lastName"), kind, weak=weak)
    known = {(n.name, n.kind) for n in builder.names}
    builder.names += [n for n in facts.names if (n.name, n.kind) not in known]


def _add_id_list(builder: EntryBuilder, record: Any) -> None:
    """The ``idList``: identifiers, and labelled facts OFAC files beside them."""
    for item in ns_all(record, "idList/id"):
        label, number = ns_text(item, "idType") or "", ns_text(item, "idNumber") or ""
        if label in IDENTIFIER_KINDS or label.startswith("Digital Currency Address"):
            kind, number = typed_identifier(IDENTIFIER_KINDS.get(label, "crypto_wallet"), number)
            country = country_code(ns_text(item, "idCountry"))
            builder.add_identifier(kind, number, country=country, note=label)
        elif label == "Gender" and number:
            builder.gender = number.lower()
        elif label in _COUNTRY_LABELS:
            builder.add_country(country_code(number or ns_text(item, "idCountry")))
        elif label:
            builder.add_extra(label, number)


def _add_addresses(builder: EntryBuilder, record: Any) -> None:
    for element in ns_all(record, "addressList/address"):
        parts = [ns_text(element, tag) for tag in _ADDRESS_PARTS]
        country = ns_text(element, "country")
        builder.add_address(
            joined(*parts, country), city=ns_text(element, "city"), country_name=country
        )


def _add_vessel(builder: EntryBuilder, record: Any) -> None:
    for vessel in ns_all(record, "vesselInfo")[:1]:
        call_sign = ns_text(vessel, "callSign")
        builder.add_identifier("call_sign", call_sign, note="Call Sign")
        builder.add_country(country_code(ns_text(vessel, "vesselFlag")))
        for tag, label in _VESSEL_FIELDS.items():
            builder.add_extra(label, ns_text(vessel, tag))


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    uid = ns_text(record, "uid")
    entity_type = US_ENTITY_TYPES.get((ns_text(record, "sdnType") or "entity").lower())
    last, first = ns_text(record, "lastName"), ns_text(record, "firstName")
    if not uid or entity_type is None or not (last or first):
        raise ListParseError(
            path, f"sdnEntry[uid={uid}]", "entry has no uid, no known sdnType or no name"
        )
    builder = EntryBuilder(list_source, uid, entity_type, source_url=DETAIL_URL.format(uid))
    remarks = ns_text(record, "remarks")
    facts = read_remarks(remarks)
    _add_name(builder, first, last, NameKind.PRIMARY, weak=False)
    _add_aliases(builder, record, facts)
    builder.extra.update(facts.extra)
    builder.gender = facts.gender
    _add_addresses(builder, record)
    _add_id_list(builder, record)
    _add_vessel(builder, record)
    builder.identifiers += facts.identifiers
    for element in ns_all(record, "dateOfBirthList/dateOfBirthItem"):
        builder.add_birth_date(parse_birth_date(ns_text(element, "dateOfBirth")))
    for element in ns_all(record, "placeOfBirthList/placeOfBirthItem"):
        builder.add_birth_place(ns_text(element, "placeOfBirth"))
    for path_ in ("nationalityList/nationality", "citizenshipList/citizenship"):
        for element in ns_all(record, path_):
            builder.add_nationality(country_code(ns_text(element, "country")))
    builder.nationalities += facts.nationalities
    for element in ns_all(record, "programList/program"):
        builder.add_program(element.text)
    builder.add_title(ns_text(record, "title"))
    builder.add_remark(remarks)
    return builder.build()


def _parse(path: Path, stream: Path | IO[bytes], list_source: str) -> ParsedList:
    root: dict[str, str] = {}
    entries: list[ListEntry] = []
    published: date | None = None
    for element in iter_records(path, stream, ("{*}sdnEntry", "{*}Publish_Date"), root):
        if element.tag.endswith("Publish_Date"):
            published = _us_date(element.text)
        else:
            with reading_record(path, f"sdnEntry at line {element.sourceline}"):
                entries.append(_entry(element, list_source, path))
    return xml_list(
        path,
        list_source,
        entries,
        format_name="ofac_xml",
        published=published,
        empty=("sdnList", "sdnEntry"),
    )


def read_ofac_sdn_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read OFAC classic XML: ``SDN.XML`` (or ``CONSOLIDATED.XML``), plain or zipped."""
    list_source = source or ("ofac_cons" if "cons" in path.name.lower() else "ofac_sdn")
    return with_xml_stream(path, lambda stream: _parse(path, stream, list_source))
