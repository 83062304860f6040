"""``nonpro cases precedents`` and ``search-precedents`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke


def _decided_opinion(invoke: Invoke, tmp_path: Path, raw: dict[str, Any]) -> None:
    """An advisory opinion approved by one person (the table asks no countersignature)."""
    path = tmp_path / f"{raw['reference']}.json"
    path.write_text(json.dumps(raw))
    code, out = invoke("cases", "create", str(path), "--submit")
    assert code == 0, out
    code, out = invoke("cases", "transition", raw["reference"], "under_review")
    assert code == 0, out
    code, out = invoke(
        "cases", "transition", raw["reference"], "approved", "--justification", "as in 2025"
    )
    assert code == 0 and "decided (approved)" in out, out


def test_precedents_of_a_case_and_a_search(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    invoke("db", "upgrade")
    _decided_opinion(invoke, tmp_path, case_json("OP-1", type="advisory_opinion"))
    other = [{"role": "end_user", "name": "Rheinland Sensorik GmbH", "country": "DE"}]
    _decided_opinion(
        invoke,
        tmp_path,
        case_json("OP-2", type="advisory_opinion", destination="DE", parties=other),
    )
    path = tmp_path / "open.json"
    path.write_text(json.dumps(case_json("OP-OPEN", type="advisory_opinion")))
    assert invoke("cases", "create", str(path))[0] == 0

    code, out = invoke("cases", "precedents", "OP-OPEN", "--json")
    assert code == 0, out
    found = json.loads(out)
    assert [p["reference"] for p in found["precedents"]] == ["OP-1", "OP-2"]
    assert [s["kind"] for s in found["precedents"][0]["shared"]] == [
        "annex_entry",
        "end_user",
        "destination",
        "case_type",
    ]
    code, out = invoke("cases", "precedents", "OP-OPEN")
    assert code == 0, out
    assert "2 of 2 precedents of OP-OPEN" in out
    assert "OP-1: approved on" in out and "shares: same Annex entry 9.A.4; same end user" in out
    assert "- Justification: as in 2025" in out

    code, out = invoke(
        "cases", "search-precedents", "--annex-item", "9.a.4", "--destination", "Japan", "--json"
    )
    assert code == 0, out
    assert [p["reference"] for p in json.loads(out)["precedents"]] == ["OP-1"]
    code, out = invoke("cases", "search-precedents", "--outcome", "approved")
    assert code == 0 and "2 of 2 decided cases: outcome approved" in out, out


def test_bad_search_input_names_the_field(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    code, out = invoke("cases", "search-precedents", "--annex-item", "9A004")
    assert code == 2 and "annex_item" in out and "not an Annex entry" in out
    code, out = invoke("cases", "search-precedents", "--from", "2026-13-01")
    assert code == 2 and "decided_from" in out
    code, out = invoke("cases", "search-precedents", "--from", "2026-03-02", "--to", "2026-03-01")
    assert code == 2 and "decided_to" in out
    code, out = invoke("cases", "precedents", "NONE-1")
    assert code != 0 and "case NONE-1 not found" in out
