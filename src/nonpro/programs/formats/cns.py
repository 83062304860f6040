"""The CNS North Korea Missile Test Database, as published by github.com/nagix/nk-missile-tests.

``test.en.json`` holds one row per missile flown (``{"timeBins": [{"year", "data": [...]}]}``);
``missile.en.json`` and ``facility.en.json`` are its dictionaries of missiles and launch sites.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from nonpro.core.rejected_rows import RowProblems
from nonpro.programs.errors import UnreadableData
from nonpro.programs.formats.common import (
    data_set,
    number,
    reading_content,
    require_file,
    stated_facts,
)
from nonpro.programs.schemas import (
    FlightTestRecord,
    MissileClass,
    Outcome,
    ProgramData,
    SystemRecord,
)

DATASET = "cns_nk_missile_tests"
SOURCE = (
    "CNS North Korea Missile Test Database (James Martin Center for Nonproliferation Studies "
    "for NTI), via github.com/nagix/nk-missile-tests"
)
COUNTRY = "PRK"
# The visualisation's own class names; "HGV" is a hypersonic glide vehicle.
_CLASSES = {c.value.upper(): c for c in MissileClass} | {
    "HGV": MissileClass.HYPERSONIC_GLIDE,
    "CRUISE": MissileClass.CRUISE,
}


def is_cns_folder(folder: Path) -> bool:
    return (folder / "test.en.json").is_file() and (folder / "missile.en.json").is_file()


def _json(path: Path) -> Any:
    try:
        return json.loads(require_file(path).read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise UnreadableData(str(path), f"not JSON: {exc}") from None


def _class(text: str) -> MissileClass:
    return _CLASSES.get(text.strip().upper(), MissileClass.UNKNOWN)


def _outcome(text: str) -> Outcome:
    try:
        return Outcome(text.strip().lower())
    except ValueError:
        return Outcome.UNKNOWN


def _day(text: str) -> tuple[date, str]:
    """ "2022-01-04", or "1984-09" for the early tests known only by month."""
    if len(text) == 7:
        return date.fromisoformat(f"{text}-01"), "month"
    return date.fromisoformat(text), "day"


def _systems(missiles: dict[str, Any]) -> dict[str, SystemRecord]:
    facts = stated_facts(DATASET)
    systems = {}
    for key, entry in missiles.items():
        if key == "unknown":
            continue  # tests of an unidentified missile keep the name "Unknown", no system
        name = str(entry["name"])
        # "Hwasong-11A (KN-23)": the US designation in brackets is an alias.
        base, _, bracket = name.partition(" (")
        aliases = [bracket.rstrip(")")] if bracket else []
        stated = facts.get(key)
        systems[key] = SystemRecord(
            key=key,
            country=COUNTRY,
            name=base if bracket else name,
            aliases=aliases,
            missile_class=_class(str(entry.get("type", ""))),
            range_km=stated.range_km if stated else None,
            payload_kg=stated.payload_kg if stated else None,
            source=f"{SOURCE}; range and payload: {stated.source}" if stated else SOURCE,
        )
    return systems


def _test_rows(document: Any, path: Path) -> list[dict[str, Any]]:
    """The tests of every time bin, in the file's order."""
    with reading_content(path):
        return [row for time_bin in document["timeBins"] for row in time_bin["data"]]


def read(folder: Path) -> ProgramData:
    """Read the folder (or the folder of the ``test.en.json`` given); raises before storing."""
    folder = folder.parent if folder.is_file() else folder
    files = [folder / "test.en.json", folder / "missile.en.json", folder / "facility.en.json"]
    tests_doc, missiles, facilities = (_json(path) for path in files)
    systems = _systems(missiles)
    sites = {key: str(v.get("name", key)) for key, v in facilities.get("facilities", {}).items()}
    tests = []
    problems = RowProblems(str(files[0]))
    for position, row in enumerate(_test_rows(tests_doc, files[0]), start=1):
        with problems.reading(f"record {position}"):
            key = str(row.get("missile", "unknown"))
            system = systems.get(key)
            time_text = str(row.get("time", "unknown"))
            site = str(row.get("facility", "unknown"))
            landing = str(row.get("landing", "unknown"))
            day, precision = _day(str(row["date"]))
            tests.append(
                FlightTestRecord(
                    country=COUNTRY,
                    day=day,
                    date_precision=precision,
                    time_of_day=None if time_text == "unknown" else time_text,
                    system_key=system.key if system else None,
                    system_name=system.name if system else "Unknown",
                    missile_class=system.missile_class if system else MissileClass.UNKNOWN,
                    site=None if site == "unknown" else sites.get(site, site),
                    landing=None if landing in {"unknown", "na"} else landing,
                    apogee_km=number(row.get("apogee")),
                    distance_km=number(row.get("distance")),
                    outcome=_outcome(str(row.get("outcome", "unknown"))),
                    description=str(row.get("description", "")),
                    source=SOURCE,
                )
            )
    as_of = max((t.day for t in tests), default=None)
    return data_set(
        problems,
        DATASET,
        SOURCE,
        origin=folder,
        files=files,
        data_as_of=as_of,
        systems=list(systems.values()),
        tests=tests,
    )
