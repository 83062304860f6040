"""Small helpers every reader needs: hashing the files read, numbers that may be "unknown"."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from nonpro.core.rejected_rows import REPORTED_ROWS, RowProblems
from nonpro.programs.errors import UnreadableData
from nonpro.programs.schemas import ProgramData


def hash_files(paths: Iterable[Path]) -> str:
    """SHA-256 over the files' names and bytes, in name order: the same files, the same hash."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def data_set(
    problems: RowProblems,
    dataset: str,
    source: str,
    *,
    origin: Path,
    files: Sequence[Path],
    data_as_of: date | None,
    **records: Any,
) -> ProgramData:
    """The data set read from ``origin`` (its ``files``), with its ``records``
    (``systems``, ``tests``, ``events``, ``transfers``…) and the rows ``problems`` refused;
    whether the rest is stored is the loader's choice (``services.load``, strict or not)."""
    return ProgramData(
        rows_read=problems.rows_read,
        rows_refused=problems.rows_refused,
        refused=problems.rows[:REPORTED_ROWS],
        dataset=dataset,
        source=source,
        origin=str(origin),
        file_hash=hash_files(files),
        data_as_of=data_as_of,
        **records,
    )


def number(value: object) -> float | None:
    """A measurement the source may give as "unknown" or "na" (not applicable): None then."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().lower()
    if text in {"", "unknown", "na", "n/a", "?"}:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def integer(value: str) -> tuple[int | None, bool]:
    """SIPRI's numbers: "12", "" (not known), with a separate "?" column for doubt."""
    text = value.strip().rstrip("?")
    if not text:
        return None, False
    try:
        return int(float(text)), value.strip().endswith("?")
    except ValueError:
        return None, False


@contextmanager
def reading_content(path: Path) -> Iterator[None]:
    """A record the reader cannot make sense of (a missing key or cell, a value that is not a
    number or a date, one the schema refuses) is UnreadableData naming the file, not a traceback."""
    try:
        yield
    except (KeyError, IndexError, TypeError, ValueError) as exc:  # ValidationError is a ValueError
        raise UnreadableData(str(path), f"unexpected content: {exc}") from None


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise UnreadableData(str(path), "file not found")
    return path


class StatedFact(BaseModel):
    """A system's range and payload as a public source states them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    range_km: float | None = None
    payload_kg: float | None = None
    source: str
    as_of: date


@lru_cache(maxsize=1)
def _all_facts() -> dict[str, dict[str, StatedFact]]:
    text = resources.files("nonpro.programs").joinpath("data/system_facts.yaml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    return {
        dataset: {key: StatedFact.model_validate(value) for key, value in entries.items()}
        for dataset, entries in raw.items()
    }


def stated_facts(dataset: str) -> dict[str, StatedFact]:
    """The reviewed ranges and payloads for ``dataset``'s systems, by the system's key."""
    return _all_facts().get(dataset, {})
