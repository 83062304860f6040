"""OFAC's remarks field, read into facts.

The legacy SDN CSV (and the CSL, which copies OFAC's wording) carries most facts about a person
in one free-text field: ``DOB 31 Aug 1960; alt. DOB 1958; POB Tehran, Iran; nationality Iran;
Passport A123 (Iran); a.k.a. 'BNC'; Gender Male; Linked To: X.`` Each ``;``-separated part has a
label; parts whose label is not known here stay only in the remarks, which are always kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nonpro.screening.formats._builder import typed_identifier
from nonpro.screening.formats._common import country_code, parse_birth_date
from nonpro.screening.schemas import BirthDate, EntryName, Identifier, NameKind

# Publisher's label -> our identifier kind. The label itself is kept as the identifier's note.
IDENTIFIER_KINDS: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "D.N.I.": "national_id",
    "C.U.R.P.": "national_id",
    "Identification Number": "national_id",
    "National Foreign ID Number": "national_id",
    "Personal ID Card": "national_id",
    "Birth Certificate Number": "national_id",
    "Electoral Registry No.": "national_id",
    "Residency Number": "national_id",
    "SSN": "national_id",
    "Social Security Number": "national_id",
    "Turkish Identification Number": "national_id",
    "Numero de Identidad": "national_id",
    "Citizen's Card Number": "national_id",
    "Kenyan ID No.": "national_id",
    "Tazkira National ID Card": "national_id",
    "Credencial electoral": "national_id",
    "Cartilla de Servicio Militar Nacional": "national_id",
    "I.F.E.": "national_id",
    "C.U.I.P.": "national_id",
    "Travel Document Number": "passport",
    "Immigration No.": "national_id",
    "Driver's License No.": "drivers_license",
    "RFC": "tax_id",
    "Italian Fiscal Code": "tax_id",
    "US FEIN": "tax_id",
    "C.U.I.": "tax_id",
    "C.I.F.": "tax_id",
    "RTN": "tax_id",
    "Numero Unico de Identificacao Tributaria (NUIT)": "tax_id",
    "Tax ID No.": "tax_id",
    "NIT #": "tax_id",
    "RUC #": "tax_id",
    "R.F.C.": "tax_id",
    "RIF #": "tax_id",
    "V.A.T. Number": "tax_id",
    "C.U.I.T.": "tax_id",
    "Registration Number": "registration",
    "Registration ID": "registration",
    "Company Number": "registration",
    "Commercial Registry Number": "registration",
    "Business Registration Document #": "registration",
    "Business Registration Number": "registration",
    "Public Registration Number": "registration",
    "Folio Mercantil No.": "registration",
    "Matricula Mercantil No": "registration",
    "Trade License No.": "registration",
    "Government Gazette Number": "registration",
    "C.R. No.": "registration",
    "Chamber of Commerce Number": "registration",
    "Certificate of Incorporation Number": "registration",
    "Unified Social Credit Code (USCC)": "registration",
    "United Social Credit Code Certificate (USCCC)": "registration",
    "UK Company Number": "registration",
    "Enterprise Number": "registration",
    "Business Number": "registration",
    "LE Number": "registration",
    "Registered Charity No.": "registration",
    "Chinese Commercial Code": "registration",
    "Dubai Chamber of Commerce Membership No.": "registration",
    "Legal Entity Number": "lei",
    "D-U-N-S Number": "duns",
    "SWIFT/BIC": "swift",
    "MMSI": "mmsi",
    "Vessel Registration Identification": "registration",
    "Aircraft Tail Number": "aircraft_registration",
    "Previous Aircraft Tail Number": "aircraft_registration",
    "Aircraft Mode S Transponder Code": "aircraft_mode_s",
    "Aircraft Serial Identification": "aircraft_msn",
    "Vessel Call Sign": "call_sign",
    "Other Vessel Call Sign": "call_sign",
    "Aircraft Manufacturer's Serial Number (MSN)": "aircraft_msn",
    "Aircraft Construction Number (also called L/N or S/N or F/N)": "aircraft_msn",
    "Email Address": "email",
    "Website": "website",
    "Phone Number": "phone",
    "Telephone No.": "phone",
    "Phone No.": "phone",
    "ISIN": "isin",
    "BIK (RU)": "bik",
}

# Longest labels first, so "Diplomatic Passport" wins over "Passport".
_LABELS = sorted(IDENTIFIER_KINDS, key=len, reverse=True)
_LABEL_PATTERN = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in _LABELS) + r")\s+(?P<rest>.+)$"
)
# "Digital Currency Address - XBT 1A2b..." names its currency in the label.
_CRYPTO = re.compile(r"^(?P<label>Digital Currency Address - \w+)\s+(?P<rest>\S+)$")
# "A1234 (Iran) issued 01 Jan 2010 expires 01 Jan 2015": value, country, then dates.
_VALUE_COUNTRY = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?"
    r"(?P<dates>\s*(?:,\s*)?(?:[Ii]ssued|[Ee]xpires|Issue Date|Expire Date|expired)\b.*)?$"
)
_WEAK_ALIAS = re.compile(r"^(?P<kind>a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(?P<name>.+)'$")
_ALT = re.compile(r"^alt\.\s+")
# "Nationality of Registration Cyprus", "Vessel Flag Iran": the country is the last words.
_COUNTRY_LABELS = ("Nationality of Registration ", "Vessel Flag ")
# Labelled facts that are not identifiers, kept under OFAC's label as the CSL and the XML
# formats keep them, so an entry shows the same details whichever format it came from.
_EXTRA_LABELS = (
    "Linked To:",
    "Additional Sanctions Information -",
    "Secondary sanctions risk:",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
    "Organization Established Date",
    "Organization Type:",
    "Target Type",
    "Aircraft Model",
    "Aircraft Manufacture Date",
    "Aircraft Operator",
    "Former Vessel Flag",
    "Other Vessel Flag",
    "Other Vessel Type",
    "Vessel Type",
)


@dataclass
class RemarkFacts:
    """What could be read from one remarks field."""

    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # registration country, vessel flag
    identifiers: list[Identifier] = field(default_factory=list)
    names: list[EntryName] = field(default_factory=list)
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def split_remarks(remarks: str) -> list[str]:
    """The ``;``-separated parts, without the closing full stop OFAC adds to the last one."""
    text = remarks.strip()
    if text.endswith("."):
        text = text[:-1]
    return [part.strip() for part in text.split("; ") if part.strip()]


def _identifier(label: str, rest: str) -> Identifier | None:
    kind = IDENTIFIER_KINDS.get(label, "other")
    if label.startswith("Digital Currency Address"):
        kind = "crypto_wallet"
    match = _VALUE_COUNTRY.match(rest)
    if match is None:  # pragma: no cover - the pattern matches any non-empty text
        return None
    # Vessels and shipping companies carry IMO numbers under several labels.
    kind, value = typed_identifier(kind, match["value"].strip().rstrip(","))
    printed_country = match["country"]
    note = label + (f"; {match['dates'].strip()}" if match["dates"] else "")
    return Identifier(
        kind=kind,
        value=value,
        country=country_code(printed_country) if printed_country else None,
        note=note,
    )


def _read_labelled(facts: RemarkFacts, part: str) -> None:
    """An identifier ("Passport A123 (Iran)") or a labelled fact kept under OFAC's label."""
    if (match := _CRYPTO.match(part)) or (match := _LABEL_PATTERN.match(part)):
        identifier = _identifier(match["label"], match["rest"])
        if identifier is not None:
            facts.identifiers.append(identifier)
    elif extra_label := next((x for x in _EXTRA_LABELS if part.startswith(x)), None):
        value = part.removeprefix(extra_label).strip()
        key = extra_label.removesuffix(":") if extra_label == "Linked To:" else extra_label
        if value:
            known = facts.extra.get(key)
            facts.extra[key] = f"{known}; {value}" if known else value


def _read_part(facts: RemarkFacts, part: str) -> None:
    if part.startswith("DOB "):
        birth_date = parse_birth_date(part[4:])
        if birth_date is not None:
            facts.birth_dates.append(birth_date)
    elif part.startswith("POB "):
        facts.birth_places.append(part[4:].strip())
    elif part.startswith(("nationality ", "citizen ")):
        code = country_code(part.split(" ", 1)[1])
        if code and code not in facts.nationalities:
            facts.nationalities.append(code)
    elif part.startswith(_COUNTRY_LABELS):
        label = next(label for label in _COUNTRY_LABELS if part.startswith(label))
        code = country_code(part.removeprefix(label))
        if code and code not in facts.countries:
            facts.countries.append(code)
    elif part.startswith("Gender "):
        facts.gender = part[7:].strip().lower()
    elif weak := _WEAK_ALIAS.match(part):
        # OFAC prints "weak" aliases only here, never in alt.csv / as full-quality names.
        facts.names.append(EntryName(name=weak["name"], kind=NameKind.WEAK_AKA))
    else:
        _read_labelled(facts, part)


def read_remarks(remarks: str | None) -> RemarkFacts:
    """Read the labelled parts of an OFAC remarks field."""
    facts = RemarkFacts()
    for raw_part in split_remarks(remarks or ""):
        _read_part(facts, _ALT.sub("", raw_part))
    return facts
