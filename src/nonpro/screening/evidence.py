"""The evidence besides the name: date of birth, country, identifiers and entity type.

Each feature is an `Evidence` record with its own measure, its contribution to the score and a
sentence for the reviewer; `total_score` adds the contributions to the name's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from nonpro.reference.services import current_alpha_2
from nonpro.screening import rules
from nonpro.screening.identifiers import query_keys
from nonpro.screening.schemas import BirthDate, EntityType, FeatureScore


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature's part in a score; a plain record, as one is made for every candidate."""

    value: float  # the feature's own measure: a similarity, or 1/0 for agree/disagree
    contribution: float  # what it adds to (or takes from) the score
    detail: str

    def feature(self) -> FeatureScore:
        # The scorer's own numbers and text: no validation needed.
        return FeatureScore.model_construct(
            value=self.value, contribution=self.contribution, detail=self.detail
        )


def _feature(*, value: float, contribution: float, detail: str) -> Evidence:
    return Evidence(value, contribution, detail)


@lru_cache(maxsize=4096)
def query_dob_range(dob: str) -> tuple[date, date, str]:
    """The days a query's 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' may stand for, and its precision."""
    parts = [int(part) for part in dob.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day, "day"
    if len(parts) == 2:
        year, month = parts
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        return date(year, month, 1), date(year, month, last), "month"
    return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"


def _dob_agreement(
    dob: str, query: tuple[date, date, str], listed: tuple[date, date], printed: str
) -> Evidence:
    """How the query's days meet the days one listed date of birth may stand for."""
    (start, end, precision), (low, high) = query, listed
    if start <= high and low <= end:
        if precision == "day" and low == high:
            value, contribution, wording = 1.0, rules.DOB_EXACT, "is the listed date of birth"
        elif (low.year == high.year and low.month == high.month) or precision == "month":
            value, contribution, wording = 0.75, rules.DOB_MONTH, "agrees with the listed"
        else:
            value, contribution, wording = 0.5, rules.DOB_YEAR, "falls within the listed"
    elif min(abs(start.year - high.year), abs(low.year - end.year)) <= 1:
        value, contribution, wording = 0.25, rules.DOB_NEAR, "is a year off the listed"
    else:
        value, contribution, wording = 0.0, rules.DOB_CONFLICT, "conflicts with the listed"
    return _feature(value=value, contribution=contribution, detail=f"{dob} {wording} {printed}")


def dob_feature(dob: str, listed: list[BirthDate]) -> Evidence | None:
    """Best agreement between the query's date of birth and any date the list gives."""
    query = query_dob_range(dob)
    best: Evidence | None = None
    for birth in listed:
        if birth.date_from is None or birth.date_to is None:
            continue
        found = _dob_agreement(dob, query, (birth.date_from, birth.date_to), birth.text)
        if best is None or found.contribution > best.contribution:
            best = found
    return best


def country_code(country: str) -> str | None:
    """The alpha-2 code a query's country is compared by, as the list readers derive theirs."""
    return current_alpha_2(country)


def country_feature(country: str, listed: frozenset[str]) -> Evidence | None:
    code = country_code(country)
    if code is None or not listed:
        return None
    if code in listed:
        return _feature(
            value=1.0,
            contribution=rules.COUNTRY_MATCH,
            detail=f"{code} is among the listed countries",
        )
    shown = ", ".join(sorted(listed))
    return _feature(
        value=0.0,
        contribution=rules.COUNTRY_CONFLICT,
        detail=f"{code} is not among the listed countries ({shown})",
    )


def identifier_feature(queried: list[str], listed: dict[str, str]) -> Evidence | None:
    """`listed` maps identifier keys (`identifiers.listed_keys`) to their description as
    printed."""
    for value in queried:
        for key in query_keys(value):
            if key in listed:
                return _feature(
                    value=1.0,
                    contribution=rules.IDENTIFIER_MATCH,
                    detail=f"identifier {value} is the listed {listed[key]}",
                )
    return None


def entity_type_feature(queried: EntityType, listed: EntityType) -> Evidence | None:
    if EntityType.UNKNOWN in (queried, listed):
        return None
    if queried is listed:
        return _feature(
            value=1.0, contribution=rules.ENTITY_TYPE_MATCH, detail=f"both are a {listed.value}"
        )
    return _feature(
        value=0.0,
        contribution=rules.ENTITY_TYPE_CONFLICT,
        detail=f"a {queried.value} was asked for, the list has a {listed.value}",
    )


def total_score(name_contribution: float, others: dict[str, Evidence]) -> float:
    """The hit's score: contributions summed, clipped to [0, 1], an exact identifier floored."""
    score = name_contribution + sum(feature.contribution for feature in others.values())
    if "identifier" in others:
        score = max(score, rules.IDENTIFIER_FLOOR)
    return round(min(1.0, max(0.0, score)), 4)
