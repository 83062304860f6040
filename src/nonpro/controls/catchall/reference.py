"""The catch-all's reference data: loaded from ``data/*.yaml``, validated, looked up by date.

Regime membership sits behind the ``RegimeMembership`` protocol so that the treaties capability
can replace this package's own file without the rules noticing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Protocol, TypeVar, runtime_checkable

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from nonpro.controls.catchall.errors import CatchAllDataError
from nonpro.controls.catchall.schemas import (
    ConcernList,
    MembershipRecord,
    ProgramEntity,
    RedFlagVocabulary,
    TerrorismDesignation,
    UnMeasure,
)

Regime = str  # "MTCR" or "HCOC"; the treaties capability may know more


class RegimeMembership(Protocol):
    """Who belongs to a regime on a given day."""

    def is_member(self, regime: Regime, country_alpha3: str, as_of: date) -> bool: ...


@runtime_checkable
class ExplainedMembership(RegimeMembership, Protocol):
    """A membership source that can also say where its answer comes from."""

    def evidence(self, regime: Regime, country_alpha3: str, as_of: date) -> MembershipEvidence:
        """What the answer rests on, for the finding."""
        ...


@dataclass(frozen=True)
class MembershipEvidence:
    text: str
    source: str
    unverified: bool


T = TypeVar("T", bound=BaseModel)


def _read(name: str) -> Any:
    path = f"data/{name}"
    try:
        text = resources.files("nonpro.controls.catchall").joinpath(path).read_text("utf-8")
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise CatchAllDataError(path, str(exc)) from None


def _records(name: str, model: type[T]) -> list[T]:
    try:
        return TypeAdapter(list[model]).validate_python(_read(name)["records"])  # type: ignore[valid-type]
    except (ValidationError, KeyError, TypeError) as exc:
        raise CatchAllDataError(f"data/{name}", str(exc)) from None


def _one(name: str, model: type[T]) -> T:
    try:
        return model.model_validate(_read(name))
    except ValidationError as exc:
        raise CatchAllDataError(f"data/{name}", str(exc)) from None


def _unverified(confidence: str) -> bool:
    return confidence not in ("verified_excerpt", "secondary_excerpt")


@dataclass(frozen=True)
class LocalMembership:
    """Membership from ``data/regime_membership.yaml`` (compiled from the shared domain facts)."""

    records: tuple[MembershipRecord, ...]

    def _record(self, regime: Regime, country: str) -> MembershipRecord | None:
        for record in self.records:
            if record.regime == regime.upper() and record.country == country:
                return record
        return None

    def is_member(self, regime: Regime, country_alpha3: str, as_of: date) -> bool:
        record = self._record(regime, country_alpha3)
        if record is None or record.status != "member" or as_of < record.joined:
            return False
        return record.left is None or as_of < record.left

    def evidence(self, regime: Regime, country_alpha3: str, as_of: date) -> MembershipEvidence:
        record = self._record(regime, country_alpha3)
        if record is None:
            return MembershipEvidence(
                f"{country_alpha3} is not among the {regime.upper()} records", DATA_NOTE, False
            )
        if record.status != "member":
            return MembershipEvidence(
                f"{regime.upper()} status uncertain: {record.note or record.detail}",
                record.source,
                True,
            )
        joined = record.joined.isoformat()
        if record.joined_precision == "assumed_founding":
            joined = "an unrecorded date (the 2002 founding date is assumed)"
        elif record.joined_precision == "year":
            joined = f"{record.joined.year} (year only; counted from {record.joined.isoformat()})"
        state = "member" if self.is_member(regime, country_alpha3, as_of) else "not yet member"
        unverified = _unverified(record.confidence) or record.joined_precision == "assumed_founding"
        return MembershipEvidence(
            f"{record.name}: {regime.upper()} {state}, joined {joined}", record.source, unverified
        )


DATA_NOTE = "data/regime_membership.yaml, compiled from shared/domain/treaty_status (2026-11-22)"


@cache
def local_membership() -> LocalMembership:
    return LocalMembership(tuple(_records("regime_membership.yaml", MembershipRecord)))


@cache
def terrorism_designations() -> tuple[TerrorismDesignation, ...]:
    return tuple(_records("terrorism_designations.yaml", TerrorismDesignation))


@cache
def un_measures() -> tuple[UnMeasure, ...]:
    return tuple(_records("un_embargoes.yaml", UnMeasure))


@cache
def default_countries_of_concern() -> ConcernList:
    return _one("countries_of_concern.yaml", ConcernList)


@cache
def program_entities() -> tuple[ProgramEntity, ...]:
    return tuple(_records("missile_program_entities.yaml", ProgramEntity))


@cache
def vocabulary() -> RedFlagVocabulary:
    return _one("red_flags.yaml", RedFlagVocabulary)


def load_all() -> None:
    """Load and validate every data file now (start-up check); raises ``CatchAllDataError``."""
    local_membership()
    terrorism_designations()
    un_measures()
    default_countries_of_concern()
    program_entities()
    vocabulary()
