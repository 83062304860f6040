"""``nonpro interagency request / requests / accept / decline``: the handoff from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke


def test_request_list_accept_and_decline(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    for args in (("db", "upgrade"), ("reference", "load")):
        assert invoke(*args)[0] == 0
    for reference in ("HO-CLI-1", "HO-CLI-2"):
        case_file = tmp_path / f"{reference}.json"
        case_file.write_text(json.dumps(case_json(reference)), "utf-8")
        assert invoke("cases", "create", str(case_file), "--submit")[0] == 0
        assert invoke("cases", "transition", reference, "under_review")[0] == 0
    code, out = invoke("cases", "transition", "HO-CLI-1", "referred")
    assert code != 0 and "no interagency referral" in out

    asked = []
    for reference, group in (("HO-CLI-1", "MTEC"), ("HO-CLI-2", "MTAG")):
        code, out = invoke("interagency", "request", reference, "--group", group, "--json")
        assert code == 0, out
        asked.append(json.loads(out)["id"])
    code, out = invoke("interagency", "requests", "--json")
    assert code == 0 and [r["case_reference"] for r in json.loads(out)] == ["HO-CLI-1", "HO-CLI-2"]

    code, out = invoke("interagency", "accept", asked[0])
    assert code == 0 and "HO-CLI-1 referred to MTEC" in out, out
    code, out = invoke("interagency", "decline", asked[1], "--note", "not a missile matter")
    assert code == 0 and "HO-CLI-2: referral to MTAG declined" in out, out
    code, out = invoke("interagency", "requests", "--json")
    assert json.loads(out) == []
