"""Statutory steps and assurances through ``nonpro cases``: a munitions licence for an Annex
item refused without the Defense referral, the referral recorded, an assurance requested and
received, the NSPD-56 clock and the steps in ``cases show``, bad input named by field."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke


def test_defense_referral_and_assurances_through_the_cli(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    invoke("db", "upgrade")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_json("MUN-CLI", type="munitions_license")), "utf-8")
    assert invoke("cases", "create", str(path), "--submit")[0] == 0
    assert invoke("cases", "transition", "MUN-CLI", "under_review")[0] == 0

    code, out = invoke("cases", "gates", "MUN-CLI")
    assert code == 0 and "Secretary of Defense" in out and "2797(b)(1)" in out, out
    code, out = invoke("cases", "step", "MUN-CLI", "memo")
    assert code == 2 and "kind" in out, out
    code, out = invoke("cases", "step", "MUN-CLI", "defense_referral", "--on", "not-a-day")
    assert code == 2 and "on" in out, out
    code, out = invoke("cases", "step", "MUN-CLI", "defense_referral")
    assert code == 0 and "defense_referral on" in out, out
    code, out = invoke("cases", "gates", "MUN-CLI")
    assert "Secretary of Defense" not in out, out

    assert invoke("cases", "assurances-required", "MUN-CLI")[0] == 0
    code, out = invoke(
        "cases", "assurance-request", "MUN-CLI", "no_wmd_delivery", "--government", "JP"
    )
    assert code == 0, out
    assurance_id = out.rsplit("(id ", 1)[1].rstrip(")\n ")
    code, out = invoke("cases", "gates", "MUN-CLI")
    assert "no wmd delivery assurance requested from JP" in out, out
    code, out = invoke(
        "cases", "assurance-receipt", "MUN-CLI", assurance_id, "--reference", "note verbale 7"
    )
    assert code == 0, out

    code, out = invoke("cases", "show", "MUN-CLI")
    assert code == 0
    assert "step defense_referral on" in out
    assert "received" in out and "note verbale 7" in out
    assert "NSPD-56 clock: 0 days used, 60 remaining of 60" in out
    assert "(4) Defense has not yet completed its review" in out
