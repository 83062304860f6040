"""``nonpro interagency annex-proposals`` through the real entry point: a proposal from draft to
the Annex version it produced; bad input exits 2 naming the field; a munitions case is refused
by MARC."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke

CMD = ("interagency", "annex-proposals")


def test_a_proposal_from_draft_to_an_annex_version(database: Path, invoke: Invoke) -> None:
    for args in (("db", "upgrade"), ("reference", "load")):
        code, out = invoke(*args)
        assert code == 0, out
    code, out = invoke(*CMD, "create", "--entry", "2.A.9", "--text", "t", "--rationale", "r")
    assert code == 2 and "entry" in out and "not in the Annex" in out
    code, out = invoke(
        *CMD,
        "create",
        "--entry",
        "2.A.1.g",
        "--new-under",
        "2.A.1",
        "--text",
        "Thrust vector control for hybrid motors",
        "--rationale",
        "A gap",
        "--proposer",
        "Germany",
    )
    assert code == 0, out
    pid = out.strip()
    code, out = invoke(*CMD, "position", pid, "--position", "support", "--note", "x")
    assert code != 0 and "views are requested" in out
    assert invoke(*CMD, "request-views", pid)[0] == 0
    code, out = invoke(
        *CMD, "view", pid, "--agency", "DEFENSE_DTSA", "--position", "oppose", "--note", "broad"
    )
    assert code == 0, out
    assert "view DEFENSE_DTSA: oppose: broad" in out
    code, out = invoke(*CMD, "view", pid, "--agency", "TREASURY_OFAC", "--position", "support")
    assert code == 2 and "TREASURY_OFAC is not a member of MARC" in out
    assert invoke(*CMD, "position", pid, "--position", "support", "--note", "gap")[0] == 0
    code, out = invoke(
        *CMD, "outcome", pid, "--stage", "tem", "--date", "2026-04-20", "--outcome", "adopted"
    )
    assert code == 0, out
    code, out = invoke(
        *CMD, "outcome", pid, "--stage", "plenary", "--date", "2026-10-05", "--outcome", "adopted"
    )
    assert code == 2 and "produced_version" in out
    code, out = invoke(
        *CMD,
        "outcome",
        pid,
        "--stage",
        "plenary",
        "--date",
        "2026-10-05",
        "--outcome",
        "adopted",
        "--annex-version",
        "MTCR/TEM/2026/Annex",
    )
    assert code == 0, out
    assert "produced Annex version MTCR/TEM/2026/Annex" in out
    code, out = invoke(*CMD, "list", "--json")
    listed = json.loads(out)
    assert [(p["entry"], p["status"]) for p in listed] == [("2.A.1.g", "plenary_decided")]


def test_a_munitions_case_is_not_referred_to_marc(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    for args in (("db", "upgrade"), ("reference", "load")):
        assert invoke(*args)[0] == 0
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case_json("MUN-CLI", type="munitions_license")), "utf-8")
    assert invoke("cases", "create", str(case_file), "--submit")[0] == 0
    assert invoke("cases", "transition", "MUN-CLI", "under_review")[0] == 0
    code, out = invoke("interagency", "refer", "MUN-CLI", "--group", "MARC")
    assert code == 2 and "munitions cases are not a MARC matter" in out
