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
from nonpro.screening.formats._common import country_code, parse_birth_date
from nonpro.screening.formats._files import reading_record
from nonpro.screening.formats._xml import iter_records, text, with_xml_stream
from nonpro.screening.formats.ofac_csv import DETAIL_URL
from nonpro.screening.formats.ofac_remarks import IDENTIFIER_KINDS, read_remarks
from nonpro.screening.schemas import (
    Address,
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
_ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.AKA}
_COUNTRY_LABELS = {"Nationality of Registration", "Vessel Flag"}
_VESSEL_FIELDS = {
    "vesselType": "Vessel type",
    "vesselOwner": "Vessel owner",
    "tonnage": "Tonnage",
    "grossRegisteredTonnage": "GRT",
}


def _t(element: Any, path: str) -> str | None:
    return text(element, "/".join("{*}" + part for part in path.split("/")))


def _all(element: Any, path: str) -> list[Any]:
    return list(element.iterfind("/".join("{*}" + part for part in path.split("/"))))


def _name(first: str | None, last: str | None, kind: NameKind, person: bool) -> EntryName:
    # OFAC prints persons "LAST, First", as in its CSV and search tool.
    full = f"{last}, {first}" if last and first else (last or first or "")
    return EntryName(
        name=full,
        kind=kind,
        given_name=first if person else None,
        family_name=last if person else None,
    )


def _us_date(value: str | None) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date() if value else None
    except ValueError:
        return None


def _entry(record: Any, list_source: str, path: Path) -> ListEntry:
    uid = _t(record, "uid")
    entity_type = _ENTITY_TYPES.get((_t(record, "sdnType") or "entity").lower())
    last, first = _t(record, "lastName"), _t(record, "firstName")
    if not uid or entity_type is None or not (last or first):
        raise ListParseError(
            path, f"sdnEntry[uid={uid}]", "entry has no uid, no known sdnType or no name"
        )
    person = entity_type is EntityType.PERSON
    names = [_name(first, last, NameKind.PRIMARY, person)]
    for aka in _all(record, "akaList/aka"):
        kind = _ALIAS_KINDS.get((_t(aka, "type") or "a.k.a.").lower(), NameKind.AKA)
        if (_t(aka, "category") or "").lower() == "weak":
            kind = NameKind.WEAK_AKA
        if _t(aka, "lastName") or _t(aka, "firstName"):
            names.append(_name(_t(aka, "firstName"), _t(aka, "lastName"), kind, person))
    remarks = _t(record, "remarks")
    facts = read_remarks(remarks)
    known = {(n.name, n.kind) for n in names}
    names += [n for n in facts.names if (n.name, n.kind) not in known]
    identifiers: list[Identifier] = []
    countries: list[str] = []
    extra: dict[str, str] = dict(facts.extra)
    gender = facts.gender
    for item in _all(record, "idList/id"):
        label, number = _t(item, "idType") or "", _t(item, "idNumber") or ""
        if label in IDENTIFIER_KINDS or label.startswith("Digital Currency Address"):
            id_kind = IDENTIFIER_KINDS.get(label, "crypto_wallet")
            if number.startswith("IMO ") and number[4:].strip().isdigit():
                id_kind, number = "imo", number[4:].strip()
            if number:
                country = country_code(_t(item, "idCountry"))
                identifiers.append(
                    Identifier(kind=id_kind, value=number, country=country, note=label)
                )
        elif label == "Gender" and number:
            gender = number.lower()
        elif label in _COUNTRY_LABELS and (code := country_code(number or _t(item, "idCountry"))):
            countries.append(code)
        elif label and number:
            extra[label] = f"{extra[label]}; {number}" if label in extra else number
    addresses: list[Address] = []
    for element in _all(record, "addressList/address"):
        parts = [_t(element, tag) for tag in ("address1", "address2", "address3", "city")]
        parts += [_t(element, "stateOrProvince"), _t(element, "postalCode")]
        country = _t(element, "country")
        line = ", ".join(part for part in [*parts, country] if part)
        if line:
            addresses.append(
                Address(
                    text=line,
                    city=_t(element, "city"),
                    country=country_code(country),
                    country_name=country,
                )
            )
    vessel = _all(record, "vesselInfo")
    if vessel:
        if call_sign := _t(vessel[0], "callSign"):
            identifiers.append(Identifier(kind="call_sign", value=call_sign, note="Call Sign"))
        if flag := country_code(_t(vessel[0], "vesselFlag")):
            countries.append(flag)
        extra.update(
            {label: value for tag, label in _VESSEL_FIELDS.items() if (value := _t(vessel[0], tag))}
        )
    nationalities = [
        code
        for path_ in ("nationalityList/nationality", "citizenshipList/citizenship")
        for element in _all(record, path_)
        if (code := country_code(_t(element, "country")))
    ]
    title = _t(record, "title")
    return ListEntry(
        source=list_source,
        source_id=uid,
        entity_type=entity_type,
        names=names,
        birth_dates=[
            birth_date
            for element in _all(record, "dateOfBirthList/dateOfBirthItem")
            if (birth_date := parse_birth_date(_t(element, "dateOfBirth")))
        ],
        birth_places=[
            place
            for element in _all(record, "placeOfBirthList/placeOfBirthItem")
            if (place := _t(element, "placeOfBirth"))
        ],
        nationalities=list(dict.fromkeys(nationalities + facts.nationalities)),
        countries=list(dict.fromkeys([a.country for a in addresses if a.country] + countries)),
        identifiers=identifiers + facts.identifiers,
        addresses=addresses,
        programs=[program for e in _all(record, "programList/program") if (program := e.text)],
        remarks=remarks,
        gender=gender,
        titles=[title] if title else [],
        source_url=DETAIL_URL.format(uid),
        extra=extra,
    )


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
    if not entries:
        raise ListParseError(path, "sdnList", "no sdnEntry records")
    return ParsedList(
        source=list_source,
        publication_date=published,
        entries=entries,
        format="ofac_xml",
        files=[str(path)],
    )


def read_ofac_sdn_xml(path: Path, *, source: str | None = None) -> ParsedList:
    """Read OFAC classic XML: ``SDN.XML`` (or ``CONSOLIDATED.XML``), plain or zipped."""
    list_source = source or ("ofac_cons" if "cons" in path.name.lower() else "ofac_sdn")
    return with_xml_stream(path, lambda stream: _parse(path, stream, list_source))
