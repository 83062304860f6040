"""Fixtures for the treaties tests: the real status pages in ../shared/data/treaties, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from nonpro.treaties.formats.compiled import load_compiled
from nonpro.treaties.formats.detect import load_path
from nonpro.treaties.schemas import ParticipationEvent, TreatyImport


@pytest.fixture(scope="session")
def treaties_data(shared_data: Path) -> Path:
    return shared_data / "treaties"


@pytest.fixture(scope="session")
def untc(treaties_data: Path) -> TreatyImport:
    return load_path(treaties_data / "untc")


@pytest.fixture(scope="session")
def unoda(treaties_data: Path) -> TreatyImport:
    return load_path(treaties_data / "unoda")


@pytest.fixture(scope="session")
def compiled() -> TreatyImport:
    return load_compiled()


@pytest.fixture(scope="session")
def everything(untc: TreatyImport, unoda: TreatyImport, compiled: TreatyImport) -> TreatyImport:
    combined = TreatyImport()
    for part in (untc, unoda, compiled):
        combined.extend(part)
    return combined


@pytest.fixture(scope="session")
def events(everything: TreatyImport) -> list[ParticipationEvent]:
    return everything.events
