"""``nonpro agreements`` and ``nonpro files`` on a fresh embedded database."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from tests.cli.conftest import Invoke

DATA = Path(__file__).resolve().parents[1] / "registers" / "data"


def _ready(invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("reference", "load")
    assert code == 0, out
    assert "negotiation files: 5 added" in out


def test_agreements_import_list_show_due(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    code, out = invoke("agreements", "import", str(DATA / "agreements.csv"))
    assert (code, out.strip()) == (
        0,
        "agreements: 4 added, 0 updated\n4 rows read: 4 stored, 0 refused",
    )
    code, out = invoke("agreements", "list", "--kind", "nuclear_cooperation", "--json")
    listed = json.loads(out)
    assert [a["key"] for a in listed] == ["TEST-EUR-1", "TEST-JPN-1"]
    code, out = invoke("agreements", "show", "TEST-JPN-1", "--as-of", "2020-01-01", "--json")
    shown = json.loads(out)
    assert shown["status"] == "in_force"
    csa = next(s for s in shown["safeguards"] if s["instrument"] == "IAEA_CSA")
    assert csa["status"] == "party" and csa["event"]["source"]
    code, out = invoke("agreements", "due", "--today", "2026-12-06", "--within", "90")
    assert code == 0
    assert "TEST-EUR-1" in out and "within the asked 90 days" in out and "2 reminders" in out
    code, out = invoke("agreements", "due", "--today", "2026-12-06", "--json")
    assert [r["key"] for r in json.loads(out)] == ["TEST-JPN-1"]
    code, out = invoke(
        *shlex.split(
            "agreements add --key T-2 --kind sister_laboratory --title Lab --partner IAEA"
            " --signed 2020-01-01 --json"
        )
    )
    assert code == 0 and json.loads(out)["safeguards"] == []


def test_agreements_bad_input_names_the_field(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    _ready(invoke)
    code, out = invoke(
        *shlex.split("agreements add --key T-1 --kind treaty --title x --partner JPN")
    )
    assert code == 2 and "kind" in out
    code, out = invoke(
        *shlex.split(
            "agreements add --key T-1 --kind nuclear_cooperation --title x --partner Atlantis"
        )
    )
    assert code == 2 and "partner: 'Atlantis'" in out
    bad_date = str(DATA / "agreements_bad_date.csv")
    code, out = invoke("agreements", "import", "--strict", bad_date)
    assert code == 2 and "nothing stored; 1 row could not be read: line 3" in out
    assert json.loads(invoke("agreements", "list", "--json")[1]) == []
    code, out = invoke("agreements", "import", bad_date)
    assert code == 0 and "1 added" in out and "2 rows read: 1 stored, 1 refused" in out
    assert "warning: 1 row(s) of" in out and "--strict" in out
    # The refused rows' table: row, column, problem.
    assert "line 3" in out and "in_force" in out and "'2015-13-01' is not a date" in out
    listed = json.loads(invoke("agreements", "list", "--json")[1])
    assert [a["key"] for a in listed] == ["TEST-OK-1"]
    only_bad = database.parent / "only-bad.csv"
    only_bad.write_text(
        "key,kind,title,partner,signed\nK-1,nuclear_cooperation,t,Japan,1974-01-32\n"
    )
    code, out = invoke("agreements", "import", str(only_bad))
    assert code == 2 and "nothing stored; 1 row could not be read: line 2, column 'signed'" in out


def test_files_positions_papers_timeline_search(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    code, out = invoke("files", "list", "--json")
    assert [f["code"] for f in json.loads(out)] == ["FMCT", "LANDMINES", "NSA", "PAROS", "TESTING"]
    code, out = invoke(
        *shlex.split(
            "files position add PAROS --state Egypt --date 2024-02-01 --forum CD"
            ' --stance "Supports a legally binding instrument" --source CD/PV.1700'
        )
    )
    assert code == 0, out
    code, out = invoke(
        *shlex.split(
            "files position add PAROS --state Egypt --date 2024-02-01"
            ' --forum "Security Council" --stance x --source y'
        )
    )
    assert code == 2 and "forum" in out
    code, out = invoke(
        "files", "paper", "add", "PAROS", "--title", "Our paper", "--text", "Norms.", "--json"
    )
    paper = json.loads(out)
    code, out = invoke("files", "paper", "revise", paper["id"], "--text", "Norms and a treaty.")
    assert code == 0 and "version 2" in out
    code, out = invoke("files", "paper", "diff", paper["id"])
    assert "-Norms." in out and "+Norms and a treaty." in out
    code, out = invoke("files", "timeline", "PAROS", "--json")
    kinds = [e["kind"] for e in json.loads(out)["entries"]]
    assert kinds[0] == "position" and kinds.count("paper_version") == 2
    code, out = invoke("files", "search", "legally BINDING", "--json")
    assert [h["file"] for h in json.loads(out)] == ["PAROS"]


def test_votes_import_and_record_with_compare(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    code, out = invoke("files", "votes", "import", str(DATA / "votes_fmct.csv"))
    assert code == 0 and "4 added" in out and "14 votes" in out
    code, out = invoke("files", "votes", "record", "PAK", "--series", "FMCT", "--json")
    rows = json.loads(out)["rows"]
    assert [(r["year"], r["vote"]) for r in rows] == [
        (2021, "no"),
        (2022, "abstain"),
        (2023, "yes"),
    ]
    code, out = invoke("files", "votes", "record", "USA", "--series", "FMCT", "--compare", "FRA")
    assert code == 0 and "A/RES/T78/12" in out and "differs" in out
    code, out = invoke("files", "votes", "import", str(DATA / "votes_bad_vote.csv"))
    assert code == 0 and "1 refused" in out and "line 3" in out and "vote" in out
    code, out = invoke("files", "votes", "record", "Atlantis", "--series", "FMCT")
    assert code == 2 and "state" in out
