"""``nonpro interagency`` through the real entry point on a fresh embedded database."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cases.conftest import case_json
from tests.cli.conftest import Invoke


def test_deadlines_print_every_due_date_of_the_chain(invoke: Invoke) -> None:
    code, out = invoke("interagency", "deadlines", "--referred", "2026-11-02", "--json")
    assert code == 0, out
    schedule = json.loads(out)
    due = {d["key"]: d["due"] for d in schedule["deadlines"]}
    assert due == {
        "referral": "2026-11-02",
        "agency_recommendation": "2026-12-02",
        "oc_chair_decision": "2026-12-16",
        "acep_appeal": "2026-12-21",
        "acep_decision": "2027-01-01",
        "earb_appeal": "2027-01-06",
        "earb_decision": "2027-01-17",
        "president_appeal": "2027-01-22",
        "resolution": "2027-01-22",
    }
    code, out = invoke("interagency", "deadlines", "--referred", "2026-11-02", "--hold-days", "10")
    assert code == 0, out
    assert "2026-12-12" in out and "UNVERIFIED" in out and "New Year" not in out
    code, out = invoke("interagency", "deadlines", "--referred", "2 Nov")
    assert code == 2 and "YYYY-MM-DD" in out


def test_refer_advise_meet_vote_recommend_escalate(
    database: Path, invoke: Invoke, tmp_path: Path
) -> None:
    for args in (("db", "upgrade"), ("reference", "load")):
        code, out = invoke(*args)
        assert code == 0, out
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case_json("IA-CLI-1")), "utf-8")
    assert invoke("cases", "create", str(case_file), "--submit")[0] == 0
    assert invoke("cases", "transition", "IA-CLI-1", "under_review")[0] == 0
    code, out = invoke(
        "interagency",
        "refer",
        "IA-CLI-1",
        "--group",
        "MTEC",
        "--agency",
        "COMMERCE_BIS",
        "--agency",
        "DEFENSE_DTSA",
        "--referred",
        "2026-11-02",
    )
    assert code == 0, out
    assert "advice due 2026-12-02" in out

    code, out = invoke(
        "interagency",
        "advise",
        "IA-CLI-1",
        "--agency",
        "DEFENSE_DTSA",
        "--kind",
        "deny",
        "--reason",
        "Guidance-grade gyro",
        "--item",
        "1",
    )
    assert code == 0 and "recorded" in out, out
    advise = (
        "interagency",
        "advise",
        "IA-CLI-1",
        "--agency",
        "COMMERCE_BIS",
        "--kind",
        "approve_with_provisos",
        "--proviso",
        "END-USE-ONLY",
    )
    assert "recorded" in invoke(*advise)[1]
    assert "already recorded" in invoke(*advise)[1]  # the same submission again: one record
    code, out = invoke("interagency", "consolidated", "IA-CLI-1", "--json")
    view = json.loads(out)
    assert view["conflict"] is True
    assert [s["scope"] for s in view["scopes"]] == ["case", "item"]
    assert view["scopes"][1]["deniers"] == ["DEFENSE_DTSA"]
    assert "CONFLICT" in invoke("interagency", "consolidated", "IA-CLI-1")[1]
    code, out = invoke("interagency", "queue", "--agency", "DEFENSE_DTSA", "--json")
    assert [r["case_reference"] for r in json.loads(out)] == ["IA-CLI-1"]

    code, meeting_id = invoke(
        "interagency",
        "meeting",
        "create",
        "--group",
        "MTEC",
        "--date",
        "2026-11-19",
        "--case",
        "IA-CLI-1",
    )
    assert code == 0, meeting_id
    meeting_id = meeting_id.strip()
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA"):
        assert invoke("interagency", "meeting", "attend", meeting_id, "--agency", agency)[0] == 0
    for agency, choice in (
        ("STATE_ISN_MTR", "deny"),
        ("DEFENSE_DTSA", "deny"),
        ("COMMERCE_BIS", "approve_with_provisos"),
    ):
        code, out = invoke(
            "interagency",
            "meeting",
            "vote",
            meeting_id,
            "IA-CLI-1",
            "--agency",
            agency,
            "--choice",
            choice,
        )
        assert code == 0, out
    code, out = invoke(
        "interagency",
        "meeting",
        "dissent",
        meeting_id,
        "IA-CLI-1",
        "--agency",
        "COMMERCE_BIS",
        "--reasons",
        "Provisos suffice",
    )
    assert code == 0, out
    code, out = invoke(
        "interagency",
        "meeting",
        "recommend",
        meeting_id,
        "IA-CLI-1",
        "--recommendation",
        "deny",
        "--reasons",
        "Majority of the group",
    )
    assert code == 0, out
    code, out = invoke("interagency", "meeting", "show", meeting_id, "--json")
    item = json.loads(out)["agenda"][0]
    assert item["outcome"] == "deny" and item["dissenters"] == ["COMMERCE_BIS"]
    pdf = tmp_path / "minutes.pdf"
    assert invoke("interagency", "meeting", "minutes", meeting_id, "--out", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    code, out = invoke(
        "interagency",
        "escalate",
        "IA-CLI-1",
        "--level",
        "acep",
        "--agency",
        "COMMERCE_BIS",
        "--reasons",
        "Skips the OC",
    )
    assert code == 4 and "operating_committee has not decided" in out
    code, out = invoke(
        "interagency",
        "escalate",
        "IA-CLI-1",
        "--level",
        "operating_committee",
        "--agency",
        "COMMERCE_BIS",
        "--reasons",
        "Dissent",
        "--on",
        "2026-12-03",
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["decision_due"] == "2026-12-16"
    code, out = invoke(
        "interagency",
        "decided",
        "IA-CLI-1",
        "--level",
        "operating_committee",
        "--outcome",
        "deny",
        "--on",
        "2026-12-10",
    )
    assert code == 0, out
    appeal = ("interagency", "escalate", "IA-CLI-1", "--level", "acep", "--agency", "COMMERCE_BIS")
    signed = ("--reasons", "Appeal", "--signed-by", "Under Secretary", "--on", "2026-12-12")
    code, out = invoke(*appeal, *signed, "--signer-role", "other_official")
    assert code == 2 and "signer_role" in out and "Senate-confirmed (PAS) official" in out
    code, out = invoke(*appeal, *signed, "--signer-role", "pas_official", "--json")
    assert code == 0 and json.loads(out)["signer_role"] == "pas_official", out
    code, out = invoke("interagency", "groups", "--json")
    assert {g["code"]: g["non_voting"] for g in json.loads(out)}["MTEC"] == ["IC"]
    code, out = invoke("audit", "verify")
    assert code == 0, out
