"""The loader fails loudly on a broken data file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from nonpro.controls.annex import DATA_DIR, PARAMETERS_FILE, load_catalog, thresholds
from nonpro.controls.errors import AnnexDataError

ENTRY = {
    "number": "2.A.1.c.1",
    "category": "I",
    "title": "Solid rocket motors",
    "text": "Solid rocket motors.",
    "test": {"parameter": "total_impulse", "comparison": ">=", "value": 1.1e6, "unit": "N*s"},
    "confidence": "VX+VS",
}
INFO = {"version": "test", "title": "Annex", "dated": "2024-03-14", "status": "test data"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copy(DATA_DIR / PARAMETERS_FILE, tmp_path / PARAMETERS_FILE)
    return tmp_path


def write(directory: Path, doc: object, name: str = "mtcr_annex.yaml") -> None:
    (directory / name).write_text(yaml.safe_dump(doc), encoding="utf-8")


def test_a_minimal_file_loads(data_dir: Path) -> None:
    write(data_dir, {"annex": INFO, "entries": [ENTRY]})
    assert len(load_catalog(data_dir).get("test")) == 1


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"category": "II"}, "Category I"),
        ({"number": "2.X.1"}, "number"),
        ({"confidence": "maybe"}, "confidence"),
        ({"colour": "red"}, "colour"),
        ({"test": {"parameter": "warp_factor", "comparison": ">", "value": 9}}, "warp_factor"),
        (
            {"test": {"parameter": "total_impulse", "comparison": ">=", "value": 1, "unit": "km"}},
            "km",
        ),
        ({"test": {"parameter": "total_impulse", "comparison": "about", "value": 1}}, "comparison"),
        (
            {"test": {"parameter": "range", "comparison": "between", "low": 5, "high": 1}},
            "low <= high",
        ),
        ({"test": {"all": []}}, "items"),
        ({"not_in": ["1.A.1"]}, "not_in"),
        ({"sources": ["NOPE"]}, "NOPE"),
    ],
)
def test_a_broken_entry_is_refused(data_dir: Path, change: dict[str, object], problem: str) -> None:
    write(
        data_dir,
        {
            "annex": INFO,
            "sources": {"CX": {"kind": "SEC", "url": "u", "title": "t"}},
            "entries": [{**ENTRY, **change}],
        },
    )
    with pytest.raises(AnnexDataError, match=problem):
        load_catalog(data_dir)


def test_broken_yaml_is_refused(data_dir: Path) -> None:
    (data_dir / "mtcr_annex.yaml").write_text("annex: [unclosed\n", encoding="utf-8")
    with pytest.raises(AnnexDataError, match="cannot read"):
        load_catalog(data_dir)


def test_duplicate_entries_are_refused(data_dir: Path) -> None:
    write(data_dir, {"annex": INFO, "entries": [ENTRY, ENTRY]})
    with pytest.raises(AnnexDataError, match=r"duplicate entries: 2\.A\.1\.c\.1"):
        load_catalog(data_dir)


def test_a_difference_file_needs_its_base(data_dir: Path) -> None:
    write(data_dir, {"annex": INFO, "entries": [ENTRY]})
    write(
        data_dir,
        {"annex": {**INFO, "version": "old", "based_on": "nope"}, "removed": ["2.A.1.c.1"]},
        "mtcr_annex_old.yaml",
    )
    with pytest.raises(AnnexDataError, match="based_on 'nope'"):
        load_catalog(data_dir)


def test_a_difference_file_applies_removals(data_dir: Path) -> None:
    second = {**ENTRY, "number": "2.A.1.c.2"}
    write(data_dir, {"annex": INFO, "entries": [ENTRY, second]})
    write(
        data_dir,
        {
            "annex": {**INFO, "version": "old", "dated": "2020-01-01", "based_on": "test"},
            "removed": ["2.A.1.c.2"],
        },
        "mtcr_annex_old.yaml",
    )
    catalog = load_catalog(data_dir)
    assert list(catalog.get("old").entries) == ["2.A.1.c.1"]
    assert catalog.versions() == ["test", "old"]


def test_an_empty_directory_is_refused(data_dir: Path) -> None:
    with pytest.raises(AnnexDataError, match="no mtcr_annex"):
        load_catalog(data_dir)


def test_a_broken_parameter_file_is_refused(data_dir: Path) -> None:
    write(data_dir, {"annex": INFO, "entries": [ENTRY]})
    (data_dir / PARAMETERS_FILE).write_text(
        "parameters:\n  - {name: x, label: x}\n", encoding="utf-8"
    )
    with pytest.raises(AnnexDataError, match="needs a unit"):
        load_catalog(data_dir)


def test_an_alias_naming_two_parameters_is_refused(data_dir: Path) -> None:
    write(data_dir, {"annex": INFO, "entries": [ENTRY]})
    (data_dir / PARAMETERS_FILE).write_text(
        "parameters:\n"
        "  - {name: a, label: a, unit: m, aliases: [same]}\n"
        "  - {name: b, label: b, unit: m, aliases: [same]}\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnexDataError, match="duplicate parameter names: same"):
        load_catalog(data_dir)


def test_every_parameter_is_used_by_some_entry() -> None:
    catalog = load_catalog()
    annex = catalog.current()
    used = set()
    for entry in annex:
        conditions = [entry.test, *(n.condition for n in entry.notes)]
        used |= {t.parameter for c in conditions for t in thresholds(c)}
    tested = {name for name, spec in annex.parameters.items() if not spec.not_tested}
    assert used == tested and used.isdisjoint(set(annex.parameters) - tested)
