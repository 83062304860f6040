"""Load the MTCR Annex reference data, check it, and compare versions.

Every file in ``controls/data/`` named ``mtcr_annex*.yaml`` is one Annex version: a complete
version, or (``based_on``) the entries that differ from another version. Loading validates each
file with pydantic and then checks what pydantic cannot see: duplicate numbers, thresholds on
unknown parameters or in the wrong unit, references to unknown sources. Any problem raises
``AnnexDataError`` naming the file: a half-loaded Annex would classify wrongly without saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from nonpro.controls.errors import AnnexDataError, UnknownAnnexItem, UnknownAnnexVersion
from nonpro.controls.quantities import compatible, format_value
from nonpro.controls.schemas import (
    SYMBOLS,
    AnnexDiff,
    AnnexFile,
    AnnexInfo,
    Condition,
    ConditionGroup,
    ControlEntry,
    EntryChange,
    EntryRef,
    FieldChange,
    ParameterFile,
    ParameterSpec,
    SourceRef,
    Threshold,
    number_key,
)

DATA_DIR = Path(__file__).parent / "data"
PARAMETERS_FILE = "mtcr_parameters.yaml"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: search caches per Annex
class Annex:
    """One version of the Annex: its entries in Annex order, the parameters and the sources."""

    info: AnnexInfo
    entries: dict[str, ControlEntry]
    parameters: dict[str, ParameterSpec]
    sources: dict[str, SourceRef]
    confidence_marks: dict[str, str] = field(default_factory=dict)
    items: dict[int, str] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.info.version

    def __iter__(self) -> Iterator[ControlEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, number: str) -> ControlEntry:
        try:
            return self.entries[number]
        except KeyError:
            raise UnknownAnnexItem(number) from None

    def lookup(self, number: str) -> list[ControlEntry]:
        """The entry ``number`` and every entry under it ("2.A.1.c": 2.A.1.c.1, 2.A.1.c.2)."""
        found = [e for e in self if e.is_under(number.strip())]
        if not found:
            raise UnknownAnnexItem(number)
        return found

    def parameter(self, name: str) -> ParameterSpec | None:
        """A parameter by its name or one of its aliases."""
        if name in self.parameters:
            return self.parameters[name]
        return next((p for p in self.parameters.values() if name in p.aliases), None)

    def source_line(self, entry: ControlEntry) -> str:
        """Where an entry comes from: "MTCR ... Annex 2024-03-14, item 2.A.1.c.1 (sources: ...)"."""
        keys = ", ".join(entry.sources) or "none"
        return f"{self.info.title} {self.version}, item {entry.number} (sources: {keys})"


@dataclass(frozen=True)
class AnnexCatalog:
    """All loaded Annex versions, newest first."""

    annexes: dict[str, Annex]

    def versions(self) -> list[str]:
        return sorted(self.annexes, key=lambda v: self.annexes[v].info.dated, reverse=True)

    def current(self) -> Annex:
        return self.annexes[self.versions()[0]]

    def get(self, version: str | None = None) -> Annex:
        if version is None:
            return self.current()
        try:
            return self.annexes[version]
        except KeyError:
            raise UnknownAnnexVersion(version) from None


def thresholds(condition: Condition | None) -> Iterator[Threshold]:
    """Every threshold in a condition tree, depth first."""
    if condition is None:
        return
    if isinstance(condition, ConditionGroup):
        for item in condition.items:
            yield from thresholds(item)
    else:
        yield condition


def _read(path: Path) -> Any:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AnnexDataError(str(path), f"cannot read: {exc}") from exc
    if not isinstance(raw, dict):
        raise AnnexDataError(str(path), "expected a mapping at the top level")
    return raw


def _validation_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{exc.error_count()} problem(s); first at {where}: {first['msg']}"


def load_parameters(path: Path) -> dict[str, ParameterSpec]:
    try:
        specs = ParameterFile.model_validate(_read(path)).parameters
    except ValidationError as exc:
        raise AnnexDataError(str(path), _validation_problem(exc)) from exc
    # An alias must name one parameter only, or structured input would be ambiguous.
    names = [p.name for p in specs] + [a for p in specs for a in p.aliases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise AnnexDataError(str(path), f"duplicate parameter names: {', '.join(duplicates)}")
    return {p.name: p for p in specs}


def _check_entries(path: str, data: AnnexFile, params: dict[str, ParameterSpec]) -> None:
    numbers = [e.number for e in data.entries]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise AnnexDataError(path, f"duplicate entries: {', '.join(duplicates)}")
    for entry in data.entries:
        conditions = [entry.test, *(n.condition for n in entry.notes)]
        for threshold in (t for c in conditions for t in thresholds(c)):
            spec = params.get(threshold.parameter)
            where = f"{entry.number}: parameter {threshold.parameter!r}"
            if spec is None:
                raise AnnexDataError(path, f"{where} is not in {PARAMETERS_FILE}")
            if (spec.kind == "flag") != isinstance(threshold.value, bool):
                raise AnnexDataError(path, f"{where} mixes a yes/no and a numeric test")
            unit = threshold.unit
            wrong_unit = unit not in (None, spec.unit) and not compatible(unit, spec.unit)
            if spec.kind == "quantity" and wrong_unit:
                raise AnnexDataError(path, f"{where} in {unit}, expected {spec.unit}")
        unknown = [s for s in entry.sources if data.sources and s not in data.sources]
        if unknown:
            raise AnnexDataError(path, f"{entry.number}: unknown sources {', '.join(unknown)}")


def _build(path: Path, params: dict[str, ParameterSpec], loaded: dict[str, Annex]) -> Annex:
    try:
        data = AnnexFile.model_validate(_read(path))
    except ValidationError as exc:
        raise AnnexDataError(str(path), _validation_problem(exc)) from exc
    _check_entries(str(path), data, params)
    entries = {e.number: e for e in data.entries}
    sources = dict(data.sources)
    marks = dict(data.confidence_marks)
    items = dict(data.items)
    if data.annex.based_on:
        # A version file that lists only its differences: start from the base version.
        base = loaded.get(data.annex.based_on)
        if base is None:
            raise AnnexDataError(str(path), f"based_on {data.annex.based_on!r} is not loaded")
        missing = [n for n in data.removed if n not in base.entries]
        if missing:
            raise AnnexDataError(str(path), f"removes unknown entries: {', '.join(missing)}")
        merged = {n: e for n, e in base.entries.items() if n not in data.removed}
        merged.update(entries)
        entries, sources = merged, {**base.sources, **sources}
        marks, items = {**base.confidence_marks, **marks}, {**base.items, **items}
    elif data.removed:
        raise AnnexDataError(str(path), "'removed' needs 'based_on'")
    if not entries:
        raise AnnexDataError(str(path), "no entries")
    ordered = dict(sorted(entries.items(), key=lambda kv: number_key(kv[0])))
    for entry in ordered.values():
        for other in entry.not_in:
            if other not in ordered:
                raise AnnexDataError(str(path), f"{entry.number}: not_in names unknown {other}")
    return Annex(data.annex, ordered, params, sources, marks, items)


def load_catalog(data_dir: Path = DATA_DIR) -> AnnexCatalog:
    """Load every Annex version in ``data_dir``; raises ``AnnexDataError`` on any problem."""
    params = load_parameters(data_dir / PARAMETERS_FILE)
    paths = sorted(data_dir.glob("mtcr_annex*.yaml"))
    if not paths:
        raise AnnexDataError(str(data_dir), "no mtcr_annex*.yaml files")
    # Complete versions first, so that difference files find their base.
    pending = sorted(paths, key=lambda p: "based_on" in p.read_text(encoding="utf-8"))
    loaded: dict[str, Annex] = {}
    for path in pending:
        annex = _build(path, params, loaded)
        if annex.version in loaded:
            raise AnnexDataError(str(path), f"version {annex.version} is loaded twice")
        loaded[annex.version] = annex
    return AnnexCatalog(loaded)


@cache
def default_catalog() -> AnnexCatalog:
    """The catalog of the packaged data, loaded once per process on first use."""
    return load_catalog()


def load_annex(version: str | None = None) -> Annex:
    """One version of the packaged Annex; the newest if ``version`` is None."""
    return default_catalog().get(version)


def render_condition(condition: Condition | None, annex: Annex) -> str:
    """A condition as a reader writes it: "total impulse ≥ 1.1e6 N·s and ..."."""
    if condition is None:
        return "no numeric threshold"
    if isinstance(condition, ConditionGroup):
        joiner = " and " if condition.mode == "all" else " or "
        parts = [render_condition(c, annex) for c in condition.items]
        return "(" + joiner.join(parts) + ")" if len(parts) > 1 else parts[0]
    return render_threshold(condition, annex)


def render_threshold(threshold: Threshold, annex: Annex) -> str:
    spec = annex.parameter(threshold.parameter)
    label = spec.label if spec else threshold.parameter
    if isinstance(threshold.value, bool):
        return label if threshold.value else f"not {label}"
    unit = threshold.unit or (spec.unit if spec else None)
    if threshold.comparison == "between":
        low = format_value(threshold.low or 0.0, unit)
        return f"{label} between {low} and {format_value(threshold.high or 0.0, unit)}"
    symbol = SYMBOLS[threshold.comparison]
    return f"{label} {symbol} {format_value(float(threshold.value or 0.0), unit)}"


def diff_versions(old: Annex, new: Annex) -> AnnexDiff:
    """What changed from ``old`` to ``new``: entries added, removed, and changed field by field."""
    added = [
        EntryRef(item=n, title=e.title) for n, e in new.entries.items() if n not in old.entries
    ]
    removed = [
        EntryRef(item=n, title=e.title) for n, e in old.entries.items() if n not in new.entries
    ]
    changed: list[EntryChange] = []
    for number, before in old.entries.items():
        after = new.entries.get(number)
        if after is None or after == before:
            continue
        fields: list[FieldChange] = []
        for name in ControlEntry.model_fields:
            a, b = getattr(before, name), getattr(after, name)
            if a == b:
                continue
            if name == "test":
                a, b = render_condition(a, old), render_condition(b, new)
            elif name == "notes":
                a = [n.text for n in before.notes if n not in after.notes]
                b = [n.text for n in after.notes if n not in before.notes]
            fields.append(FieldChange(field=name, old=_plain(a), new=_plain(b)))
        changed.append(EntryChange(item=number, title=after.title, changes=fields))
    return AnnexDiff(
        old=old.version, new=new.version, added=added, removed=removed, changed=changed
    )


def _plain(value: object) -> object:
    """Pydantic models and tuples as JSON-ready values for the diff output."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
