"""The CSIS Beyond Parallel "Database of North Korean Provocations" (github.com/stiles/...).

The scraped JSON and the processed CSV hold the same events; either is read. The chronology names
events in words ("Short-range Ballistic Missile Launch"); the class is read from those words.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from nonpro.core.rejected_rows import RowProblems
from nonpro.programs.errors import UnreadableData
from nonpro.programs.formats.common import data_set
from nonpro.programs.schemas import EventRecord, MissileClass, ProgramData

DATASET = "csis_nk_provocations"
SOURCE = "CSIS Beyond Parallel, Database of North Korean Provocations"
COUNTRY = "PRK"
STEM = "north_korea_provocations"
# Checked in order: "Intermediate-range" before "range", "cruise" before "missile".
_WORDS: tuple[tuple[str, MissileClass], ...] = (
    ("intercontinental", MissileClass.ICBM),
    ("intermediate-range", MissileClass.IRBM),
    ("medium-range", MissileClass.MRBM),
    ("submarine launched", MissileClass.SLBM),
    ("submarine-launched", MissileClass.SLBM),
    ("hypersonic", MissileClass.HYPERSONIC_GLIDE),
    ("cruise", MissileClass.CRUISE),
    ("satellite launch", MissileClass.SLV),
    ("short-range", MissileClass.SRBM),
)


def find_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(STEM) and p.is_file())


def missile_class(category: str, event: str) -> MissileClass | None:
    """The class an event names, or ``unknown`` for a missile event that names none."""
    text = event.lower()
    for words, found in _WORDS:
        if words in text:
            return found
    if category == "Missile Provocation" or "missile" in text:
        return MissileClass.UNKNOWN
    return None


def _rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Each event with where it is: "record 3" in the JSON list, "line 4" in the CSV."""
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise UnreadableData(str(path), f"not JSON: {exc}") from None
        if not isinstance(data, list):
            raise UnreadableData(str(path), "expected a list of events")
        return [(f"record {number}", row) for number, row in enumerate(data, start=1)]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(f"line {reader.line_num}", row) for row in reader]


def read(path: Path) -> ProgramData:
    """Read one file, or from a folder its JSON (else its CSV)."""
    if path.is_dir():
        found = find_files(path)
        chosen = [p for p in found if p.suffix == ".json"]
        chosen = chosen or [p for p in found if p.suffix == ".csv"]
        if not chosen:
            raise UnreadableData(str(path), "no north_korea_provocations file in the folder")
        path = chosen[0]
    events = []
    problems = RowProblems(str(path))
    for where, row in _rows(path):
        with problems.reading(where):
            category = str(row["type"]).strip()
            event = str(row["event"]).strip()
            events.append(
                EventRecord(
                    country=COUNTRY,
                    day=date.fromisoformat(str(row["date"]).strip()),
                    category=category,
                    event=event,
                    missile_class=missile_class(category, event),
                    description=str(row.get("description") or ""),
                    source=str(row.get("resources") or "").strip() or SOURCE,
                )
            )
    as_of = max((e.day for e in events), default=None)
    return data_set(
        problems, DATASET, SOURCE, origin=path, files=[path], data_as_of=as_of, events=events
    )
