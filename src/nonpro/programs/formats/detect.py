"""Which reader a path needs: a CNS folder, a CSIS file, a SIPRI register, or a folder of them."""

from __future__ import annotations

from pathlib import Path

from nonpro.programs.errors import UnreadableData
from nonpro.programs.formats import cns, csis, sipri
from nonpro.programs.schemas import ProgramData


def _one(path: Path) -> ProgramData | None:
    if path.is_dir():
        if cns.is_cns_folder(path):
            return cns.read(path)
        if csis.find_files(path):
            return csis.read(path)
        registers = [p for p in sorted(path.glob("*.csv")) if sipri.is_trade_register(p)]
        return sipri.read(registers[0]) if len(registers) == 1 else None
    if path.name in {"test.en.json", "missile.en.json"}:
        return cns.read(path.parent)
    if path.name.startswith(csis.STEM):
        return csis.read(path)
    if sipri.is_trade_register(path):
        return sipri.read(path)
    return None


def read_path(path: Path) -> list[ProgramData]:
    """Every data set at ``path`` (a file, a data set's folder, or a folder of such folders).

    Everything is read before anything is stored, so one bad file fails the whole load.
    """
    if not path.exists():
        raise UnreadableData(str(path), "no such file or folder")
    found = _one(path)
    if found is not None:
        return [found]
    if path.is_dir():
        sets: list[ProgramData] = []
        for child in sorted(path.iterdir()):
            found = _one(child)
            if found is not None:
                sets.append(found)
        if sets:
            return sets
    raise UnreadableData(
        str(path),
        "not a program data set: expected the CNS test database folder (test.en.json), a CSIS "
        "provocations file, or a SIPRI trade-register CSV",
    )
