"""Figures shared by the reports: tests counted by month and class, systems tested, hashing."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel

from nonpro.core.audit import canonical_json
from nonpro.programs.schemas import FlightTestOut, MissileClass, SystemOut
from nonpro.reports.schemas import FlightTestRow, SystemRow

CLASS_ORDER = [c.value for c in MissileClass]


def input_hash(figures: BaseModel) -> str:
    """SHA-256 of the figures' canonical JSON, leaving out the hash itself."""
    content = figures.model_dump(mode="json", exclude={"input_hash"})
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def by_class(tests: Iterable[FlightTestOut]) -> dict[str, int]:
    counts = Counter(t.missile_class for t in tests)
    return {c: counts[c] for c in CLASS_ORDER if counts[c]}


def by_month(tests: Iterable[FlightTestOut]) -> dict[str, int]:
    counts = Counter(f"{t.day.month:02d}" for t in tests)
    return {f"{m:02d}": counts[f"{m:02d}"] for m in range(1, 13)}


def test_rows(tests: Iterable[FlightTestOut]) -> list[FlightTestRow]:
    return [
        FlightTestRow(
            day=t.day,
            date_precision=t.date_precision,
            system=t.system_name,
            missile_class=t.missile_class,
            site=t.site,
            apogee_km=t.apogee_km,
            distance_km=t.distance_km,
            outcome=t.outcome,
        )
        for t in tests
    ]


def _stated_by(system: SystemOut) -> str:
    """The part of a system's source that states its range ("...; range and payload: X")."""
    return system.source.split("range and payload: ", 1)[-1]


def system_rows(
    tests: list[FlightTestOut], known: list[SystemOut], *, include_untested: bool = False
) -> list[SystemRow]:
    """Each system flown in ``tests``, with how often and how far; catalogue facts where known.

    ``include_untested`` adds the catalogue's systems the tests never name (a profile lists all).
    """
    catalogue = {s.name: s for s in known}
    names = {t.system_name for t in tests} | (set(catalogue) if include_untested else set())
    rows = []
    for name in sorted(names):
        flown = [t for t in tests if t.system_name == name]
        entry = catalogue.get(name)
        distances = [t.distance_km for t in flown if t.distance_km is not None]
        apogees = [t.apogee_km for t in flown if t.apogee_km is not None]
        rows.append(
            SystemRow(
                name=name,
                aliases=entry.aliases if entry else [],
                missile_class=flown[0].missile_class if flown else catalogue[name].missile_class,
                tests=len(flown),
                max_distance_km=max(distances, default=None),
                max_apogee_km=max(apogees, default=None),
                range_km=entry.range_km if entry else None,
                payload_kg=entry.payload_kg if entry else None,
                range_source=_stated_by(entry) if entry and entry.range_km else None,
            )
        )
    return sorted(rows, key=lambda r: (CLASS_ORDER.index(r.missile_class), r.name))
