"""A small index and a few hundred parties to screen, without a database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nonpro.screening.formats.detect import load_path
from nonpro.screening.index import ScreeningIndex


@pytest.fixture(scope="session")
def un_index(shared_data: Path) -> ScreeningIndex:
    entries = [
        e for parsed in load_path(shared_data / "lists" / "un_2026-02") for e in parsed.entries
    ]
    return ScreeningIndex.build(entries, snapshots={"un_sc": "test"})


@pytest.fixture
def parties(shared_data: Path, un_index: ScreeningIndex, tmp_path: Path) -> Path:
    """250 ordinary names and 50 listed ones (some alerts), with countries and a blank name."""
    with (shared_data / "matching" / "negatives_us.csv").open(encoding="utf-8") as handle:
        ordinary = [row for _, row in zip(range(250), csv.DictReader(handle), strict=False)]
    listed = [entry.names[0].name for entry in un_index.entries[:50]]
    path = tmp_path / "parties.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer_id", "name", "nation"])
        for number, row in enumerate(ordinary):
            writer.writerow([f"n{number}", row["full_name"], row["nationality"]])
        for number, name in enumerate(listed):
            writer.writerow([f"l{number}", name.upper(), ""])
        writer.writerow(["blank", "", ""])
    return path
