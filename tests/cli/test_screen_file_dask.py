"""``nonpro screen-file --scheduler``: the same file as in-process, from a real worker process."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.cli.conftest import Invoke


def test_a_local_cluster_writes_the_in_process_file(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    source = tmp_path / "parties.csv"
    with (shared_data / "matching" / "negatives_us.csv").open(encoding="utf-8") as handle:
        rows = [row for _, row in zip(range(60), csv.DictReader(handle), strict=False)]
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_name", "nation"])
        writer.writerows(
            [str(n), row["full_name"], row["nationality"]] for n, row in enumerate(rows)
        )
        writer.writerow(["x", "Mohammad Reza Naqdi", "Iran"])
    common = ["--name-column", "full_name", "--country-column", "nation", "--type", "person"]
    code, out = invoke("screen-file", str(source), "--out", str(tmp_path / "a.csv"), *common)
    assert code == 0, out
    code, out = invoke(
        "screen-file",
        str(source),
        "--out",
        str(tmp_path / "b.csv"),
        "--scheduler",
        "local:1",
        "--partition-rows",
        "16",
        *common,
    )
    assert code == 0, out
    assert "61 rows screened, 1 alerts" in out
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_bad_scheduler_names_the_option(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("name\nA\n", encoding="utf-8")
    for value in ("remote", "local:0", "tcp://nohost"):
        code, out = invoke(
            "screen-file", str(source), "--out", str(tmp_path / "o.csv"), "--scheduler", value
        )
        assert code == 2 and "--scheduler" in out and "local:N" in out, out
    assert not (tmp_path / "o.csv").exists()
