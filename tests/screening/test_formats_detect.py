"""load_path: files and folders, format recognised from content."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats import load_path

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("ofac_sdn_2021", [("ofac_sdn", 8976)]),
        # The folder holds the same list as legacy CSV and enhanced XML: only the XML is read.
        ("ofac_cons_2025", [("ofac_cons", 443)]),
        ("csl_2025-02", [("csl", 14160)]),
        ("bis_dpl_2023-11", [("bis_dpl", 665)]),
        ("un_2026-02", [("un", 1003)]),
        ("ftm", [("ftm_t1_entities", 6), ("ftm_zala_entities", 17)]),
    ],
)
def test_every_shared_folder(
    shared_data: Path, folder: str, expected: list[tuple[str, int]]
) -> None:
    parsed = load_path(shared_data / "lists" / folder)
    assert [(p.source, len(p.entries)) for p in parsed] == expected


def test_whole_lists_folder_with_subfolders(shared_data: Path) -> None:
    parsed = load_path(shared_data / "lists")
    assert sorted((p.source, len(p.entries)) for p in parsed) == [
        ("bis_dpl", 665),
        ("csl", 14160),
        ("ftm_t1_entities", 6),
        ("ftm_zala_entities", 17),
        ("ofac_cons", 443),
        ("ofac_sdn", 8976),
        ("un", 1003),
    ]


def test_hand_written_files() -> None:
    assert [(p.source, len(p.entries)) for p in load_path(DATA)] == [
        ("eu", 2),
        ("ofac_sdn", 2),
        ("ofac_sdn", 2),
        ("uk", 2),
    ]


def test_renamed_files_are_recognised_by_content(shared_data: Path, tmp_path: Path) -> None:
    lists = shared_data / "lists"
    shutil.copy(lists / "un_2026-02/UN_consolidated.xml", tmp_path / "download-1")
    (tmp_path / "download-2").write_bytes(
        gzip.decompress((lists / "csl_2025-02/consolidated.csv.gz").read_bytes())
    )
    shutil.copy(lists / "ofac_cons_2025/CONS_ENHANCED.ZIP", tmp_path / "download-3")
    shutil.copy(lists / "bis_dpl_2023-11/dpl.txt", tmp_path / "download-4")
    sources = [(p.source, len(p.entries)) for p in load_path(tmp_path)]
    assert sources == [("un", 1003), ("csl", 14160), ("ofac_cons", 443), ("bis_dpl", 665)]


def test_source_override(shared_data: Path) -> None:
    (parsed,) = load_path(shared_data / "lists/bis_dpl_2023-11/dpl.txt", source="dpl_2023")
    assert parsed.source == "dpl_2023"
    assert {entry.source for entry in parsed.entries} == {"dpl_2023"}


def test_side_file_alone_is_refused(shared_data: Path) -> None:
    with pytest.raises(ListParseError, match=r"part of an OFAC CSV set"):
        load_path(shared_data / "lists/ofac_sdn_2021/add.csv")


def test_unknown_and_missing(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ListParseError, match=r"format not recognised"):
        load_path(tmp_path / "notes.csv")
    with pytest.raises(ListParseError, match=r"does not exist"):
        load_path(tmp_path / "nothing.xml")
    (tmp_path / "blank.xml").write_bytes(b"\n\n")
    with pytest.raises(ListParseError, match=r"is empty"):
        load_path(tmp_path / "blank.xml")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ListParseError, match=r"contains no list files"):
        load_path(empty)


def test_truncated_file_found_by_detection_is_a_parse_error(
    shared_data: Path, tmp_path: Path
) -> None:
    data = (shared_data / "lists/un_2026-02/UN_consolidated.xml").read_bytes()
    (tmp_path / "un.xml").write_bytes(data[: len(data) // 3])
    with pytest.raises(ListParseError) as caught:
        load_path(tmp_path)
    assert caught.value.path == str(tmp_path / "un.xml")
    assert "malformed XML" in caught.value.problem


def test_parsed_lists_name_their_format_and_files(shared_data: Path) -> None:
    (sdn,) = load_path(shared_data / "lists/ofac_sdn_2021")
    assert sdn.format == "ofac_csv"
    assert [Path(file).name for file in sdn.files] == [
        "sdn.csv",
        "add.csv",
        "alt.csv",
        "sdn_comments.csv",
    ]
    (un,) = load_path(shared_data / "lists/un_2026-02")
    assert (un.format, un.files) == (
        "un_sc_xml",
        [str(shared_data / "lists/un_2026-02/UN_consolidated.xml")],
    )


def test_un_download_named_like_ofac_is_not_skipped(shared_data: Path, tmp_path: Path) -> None:
    # The UN's file is "consolidated.xml", the name of OFAC's classic consolidated XML too.
    lists = shared_data / "lists"
    shutil.copy(lists / "un_2026-02/UN_consolidated.xml", tmp_path / "consolidated.xml")
    shutil.copy(lists / "ofac_cons_2025/CONS_ENHANCED.ZIP", tmp_path / "CONS_ENHANCED.ZIP")
    assert [p.source for p in load_path(tmp_path)] == ["ofac_cons", "un"]


def test_gzipped_xml(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists/un_2026-02/UN_consolidated.xml").read_bytes()
    (tmp_path / "consolidated.xml.gz").write_bytes(gzip.compress(data))
    (parsed,) = load_path(tmp_path / "consolidated.xml.gz")
    assert (parsed.source, len(parsed.entries)) == ("un", 1003)
    (tmp_path / "cut.xml.gz").write_bytes(gzip.compress(data)[:50_000])
    with pytest.raises(ListParseError, match=r"cut\.xml\.gz"):
        load_path(tmp_path / "cut.xml.gz")
