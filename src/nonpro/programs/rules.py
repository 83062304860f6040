"""What each missile-program data set covers: the kind of record, the countries, the years.

A count is only a count where a data set covers the country and the period; elsewhere the answer
is "no data", never 0 (the CNS database records North Korea's flight tests, not Iran's).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

RecordKind = Literal["flight_tests", "events", "transfers"]


class Scope(NamedTuple):
    kind: RecordKind
    countries: frozenset[str] | None  # None: every country
    first_year: int  # the first year the data set records


DATASET_SCOPES: dict[str, Scope] = {
    # The CNS North Korea Missile Test Database starts with the first test, in April 1984.
    "cns_nk_missile_tests": Scope("flight_tests", frozenset({"PRK"}), 1984),
    # CSIS's record of North Korean provocations starts in 1958.
    "csis_nk_provocations": Scope("events", frozenset({"PRK"}), 1958),
    # The SIPRI Arms Transfers Database covers every state's major arms transfers from 1950.
    "sipri_trade_register": Scope("transfers", None, 1950),
}


def covering(kind: RecordKind, country: str, year: int) -> list[str]:
    """The data sets whose scope includes ``kind`` records of ``country`` in ``year``."""
    return [
        name
        for name, scope in DATASET_SCOPES.items()
        if scope.kind == kind
        and (scope.countries is None or country in scope.countries)
        and year >= scope.first_year
    ]
