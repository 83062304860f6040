"""Dates of birth as lists print them, countries, and OFAC's remarks field."""

from __future__ import annotations

from datetime import date

import pytest

from nonpro.screening.formats._common import country_code, parse_birth_date, script_of
from nonpro.screening.formats.ofac_remarks import read_remarks
from nonpro.screening.schemas import NameKind


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "approximate"),
    [
        ("01 Jan 1960", date(1960, 1, 1), date(1960, 1, 1), "day", False),
        ("Feb 1960", date(1960, 2, 1), date(1960, 2, 29), "month", False),
        ("1958", date(1958, 1, 1), date(1958, 12, 31), "year", False),
        ("circa 1958", date(1958, 1, 1), date(1958, 12, 31), "year", True),
        ("1955 to 1957", date(1955, 1, 1), date(1957, 12, 31), "range", False),
        ("01 Jan 1961 to 31 Dec 1963", date(1961, 1, 1), date(1963, 12, 31), "range", False),
        ("1962-03-25", date(1962, 3, 25), date(1962, 3, 25), "day", False),
        ("25.03.1962", date(1962, 3, 25), date(1962, 3, 25), "day", False),
        ("circa 1979-1982", date(1979, 1, 1), date(1982, 12, 31), "range", True),
    ],
)
def test_birth_dates(text: str, start: date, end: date, precision: str, approximate: bool) -> None:
    parsed = parse_birth_date(text)
    assert parsed is not None
    assert (parsed.date_from, parsed.date_to, parsed.precision) == (start, end, precision)
    assert parsed.approximate is approximate
    assert parsed.text == text


def test_unreadable_birth_date_keeps_its_text() -> None:
    parsed = parse_birth_date("31 Feb 1970")
    assert parsed is not None
    assert (parsed.precision, parsed.date_from, parsed.text) == ("unknown", None, "31 Feb 1970")
    assert parse_birth_date("-0- ") is None


def test_countries() -> None:
    assert country_code("Korea, North") == "KP"
    assert country_code("Burma") == "MM"
    assert country_code("Crimea") == "UA"  # a region still says which country
    assert country_code("Region: Crimea") == "UA"
    assert country_code("undetermined") is None
    assert country_code("-0- ") is None
    # The copies disagreed on these: the list readers dropped OFAC's "Region: " and found no
    # country for Gaza, gave DD for the German Democratic Republic and ZR for Zaire.
    assert country_code("Region: Gaza") == "PS"
    assert country_code("German Democratic Republic") is None  # dissolved, as the USSR
    assert country_code("Zaire") == "CD"  # renamed, not dissolved


def test_remarks() -> None:
    facts = read_remarks(
        "DOB 1962; alt. DOB circa 1960; POB Tehran, Iran; nationality Iran; citizen Iraq; "
        "Passport A1234567 (Iran) issued 01 Jan 2010 expires 01 Jan 2015; "
        "National ID No. 0012345678 (Iran); Vessel Registration Identification IMO 9187629; "
        "MMSI 422026300; a.k.a. 'ABU ALI'; Gender Male; Linked To: SOME COMPANY."
    )
    assert [d.text for d in facts.birth_dates] == ["1962", "circa 1960"]
    assert facts.birth_places == ["Tehran, Iran"]
    assert facts.nationalities == ["IR", "IQ"]
    assert [(i.kind, i.value, i.country) for i in facts.identifiers] == [
        ("passport", "A1234567", "IR"),
        ("national_id", "0012345678", "IR"),
        ("imo", "9187629", None),
        ("mmsi", "422026300", None),
    ]
    assert facts.identifiers[0].note == "Passport; issued 01 Jan 2010 expires 01 Jan 2015"
    assert [(n.name, n.kind) for n in facts.names] == [("ABU ALI", NameKind.WEAK_AKA)]
    assert facts.gender == "male"


def test_remarks_countries_and_more_labels() -> None:
    facts = read_remarks(
        "Vessel Flag Korea, North; Nationality of Registration United Kingdom; "
        "RFC ABCD123456 (Mexico); Previous Aircraft Tail Number EP-ABC."
    )
    assert facts.countries == ["KP", "GB"]
    assert [(i.kind, i.value, i.country) for i in facts.identifiers] == [
        ("tax_id", "ABCD123456", "MX"),
        ("aircraft_registration", "EP-ABC", None),
    ]


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Иван Петрович", "Cyrl"),
        ("محمد", "Arab"),
        ("金正恩", "Hani"),
        ("김정은", "Hang"),
        ("สมชาย", "Thai"),
        ("'ABBAS, Rim", "Latn"),
        ("12345", None),
        # Unicode's script property (through rigour), not the character's name: full- and
        # half-width forms and the rarer Han characters belong to their script too.
        ("ＩＶＡＮ", "Latn"),
        ("ｷﾑ ｼﾞｮﾝｳﾝ", "Kana"),
        ("𠀋𠀍", "Hani"),
        ("ひらがな", "Hira"),
    ],
)
def test_script_of(text: str, script: str | None) -> None:
    assert script_of(text) == script
