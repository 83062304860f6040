"""Lists and screening from the command line: load, status, diff, update, screen, screen-file."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.cli.conftest import Invoke


@pytest.fixture
def publisher(tmp_path: Path, shared_data: Path) -> Iterator[str]:
    """A local stand-in for the publishers' sites: serves a folder on 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml", site / "un.xml")
    (site / "truncated.xml").write_text('<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS>')
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_load_status_screen_and_diff(database: Path, invoke: Invoke, shared_data: Path) -> None:
    invoke("db", "upgrade")
    code, out = invoke("lists", "load", str(shared_data / "lists" / "bis_dpl_2023-11"))
    assert code == 0 and "665 entries" in out
    code, out = invoke("lists", "status", "--json")
    (status,) = json.loads(out)
    assert status["source"] == "bis_dpl" and status["active"]["entry_count"] == 665
    listed = status["active"]["entry_count"]
    assert listed
    code, out = invoke("lists", "diff", "bis_dpl", "--json")
    assert len(json.loads(out)["added"]) == 665


def test_broken_file_keeps_the_previous_list(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    un = shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml"
    invoke("lists", "load", str(un))
    broken = tmp_path / "UN_consolidated.xml"
    broken.write_bytes(un.read_bytes()[:50_000])  # cut off mid-element
    code, out = invoke("lists", "load", str(broken), "--source", "un")
    assert code != 0 and str(broken) in out and "Traceback" not in out
    code, out = invoke("lists", "status", "--json")
    (status,) = json.loads(out)
    assert status["active"]["entry_count"] == 1003
    assert str(broken) in status["last_failure"]["problem"]


def test_update_downloads_and_a_failed_download_keeps_yesterdays(
    database: Path, invoke: Invoke, publisher: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nonpro.core.settings import get_settings

    invoke("db", "upgrade")
    monkeypatch.setenv("NONPRO_LIST_URLS", json.dumps({"un": f"{publisher}/un.xml"}))
    get_settings.cache_clear()
    code, out = invoke("lists", "update", "--source", "un")
    assert code == 0, out
    assert "un: 1003 entries" in out
    for broken in ("missing.xml", "truncated.xml"):
        monkeypatch.setenv("NONPRO_LIST_URLS", json.dumps({"un": f"{publisher}/{broken}"}))
        get_settings.cache_clear()
        code, out = invoke("lists", "update", "--source", "un")
        assert code == 1 and "previous snapshot stays active" in out
    code, out = invoke("lists", "status", "--json")
    (status,) = json.loads(out)
    assert status["active"]["entry_count"] == 1003 and status["snapshots"] == 1
    assert status["last_failure"]["origin"].endswith("truncated.xml")


def test_screen_json_shape(database: Path, invoke: Invoke, shared_data: Path) -> None:
    invoke("db", "upgrade")
    invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    code, out = invoke("screen", "Mohammad Reza Naqdi", "--type", "person", "--json")
    assert code == 0
    body = json.loads(out)
    assert body["query"]["name"] == "Mohammad Reza Naqdi"
    hit = body["hits"][0]
    assert hit["alert"] and hit["list"] == "un" and hit["explanation"]
    code, out = invoke("screen", "X", "--dob", "1960/05/01")
    assert code == 2 and "dob" in out


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_screen_file_adds_the_result_columns(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path, suffix: str
) -> None:
    invoke("db", "upgrade")
    invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    source = tmp_path / "parties.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer_id", "full_name", "nation"])
        writer.writerow(["1", "Mohammad Reza Naqdi", "Iran"])
        writer.writerow(["2", "Jane Q. Ordinary", "United States"])
        writer.writerow(["3", "", ""])
    out_path = tmp_path / f"screened{suffix}"
    code, out = invoke(
        "screen-file",
        str(source),
        "--out",
        str(out_path),
        "--name-column",
        "full_name",
        "--country-column",
        "nation",
        "--type",
        "person",
    )
    assert code == 0, out
    assert "3 rows screened, 1 alerts" in out
    if suffix == ".csv":
        with out_path.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = [{k: str(v) for k, v in r.items()} for r in pq.read_table(out_path).to_pylist()]
    assert list(rows[0])[:3] == ["customer_id", "full_name", "nation"]
    assert {"alert", "top_score", "top_entry_id", "top_list", "top_name", "hit_count"} <= set(
        rows[0]
    )
    assert rows[0]["alert"] == "True" and rows[0]["top_list"] == "un"
    assert rows[1]["alert"] == "False" and rows[2]["hit_count"] == "0"


def test_screen_file_names_a_missing_column(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    invoke("db", "upgrade")
    source = tmp_path / "p.csv"
    source.write_text("id,name\n1,A\n")
    code, out = invoke(
        "screen-file", str(source), "--out", str(tmp_path / "o.csv"), "--dob-column", "birth"
    )
    assert code == 2 and "birth" in out
    assert not (tmp_path / "o.csv").exists()


def test_kept_parties_are_rescreened_after_a_list_update(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    dpl = shared_data / "lists" / "bis_dpl_2023-11" / "dpl.txt"
    invoke("lists", "load", str(dpl))
    code, out = invoke("screen", "Hamid Testperson Karimi", "--type", "person", "--keep")
    assert code == 0 and "no hits" in out
    lines = dpl.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].rstrip("\n").split("\t")
    cells[0] = "HAMID TESTPERSON KARIMI"
    updated = tmp_path / "dpl.txt"
    updated.write_text("".join(lines) + "\t".join(cells) + "\n", encoding="utf-8")
    code, out = invoke("lists", "load", str(updated))
    assert code == 0, out
    assert "re-screened 1 kept parties: 1 new alerts" in out
    assert "NEW Hamid Testperson Karimi (manual:" in out
    code, out = invoke("lists", "load", str(dpl))  # back to the old list: nothing new
    assert "new alerts" not in out or "0 new alerts" in out


def test_export_as_followthemoney_reads_back(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    out = tmp_path / "un.ftm.json"
    code, text = invoke("lists", "export", "un", "--out", str(out))
    assert code == 0 and "1003 entries" in text
    code, text = invoke("lists", "load", str(out), "--source", "un_ftm")
    assert code == 0 and "un_ftm: 1003 entries" in text
    code, text = invoke("screen", "Mohammad Reza Naqdi", "--lists", "un_ftm", "--json")
    assert json.loads(text)["hits"][0]["list"] == "un_ftm"


def test_a_list_update_reassesses_open_cases(
    database: Path, invoke: Invoke, shared_data: Path, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    invoke("reference", "load")
    dpl = shared_data / "lists" / "bis_dpl_2023-11" / "dpl.txt"
    invoke("lists", "load", str(dpl))
    demo = json.loads((shared_data / "demo" / "cases.json").read_text(encoding="utf-8"))
    case = next(c for c in demo if c["reference"] == "DEMO-006")
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case), encoding="utf-8")
    code, out = invoke("cases", "create", str(case_file), "--json")
    assert code == 0, out
    case_id = json.loads(out)["id"]
    invoke("cases", "transition", case_id, "submitted")
    code, out = invoke("cases", "assess", case_id, "--json")
    before = json.loads(out)["recommendation"]
    # The next list names the end user: the kept party alerts and the case is assessed again.
    lines = dpl.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].rstrip("\n").split("\t")
    cells[0], cells[4] = "RHEINLAND SENSORIK GMBH", "DE"
    updated = tmp_path / "dpl.txt"
    updated.write_text("".join(lines) + "\t".join(cells) + "\n", encoding="utf-8")
    code, out = invoke("lists", "load", str(updated))
    assert code == 0, out
    assert "NEW Rheinland Sensorik GmbH (case:DEMO-006)" in out
    assert f"case DEMO-006: recommendation {before} → " in out


def test_lists_show_prints_the_listed_record(
    database: Path, invoke: Invoke, shared_data: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0
    assert invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))[0] == 0
    code, out = invoke("screen", "Mohammad Reza Naqdi", "--json")
    assert code == 0, out
    top = json.loads(out)["hits"][0]
    code, out = invoke("lists", "show", top["entry_id"], "--snapshot", top["snapshot"])
    assert code == 0, out
    assert "NAQDI" in out.upper() and "Names" in out and "active" in out
    assert "relations: not stored" in out
    code, out = invoke("lists", "show", top["entry_id"], "--json")
    assert json.loads(out)["entry"]["names"]
    assert invoke("lists", "show", "un:NO-SUCH-ID")[0] == 3
    code, out = invoke("lists", "show", "nonsense")
    assert code == 2 and "entry_id" in out
