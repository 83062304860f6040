"""Loaders for the treaties capability's own reference data under ``data/``.

Loaded on first use and cached, never at import; a malformed file fails loudly, naming the record.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from nonpro.treaties.errors import TreatyParseError, UnknownInstrument
from nonpro.treaties.schemas import Instrument

DATA_DIR = Path(str(resources.files("nonpro.treaties") / "data"))


@cache
@cache
def load_instruments() -> dict[str, Instrument]:
    """Every instrument nonpro follows, by code, from ``data/instruments.yaml``; read once (the
    status rules ask for an instrument's entry into force for every consent). Read-only."""
    path = DATA_DIR / "instruments.yaml"
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("instruments"), list):
        raise TreatyParseError(path, "top level", "expected a mapping with an 'instruments' list")
    found: dict[str, Instrument] = {}
    for index, record in enumerate(raw["instruments"]):
        try:
            instrument = Instrument.model_validate(record)
        except ValidationError as exc:
            raise TreatyParseError(path, f"instruments[{index}]", str(exc)) from exc
        if instrument.code in found:
            raise TreatyParseError(path, f"instruments[{index}]", f"duplicate {instrument.code}")
        found[instrument.code] = instrument
    for instrument in found.values():
        if instrument.parent and instrument.parent not in found:
            raise TreatyParseError(path, instrument.code, f"unknown parent {instrument.parent}")
    return found


def get_instrument(code: str) -> Instrument:
    try:
        return load_instruments()[code]
    except KeyError:
        raise UnknownInstrument(code) from None


@dataclass(frozen=True)
class Lineage:
    predecessor: str
    successor: str
    relation: str  # continuation, succession, absorption
    date: date
    source: str


@dataclass(frozen=True)
class StateLineage:
    """Which states continue or succeed which, and when: what status needs for historic dates."""

    records: tuple[Lineage, ...]

    def continuator_of(self, predecessor: str) -> tuple[str, date] | None:
        """The state whose records carry ``predecessor``'s acts, and when the predecessor ended."""
        for r in self.records:
            if r.predecessor == predecessor and r.relation == "continuation":
                return r.successor, r.date
        return None

    def continued(self, continuator: str) -> tuple[str, date] | None:
        """The predecessor ``continuator`` continues, and the day it took over (RUS: SUN)."""
        for r in self.records:
            if r.successor == continuator and r.relation == "continuation":
                return r.predecessor, r.date
        return None

    def ended(self, state: str) -> date | None:
        """The day ``state`` ceased to exist (None: it exists)."""
        dates = [r.date for r in self.records if r.predecessor == state]
        return max(dates) if dates else None

    def extinct(self) -> set[str]:
        return {r.predecessor for r in self.records}

    def succession_date(self, state: str) -> date | None:
        """The date from which a successor state is bound by its predecessor's treaties; for a
        continuator of a successor (Serbia of Serbia and Montenegro) the union's date."""
        for r in self.records:
            if r.successor == state and r.relation == "succession":
                return r.date
        for r in self.records:
            if r.successor == state and r.relation == "continuation":
                return self.succession_date(r.predecessor)
        return None


@cache
def load_state_lineage() -> StateLineage:
    path = DATA_DIR / "state_lineage.csv"
    records = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                records.append(
                    Lineage(
                        predecessor=row["predecessor"],
                        successor=row["successor"],
                        relation=row["relation"],
                        date=date.fromisoformat(row["date"]),
                        source=row["source"],
                    )
                )
            except (KeyError, ValueError) as exc:
                raise TreatyParseError(path, f"line {line}", str(exc)) from exc
    return StateLineage(tuple(records))
