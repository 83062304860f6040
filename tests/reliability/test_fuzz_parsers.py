"""Random, truncated and corrupted input to every parser: a clear error or a result, never a crash.

Each parser is fed real files cut at a random point, with random bytes spliced in, and pure noise.
It either reads something or raises the capability's own error (a ``NonproError`` whose message
names the file or field); any other exception is a crash and fails the test.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.batch import tables
from nonpro.cases.schemas import CaseIn
from nonpro.controls.range.services import parse_spec_text
from nonpro.core.errors import NonproError
from nonpro.core.rejected_rows import RowProblems
from nonpro.core.validation import parse_input
from nonpro.programs.formats.detect import read_path as read_program_data
from nonpro.registers.agreements import csv_import as agreements_import
from nonpro.registers.arms.report_csv import parse_report_csv
from nonpro.registers.arms.sipri import read_trade_register
from nonpro.registers.votes import csv_import as votes_import
from nonpro.screening.formats.detect import load_path as load_list
from nonpro.treaties.formats.detect import load_path as load_treaty_path
from tests.conftest import shared_root

# NONPRO_FUZZ_EXAMPLES=2000 for a long random run; the suite's default run is short and fixed
# (the same cases every time: a failure is reproducible and CI stays stable).
EXAMPLES = int(os.environ.get("NONPRO_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 30,
    deadline=None,
    derandomize=not EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DATA = shared_root() / "data"
HERE = Path(__file__).resolve().parents[1]


def _head(path: Path, size: int = 48_000) -> bytes:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return raw[:size]


# How to damage a sample: (kind, where, how much to drop, what to splice in). Drawn as plain
# numbers, so hypothesis never has to show a whole file when it reports a failure.
DAMAGE = st.tuples(
    st.sampled_from(["cut", "splice", "noise"]),
    st.integers(0, 2**31),
    st.integers(0, 64),
    st.binary(max_size=512),
)


def damaged(sample: bytes, damage: tuple[str, int, int, bytes]) -> bytes:
    """The sample cut short, with noise spliced in, or noise alone."""
    kind, where, drop, noise = damage
    at = where % (len(sample) + 1)
    if kind == "cut":
        return sample[:at]
    if kind == "splice":
        return sample[:at] + noise[:64] + sample[at + drop :]
    return noise


def _survives(read: Callable[[Path], Any], name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            read(path)
        except NonproError as error:
            assert error.message.strip(), "an error must say what is wrong"


def _fuzz(sample: bytes, attempt: Callable[[bytes], Any]) -> None:
    """``attempt`` on damaged copies of ``sample``: a result or a NonproError with a message."""

    @FUZZ
    @given(DAMAGE)
    def check(damage: tuple[str, int, int, bytes]) -> None:
        try:
            attempt(damaged(sample, damage))
        except NonproError as error:
            assert error.message.strip(), "an error must say what is wrong"

    check()


def _fuzz_file(sample: bytes, name: str, read: Callable[[Path], Any]) -> None:
    _fuzz(sample, lambda content: _survives(read, name, content))


LIST_SAMPLES = {
    "sdn.csv": DATA / "lists/ofac_sdn_2021/sdn.csv",
    "cons_prim.csv": DATA / "lists/ofac_cons_2025/cons_prim.csv",
    "consolidated.csv": DATA / "lists/csl_2025-02/consolidated.csv.gz",
    "dpl.txt": DATA / "lists/bis_dpl_2023-11/dpl.txt",
    "UN_consolidated.xml": DATA / "lists/un_2026-02/UN_consolidated.xml",
    "entities.ftm.json": DATA / "lists/ftm/t1_entities.ftm.json",
    "eu.xml": HERE / "screening/data/eu_fsf_sample.xml",
    "uk.xml": HERE / "screening/data/uk_sanctions_sample.xml",
    "sdn_enhanced.xml": HERE / "screening/data/sdn_enhanced_sample.xml",
}


@pytest.mark.parametrize("name", sorted(LIST_SAMPLES))
def test_list_parsers_survive_damaged_files(name: str) -> None:
    _fuzz_file(_head(LIST_SAMPLES[name]), name, load_list)


TREATY_SAMPLES = {
    "ctbt.html": DATA / "treaties/untc/html/ctbt.html",
    "index.html": DATA / "treaties/unoda/index.html",
    "timeline.html": DATA / "treaties/unoda/timeline.html",
    "ratifications.csv": DATA / "treaties/untc/arms_control_ratifications.csv",
}


@pytest.mark.parametrize("name", sorted(TREATY_SAMPLES))
def test_treaty_page_parsers_survive_damaged_files(name: str) -> None:
    _fuzz_file(_head(TREATY_SAMPLES[name], 200_000), name, load_treaty_path)


PROGRAM_SAMPLES = {
    "trade-register.csv": DATA / "missiles/sipri/trade-register.csv",
    "provocations.csv": DATA
    / "missiles/csis_nk_provocations/north_korea_provocations_1958_present.csv",
}


@pytest.mark.parametrize("name", sorted(PROGRAM_SAMPLES))
def test_program_data_parsers_survive_damaged_files(name: str) -> None:
    _fuzz_file(_head(PROGRAM_SAMPLES[name]), name, read_program_data)


TABLE = b'name,dob,country\nMohammad Ali,1970-01-01,IR\n"Quoted, Name",,RU\n'


@FUZZ
@given(DAMAGE)
def test_a_screening_input_table_survives_damage(damage: tuple[str, int, int, bytes]) -> None:
    content = damaged(TABLE, damage)

    def read_all(path: Path) -> None:
        tables.read_columns(path)
        list(tables.iter_rows(path))

    _survives(read_all, "names.csv", content)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
        max_leaves=20,
    )


CASE_KEYS = ["reference", "case_type", "destination", "end_use", "parties", "items", "applicant"]


@FUZZ
@given(st.dictionaries(st.sampled_from(CASE_KEYS), _json_values()))
def test_case_json_gives_invalid_input_naming_the_field(payload: dict[str, Any]) -> None:
    try:
        parse_input(CaseIn, payload)
    except NonproError as error:
        assert error.message.strip()


SPEC = (HERE.parent / "src/nonpro/controls/range/data").glob("*.yaml")


@pytest.mark.parametrize("spec", sorted(SPEC)[:2], ids=lambda p: p.name)
def test_range_specs_survive_damaged_yaml(spec: Path) -> None:
    _fuzz(
        spec.read_bytes(),
        lambda content: parse_spec_text(content.decode("utf-8", "replace"), source=spec.name),
    )


def test_the_samples_are_real() -> None:
    """The fuzzing starts from the real files: each sample parses before it is damaged."""
    for name, path in LIST_SAMPLES.items():
        assert path.is_file(), name
    assert json.loads(_head(LIST_SAMPLES["entities.ftm.json"]).splitlines()[0])


REGISTER_DATA = HERE / "registers/data"


def test_a_states_arms_report_survives_damage() -> None:
    _fuzz_file(
        (REGISTER_DATA / "pol-2023.csv").read_bytes(),
        "report.csv",
        lambda path: parse_report_csv(
            path, state="POL", year=2023, problems=RowProblems(str(path))
        ),
    )


def test_the_sipri_register_reader_survives_damage() -> None:
    sample = _head(DATA / "missiles/sipri/trade-register.csv")
    _fuzz_file(
        sample, "trade-register.csv", lambda path: read_trade_register(path, RowProblems(str(path)))
    )


@pytest.mark.parametrize("name", ["agreements.csv", "votes_fmct.csv"])
def test_register_imports_survive_damage(
    name: str, db_session: Session, operator: Principal
) -> None:
    sample = (REGISTER_DATA / name).read_bytes()
    importer = (
        agreements_import.import_csv if name.startswith("agreements") else votes_import.import_csv
    )

    def attempt(content: bytes) -> None:
        with db_session.begin_nested() as savepoint:
            try:
                importer(
                    content.decode("utf-8", "replace"),
                    origin=name,
                    session=db_session,
                    actor=operator,
                )
            finally:
                savepoint.rollback()

    _fuzz(sample, attempt)
