"""Journeys 2 and 3 through the API: referral to MTEC, three agencies advise (Defense denies),
the conflict shows, a meeting votes, Commerce dissents, the chair recommends, Commerce escalates;
the deadlines follow the clock and the audit log holds every step and verifies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role

REF = "IA-API-1"


def _case_ready(client: TestClient, chair: dict[str, str]) -> str:
    from tests.cases.conftest import case_json

    created = client.post("/api/cases", json=case_json(REF), headers=chair)
    assert created.status_code == 201, created.text
    case = created.json()
    for target in ("submitted", "under_review"):
        moved = client.post(
            f"/api/cases/{case['id']}/transitions",
            json={"to": target, "version": case["version"]},
            headers=chair,
        )
        assert moved.status_code == 200, moved.text
        case = moved.json()
    return str(case["id"])


def test_referral_advice_meeting_dissent_recommendation_escalation(
    client: TestClient, bearer: Callable[..., dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story happens in November 2026: advice given "today" is on time, whenever this runs.
    for module in ("advice", "services", "views", "holds", "escalation"):
        monkeypatch.setattr(f"nonpro.interagency.{module}.today", lambda: date(2026, 11, 20))
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    commerce = bearer(Role.AGENCY_REVIEWER, "cole", "COMMERCE_BIS")
    defense = bearer(Role.AGENCY_REVIEWER, "dora", "DEFENSE_DTSA")
    energy = bearer(Role.AGENCY_REVIEWER, "erin", "ENERGY_NNSA")
    auditor = bearer(Role.ADMIN, "root")
    case_id = _case_ready(client, chair)

    referral = client.post(
        "/api/interagency/referrals",
        json={
            "case": REF,
            "group": "MTEC",
            "agencies": ["COMMERCE_BIS", "DEFENSE_DTSA", "ENERGY_NNSA"],
            "referred_on": "2026-11-02",
            "registered_on": "2026-10-26",
        },
        headers=chair,
    )
    assert referral.status_code == 201, referral.text
    rid = referral.json()["id"]
    assert referral.json()["due_on"] == "2026-12-02"  # 30 calendar days from the referral
    assert client.get(f"/api/cases/{case_id}", headers=chair).json()["status"] == "referred"

    # Each representative sees the referral in their queue.
    for headers in (commerce, defense, energy):
        rows = client.get("/api/interagency/referrals", headers=headers).json()
        assert [r["case_reference"] for r in rows] == [REF]

    def advise(headers: dict[str, str], body: dict[str, object]) -> dict[str, object]:
        done = client.post(f"/api/interagency/referrals/{rid}/advice", json=body, headers=headers)
        assert done.status_code == 201, done.text
        result: dict[str, object] = done.json()
        return result

    advise(
        commerce,
        {
            "kind": "approve_with_provisos",
            "provisos": ["END-USE-ONLY"],
            "written_provisos": ["Quarterly end-use reports for two years"],
            "rationale": "Partner destination; provisos cover the risk",
        },
    )
    advise(energy, {"kind": "approve", "rationale": "No nuclear concern"})
    denial = advise(
        defense,
        {
            "kind": "deny",
            "reasons": ["Gyro performance supports missile guidance", "End user unverified"],
            "rationale": "Category II item; MTCR para 3 factors weigh against",
        },
    )
    assert denial["due_on"] == "2026-12-02"

    view = client.get(f"/api/interagency/referrals/{rid}?on=2026-11-20", headers=defense).json()
    assert view["conflict"] is True and view["outcome"] == "conflict"
    whole = view["scopes"][0]
    assert whole["deniers"] == ["DEFENSE_DTSA"]
    assert "END-USE-ONLY" in whole["provisos"]
    due = {d["key"]: d["due"] for d in view["deadlines"]}
    assert due["referral"] == "2026-11-04"  # 9 days from registration
    assert due["agency_recommendation"] == "2026-12-02"
    assert due["oc_chair_decision"] == "2026-12-16"
    assert due["resolution"] == "2027-01-24"  # 90 calendar days from registration

    meeting = client.post(
        "/api/interagency/meetings",
        json={"group": "MTEC", "held_on": "2026-11-19", "cases": [REF]},
        headers=chair,
    )
    assert meeting.status_code == 201, meeting.text
    mid = meeting.json()["id"]
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA", "ENERGY_NNSA"):
        done = client.post(
            f"/api/interagency/meetings/{mid}/attendance",
            json={"agency": agency, "representative": agency.lower()},
            headers=chair,
        )
        assert done.status_code == 200, done.text
    votes = {
        "STATE_ISN_MTR": "deny",
        "DEFENSE_DTSA": "deny",
        "ENERGY_NNSA": "deny",
        "COMMERCE_BIS": "approve_with_provisos",
    }
    for agency, choice in votes.items():
        done = client.post(
            f"/api/interagency/meetings/{mid}/votes",
            json={"case": REF, "agency": agency, "choice": choice, "reasons": f"{agency} view"},
            headers=chair,
        )
        assert done.status_code == 200, done.text
    dissent = client.post(
        f"/api/interagency/meetings/{mid}/dissents",
        json={"case": REF, "reasons": "Provisos and a partner destination answer the risk"},
        headers=commerce,
    )
    assert dissent.status_code == 200, dissent.text
    recommended = client.post(
        f"/api/interagency/meetings/{mid}/recommendations",
        json={"case": REF, "recommendation": "deny", "reasons": "Majority; Category II concern"},
        headers=chair,
    )
    assert recommended.status_code == 200, recommended.text
    item = recommended.json()["agenda"][0]
    assert item["outcome"] == "deny" and item["quorate"] is True
    assert item["dissenters"] == ["COMMERCE_BIS"]
    assert item["dissents"][0]["agency_code"] == "COMMERCE_BIS"
    assert item["recommendation"] == "deny"

    minutes = client.get(f"/api/interagency/meetings/{mid}/minutes.pdf", headers=chair)
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")

    # Commerce takes it to the Operating Committee, which upholds the denial; then to the ACEP.
    to_oc = client.post(
        f"/api/interagency/referrals/{rid}/escalations",
        json={"level": "operating_committee", "reasons": "Dissent from the MTEC denial"},
        headers=commerce,
    )
    assert to_oc.status_code == 201, to_oc.text
    assert to_oc.json()["escalated_by"] == "cole"
    assert to_oc.json()["decision_due"] == "2026-12-16"
    decided = client.post(
        f"/api/interagency/referrals/{rid}/escalations/operating_committee",
        json={"outcome": "deny", "note": "OC chair upholds", "decided_on": "2026-12-10"},
        headers=chair,
    )
    assert decided.status_code == 200, decided.text
    appeal = {
        "level": "acep",
        "reasons": "Assistant Secretary appeals",
        "signed_by": "Assistant Secretary for Export Administration",
        "escalated_on": "2026-12-14",
    }
    # An appeal to the ACEP is signed by a Senate-confirmed official: the service asks whose.
    unsigned = client.post(
        f"/api/interagency/referrals/{rid}/escalations",
        json={**appeal, "signer_role": "other_official"},
        headers=commerce,
    )
    assert unsigned.status_code == 422 and unsigned.json()["error"]["field"] == "signer_role"
    assert "Senate-confirmed (PAS) official" in unsigned.json()["error"]["message"]
    to_acep = client.post(
        f"/api/interagency/referrals/{rid}/escalations",
        json={**appeal, "signer_role": "pas_official"},
        headers=commerce,
    )
    assert to_acep.status_code == 201, to_acep.text
    assert to_acep.json()["signer_role"] == "pas_official"
    # The appeal window counts from the OC's real decision (Dec 10 + 5), the ACEP's 11 days
    # from the real appeal (Dec 14 + 11).
    assert to_acep.json()["appeal_due"] == "2026-12-15"
    assert to_acep.json()["decision_due"] == "2026-12-25"
    assert to_acep.json()["late"] is False

    view = client.get(f"/api/interagency/referrals/{rid}", headers=chair).json()
    assert [e["level"] for e in view["escalations"]] == ["operating_committee", "acep"]
    assert view["escalations"][0]["outcome"] == "deny"

    # The case's own history shows the interagency steps too.
    history = client.get(f"/api/cases/{case_id}", headers=chair).json()["events"]
    notes = [(e["action"], e["note"]) for e in history]
    assert ("advice", "DEFENSE_DTSA: deny") in notes
    assert any(a == "recommendation" and "MTEC chair: deny" in n for a, n in notes)
    assert any(a == "escalation" and "COMMERCE_BIS to acep" in n for a, n in notes)
    assert any(
        a == "escalation decided" and n.startswith("operating committee: deny") for a, n in notes
    )

    rows = client.get(f"/api/audit?target=case:{REF}&limit=200", headers=auditor).json()
    actions = {r["action"] for r in rows}
    assert {
        "interagency.refer",
        "interagency.advise",
        "interagency.escalate",
        "interagency.escalation_decided",
    } <= actions
    assert sum(r["action"] == "interagency.advise" for r in rows) == 3
    meeting_rows = client.get(f"/api/audit?target=meeting:{mid}", headers=auditor).json()
    assert {r["action"] for r in meeting_rows} >= {
        "interagency.meeting",
        "interagency.attendance",
        "interagency.vote",
        "interagency.dissent",
        "interagency.recommend",
        "interagency.minutes",
    }
    verdict = client.get("/api/audit/verify", headers=auditor).json()
    assert verdict["intact"] is True


def test_a_retried_request_with_the_same_idempotency_key_stores_one_advice(
    client: TestClient, bearer: Callable[..., dict[str, str]]
) -> None:
    chair = bearer(Role.CHAIR, "chris", "STATE_ISN_MTR")
    defense = bearer(Role.AGENCY_REVIEWER, "dora", "DEFENSE_DTSA")
    _case_ready(client, chair)
    referral = client.post(
        "/api/interagency/referrals",
        json={"case": REF, "group": "MTEC", "agencies": ["DEFENSE_DTSA"]},
        headers=chair,
    ).json()
    url = f"/api/interagency/referrals/{referral['id']}/advice"
    body = {"kind": "deny", "reasons": ["Guidance"]}
    headers = {**defense, "Idempotency-Key": "dora-retry-0001"}
    first = client.post(url, json=body, headers=headers)
    second = client.post(url, json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    other = client.post(url, json={"kind": "approve"}, headers=headers)
    assert other.status_code == 409  # the key was used for other advice
    view = client.get(f"/api/interagency/referrals/{referral['id']}", headers=defense).json()
    assert len(view["history"]) == 1
