"""``nonpro sanctions`` through the real entry point on a fresh database."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import yaml
from docx import Document
from tests.cli.conftest import Invoke

from nonpro.core.clock import today

FACTS = {
    "person": {"name": "Beta Aerospace Trading", "nationality": "China", "us_person": False},
    "activity": {"kind": "transfer", "knowing": True, "date": "2026-03-01"},
    "item": {"annex_item": "2.A.1.d"},
    "destination": {"country": "Iran"},
    "substantial_contribution": True,
}
DETERMINATION = {
    "entities": [
        {
            "name": "Beta Aerospace Trading",
            "aliases": ["BAT Co"],
            "country": "China",
            "government_activities": True,
        }
    ],
    "authorities": [
        {"authority": "AECA 73", "paragraphs": ["§73(a)(2)(B)", "§73(a)(2)(C)"]},
        {"authority": "INKSNA"},
    ],
    "measures": ["contracts_all", "licenses_usml_all", "import_ban", "procurement_ban"],
    "activity": "missile technology proliferation activities",
    "determination_date": (today() - timedelta(days=3)).isoformat(),
    "term": {"years": 2, "minimum": True},
    "substantial_contribution": True,
}


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


def test_evaluate_prints_authorities_and_json(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0  # MTCR adherence is asked of the treaty events
    facts = write(tmp_path, "facts.yaml", FACTS)
    code, out = invoke("sanctions", "evaluate", str(facts))
    assert code == 0, out
    assert "AECA 73" in out and "applies (mandatory)" in out and "UNVERIFIED" in out
    assert "dated facts as of the activity's date (2026-03-01)" in out
    code, out = invoke("sanctions", "evaluate", str(facts), "--json")
    body = json.loads(out)
    assert next(a for a in body["authorities"] if a["authority"] == "INKSNA")["applies"]


def test_evaluate_on_the_activity_date_asks_what_the_data_cannot_say(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0
    czech = {
        **FACTS,
        "activity": {"kind": "transfer", "knowing": True, "date": "1998-06-01"},
        "destination": {"country": "Czech Republic"},
    }
    code, out = invoke("sanctions", "evaluate", str(write(tmp_path, "cz.yaml", czech)))
    assert code == 0, out
    assert "AECA 73: information needed" in out
    assert "INFORMATION NEEDED whether Czechia was an MTCR adherent on 1998-06-01" in out
    assert "only known as 'in 1998'" in out and "destination.mtcr_adherent" in out
    answered = {**czech, "destination": {"country": "Czech Republic", "mtcr_adherent": False}}
    code, out = invoke(
        "sanctions", "evaluate", str(write(tmp_path, "cz2.yaml", answered)), "--json"
    )
    body = json.loads(out)
    assert body["information_needed"] == [] and body["facts_date"] == "1998-06-01"
    assert next(a for a in body["authorities"] if a["authority"] == "AECA 73")["applies"]
    undated = {**FACTS, "activity": {"kind": "transfer", "knowing": True}}
    code, out = invoke(
        "sanctions", "evaluate", str(write(tmp_path, "u.yaml", undated)), "--as-of", "2015-03-01"
    )
    assert "dated facts as of the evaluation's date (2015-03-01): the facts give no" in out


def test_determination_outside_the_statutes_terms_is_exit_2_naming_the_field(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    assert invoke("db", "upgrade")[0] == 0
    three_years = {
        **DETERMINATION,
        "authorities": [{"authority": "AECA 73"}],
        "measures": ["contracts_missile", "licenses_missile"],
        "term": {"years": 3},
    }
    code, out = invoke(
        "sanctions", "determinations", "add", str(write(tmp_path, "d.yaml", three_years))
    )
    assert code == 2
    assert "term" in out and "for a period of 2 years" in out
    path = str(write(tmp_path, "ok.yaml", DETERMINATION))
    assert invoke("sanctions", "determinations", "add", path)[0] == 0
    code, out = invoke("sanctions", "determinations", "add", path)
    assert code == 2 and "acknowledge_duplicate" in out
    acknowledged = write(tmp_path, "ack.yaml", {**DETERMINATION, "acknowledge_duplicate": True})
    assert invoke("sanctions", "determinations", "add", str(acknowledged))[0] == 0


def test_evaluate_bad_file_is_exit_2(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", {**FACTS, "item": {}})
    code, out = invoke("sanctions", "evaluate", str(bad))
    assert code == 2 and "item" in out


def test_register_round_trip(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke(
        "sanctions", "determinations", "add", str(write(tmp_path, "d.yaml", DETERMINATION))
    )
    assert code == 0, out
    assert "nonpro-determinations: 1 entries" in out
    code, out = invoke("sanctions", "determinations", "list", "--json")
    (listed,) = json.loads(out)
    ident = listed["id"]
    assert listed["status"] == "active"
    code, out = invoke("screen", "BAT Co", "--json")
    assert any(h["list"] == "nonpro-determinations" for h in json.loads(out)["hits"])
    code, out = invoke("sanctions", "determinations", "show", ident)
    assert json.loads(out)["entities"][0]["government_activities"]
    code, out = invoke("sanctions", "expiring", "--within", "800d", "--json")
    assert [d["id"] for d in json.loads(out)] == [ident]
    code, out = invoke("sanctions", "notice", ident, "--format", "md")
    assert "non-market economy" in out and "sub-units and successors" in out
    docx = tmp_path / "notice.docx"
    code, out = invoke("sanctions", "notice", ident, "--format", "docx", "--out", str(docx))
    assert code == 0 and "Beta Aerospace Trading" in Document(str(docx)).paragraphs[2].text
    code, out = invoke(
        "sanctions",
        "inksna-report",
        "--from",
        "2026-01-01",
        "--to",
        (today() + timedelta(days=1)).isoformat(),
    )
    assert "procurement_ban" in out
    code, out = invoke("sanctions", "terminate", ident, "--date", today().isoformat())
    assert code == 0, out
    code, out = invoke("sanctions", "determinations", "list", "--active", "--json")
    assert json.loads(out) == []
    code, out = invoke("sanctions", "waive", ident, "--date", today().isoformat())
    assert code == 4  # already ended
    code, out = invoke("sanctions", "publish")
    assert "0 entries (unchanged)" in out


def test_expiring_rejects_a_bad_window(database: Path, invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("sanctions", "expiring", "--within", "soon")
    assert code == 2 and "--within" in out


def test_a_bad_date_option_is_exit_2_naming_the_option(database: Path, invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("sanctions", "expiring", "--as-of", "2026-13-01")
    assert code == 2
    assert "--as-of" in out and "'2026-13-01' is not a date (use YYYY-MM-DD)" in out
