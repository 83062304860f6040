"""``nonpro treaties`` as a multilateral officer types it, on a fresh embedded database."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.cli.conftest import Invoke

from nonpro.core.settings import get_settings

NINE = ["CHN", "EGY", "IND", "IRN", "ISR", "PAK", "PRK", "RUS", "USA"]


@pytest.fixture
def loaded(database: Path, invoke: Invoke, shared_data: Path) -> Path:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("reference", "load")
    assert code == 0 and "759 compiled events" in out
    for source in ("untc", "unoda"):
        code, out = invoke("treaties", "load", str(shared_data / "treaties" / source))
        assert code == 0, out
    return database


@pytest.fixture
def site(tmp_path: Path, shared_data: Path) -> Iterator[str]:
    """A local stand-in for the UNTC and UNODA sites, serving the shared copies on 127.0.0.1."""
    root = tmp_path / "site"
    shutil.copytree(shared_data / "treaties", root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_must_shows(loaded: Path, invoke: Invoke) -> None:
    code, out = invoke("treaties", "status", "Russia", "--as-of", "2023-01-01", "--json")
    found = json.loads(out)
    assert code == 0 and found["state"] == "RUS" and found["as_of"] == "2023-01-01"
    by_code = {i["instrument"]: i for i in found["instruments"]}
    assert by_code["CTBT"]["status"] == "consented" and by_code["CTBT"]["events"]
    code, out = invoke("treaties", "status", "RUS", "--as-of", "2024-01-01", "--json")
    assert {i["instrument"]: i["status"] for i in json.loads(out)["instruments"]}["CTBT"] == (
        "signatory"
    )
    code, out = invoke("treaties", "eif", "CTBT", "--json")
    assert json.loads(out)["required_outstanding"] == NINE
    code, out = invoke("treaties", "eif", "CTBT")
    assert "required states still needed (9)" in out
    code, out = invoke("treaties", "parties", "NPT", "--as-of", "1980-01-01", "--json")
    found = json.loads(out)
    assert set(found) >= {"instrument", "as_of", "states"}
    assert "SUN" in found["states"] and "RUS" not in found["states"]
    code, out = invoke("treaties", "status", "Slovakia", "--as-of", "1993-01-01", "--json")
    assert {i["instrument"]: i["status"] for i in json.loads(out)["instruments"]}["NPT"] == "party"


def test_counts_reconcile_and_check_exits_1_on_an_unexplained_difference(
    loaded: Path, invoke: Invoke, tmp_path: Path
) -> None:
    code, out = invoke("treaties", "check")
    assert code == 0 and "40 stated counts checked, 5 differences" in out
    assert "rest only on a weak source" in out and "PELINDABA_P1, unverified" in out
    code, out = invoke("treaties", "status", "DEU")
    assert "(weak: inferred" in out, out  # its safeguards agreement, dated by inference
    wrong = tmp_path / "stated_counts.csv"
    wrong.write_text(
        "instrument,measure,value,among,as_of,source,explanation\n"
        "MTCR,party,40,,2026-11-22,a test,\n"
    )
    assert invoke("treaties", "load", str(wrong))[0] == 0
    code, out = invoke("treaties", "check", "--json")
    assert code == 1
    (bad,) = [d for d in json.loads(out)["discrepancies"] if not d["explanation"]]
    assert (bad["instrument"], bad["stated"], bad["derived"]) == ("MTCR", 40, 35)


def test_changes_questions_and_filters(loaded: Path, invoke: Invoke) -> None:
    code, out = invoke(
        "treaties", "changes", "CTBT", "--from", "2023-01-01", "--to", "2024-12-31", "--json"
    )
    changes = [(c["state"], c["after"]) for c in json.loads(out)["changes"]]
    assert ("RUS", "signatory") in changes and ("PNG", "consented") in changes
    code, out = invoke("treaties", "ask", "mtcr-not-hcoc", "--json")
    assert json.loads(out)["states"] == ["BRA"]
    code, out = invoke("treaties", "ask", "npt-csa-without-ap")
    assert code == 0 and "IRN" in out
    code, out = invoke("treaties", "filter", "--having", "MTCR", "--lacking", "HCOC", "--json")
    assert json.loads(out)["states"] == ["BRA"]
    code, out = invoke("treaties", "imports", "--json")
    assert {i["source"] for i in json.loads(out)} == {"nonpro", "untc", "unoda"}
    assert invoke("treaties", "instruments")[0] == 0


def test_bad_input_names_the_field(loaded: Path, invoke: Invoke) -> None:
    code, out = invoke("treaties", "status", "Narnia")
    assert code == 2 and "state:" in out and "Traceback" not in out
    code, out = invoke("treaties", "parties", "NPT", "--as-of", "2024-13-01")
    assert code == 2 and "as_of:" in out
    code, out = invoke("treaties", "parties", "NPT", "--status", "member")
    assert code == 2 and "status:" in out
    code, out = invoke("treaties", "parties", "XYZ")
    assert code == 3 and "instrument XYZ not found" in out


def test_a_broken_file_changes_nothing(
    loaded: Path, invoke: Invoke, tmp_path: Path, shared_data: Path
) -> None:
    before = json.loads(invoke("treaties", "imports", "--json")[1])
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(shared_data / "treaties" / "untc" / "html" / "ctbt.html", folder / "ctbt.html")
    (folder / "cwc.html").write_text("<html><body>STATUS AS AT nothing</body></html>")
    code, out = invoke("treaties", "load", str(folder))
    assert code == 2 and "cwc.html" in out
    assert json.loads(invoke("treaties", "imports", "--json")[1]) == before


def test_update_downloads_and_a_failed_download_changes_nothing(
    database: Path, invoke: Invoke, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("db", "upgrade")
    urls = {"untc": f"{site}/untc/html/{{page}}.html", "unoda": f"{site}/unoda/{{page}}.html"}
    monkeypatch.setenv("NONPRO_TREATY_URLS", json.dumps(urls))
    get_settings.cache_clear()
    code, out = invoke("treaties", "update")
    assert code == 0, out
    assert "untc: 2757 events" in out and "unoda: 1338 events" in out
    monkeypatch.setenv("NONPRO_TREATY_URLS", json.dumps({**urls, "untc/ctbt": f"{site}/gone"}))
    get_settings.cache_clear()
    code, out = invoke("treaties", "update")
    assert code == 1 and "untc/ctbt" in out and "nothing was changed" in out
    imports = json.loads(invoke("treaties", "imports", "--json")[1])
    assert sorted(i["source"] for i in imports) == ["unoda", "untc"]
    code, out = invoke("treaties", "eif", "CTBT", "--json")
    assert json.loads(out)["required_outstanding"] == NINE


def test_parties_as_of_a_date_the_data_cannot_answer_count_known_and_unknown(
    loaded: Path, invoke: Invoke
) -> None:
    # The NSG's table gives years: the four states of "(2000)" are unknown on 1 January 2000.
    code, out = invoke("treaties", "parties", "NSG", "--as-of", "2000-01-01")
    assert code == 0 and "NSG party as of 2000-01-01: 35 known, 4 unknown" in out
    assert "unknown (dated only by a year, a month or a list's date): BLR CYP SVN TUR" in out
    code, out = invoke("treaties", "status", "USA", "--as-of", "2010-01-01", "--json")
    ap = {i["instrument"]: i for i in json.loads(out)["instruments"]}["IAEA_AP"]
    assert (ap["status"], ap["since"]) == ("party", "2009-01-06")
    code, out = invoke("treaties", "status", "ARG", "--as-of", "1994-06-01", "--json")
    nsg = {i["instrument"]: i for i in json.loads(out)["instruments"]}["NSG"]  # "(1994)"
    assert (nsg["status"], nsg["since"], nsg["possible"]) == ("unknown", None, ["none", "party"])


def test_status_table_shows_a_notice_not_to_become_party_and_ratified_not_in_force(
    loaded: Path, invoke: Invoke
) -> None:
    code, out = invoke("treaties", "status", "USA")
    # The note sits in the table's last column, wrapped at the terminal's width.
    assert code == 0 and "intend to become" in out and "2019-07-18" in out, out
    code, out = invoke("treaties", "parties", "CTBT")
    assert code == 0 and "has not entered into force" in out, out
