"""The assessment against real data: the sanctions register, dispositions, the demo cases."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, object_session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import assessment, hits, services
from nonpro.cases.models import Case
from nonpro.cases.schemas import CaseIn
from nonpro.core.clock import today
from nonpro.sanctions import services as sanctions
from nonpro.sanctions.schemas import DeterminationIn, EventIn
from nonpro.screening import snapshots
from nonpro.screening.formats.detect import load_path
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json

BETA = "Beta Aerospace Trading Company"


def _determination(**changes: Any) -> DeterminationIn:
    made = today() - timedelta(days=2)
    return DeterminationIn.model_validate(
        {
            "entities": [{"name": BETA, "country": "Malaysia"}],
            "authorities": [{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(B)"]}],
            "measures": ["contracts_all", "licenses_usml_all"],
            "activity": "transfer of MTCR Category I guidance sets to Iran's missile program",
            "determination_date": made,
            "fr_citation": "91 FR 12345",
            "term": {"years": 2, "minimum": True},
            **changes,
        }
    )


@pytest.fixture
def officer() -> Principal:
    return Principal(username="sandra", role=Role.SANCTIONS_OFFICER)


def _beta_case(reference: str = "SANC-1") -> CaseIn:
    parties = [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "intermediate_consignee", "name": BETA, "country": "MY"},
        {"role": "end_user", "name": "Tsukuba Space Instruments KK", "country": "JP"},
    ]
    return CaseIn.model_validate(case_json(reference, parties=parties))


def test_an_active_determination_is_a_sanctions_finding_with_the_register_evidence(
    db_session: Session,
    provider: IndexProvider,
    analyst: Principal,
    officer: Principal,
    un_list: ParsedList,
) -> None:
    change = sanctions.add_determination(
        _determination(), session=db_session, actor=officer, provider=provider
    )
    case = services.create_case(_beta_case(), session=db_session, provider=provider, actor=analyst)
    result = assessment.assess(case, session=db_session, provider=provider)
    (finding,) = [f for f in result.findings if f.kind == "sanctions"]
    assert BETA.upper() in finding.summary.upper() and finding.entry_id
    assert finding.source.startswith(f"sanctions register, determination {change.determination.id}")
    assert "91 FR 12345" in finding.source
    assert any("AECA 73 §73(a)(2)(B)" in e for e in finding.evidence)
    assert any(r.startswith("R-DETERMINATION → refer") for r in result.reasons)
    assert result.recommendation == "refer" and "determination" in result.flags

    # Confirmed by a reviewer: an active determination on a party is a ground to deny.
    case = hits.dispose_hit(
        case.id,
        party=1,
        entry_id=finding.entry_id,
        decision="true_match",
        note="same company",
        session=db_session,
        provider=provider,
        actor=analyst,
    )
    assert case.recommendation == "deny"

    # Waived since: the hit no longer counts, whatever the reviewer said.
    sanctions.waive(
        change.determination.id,
        EventIn(effective_date=today()),
        session=db_session,
        actor=officer,
        provider=provider,
    )
    again = assessment.assess(case, session=db_session, provider=provider)
    assert not [f for f in again.findings if f.kind == "sanctions" and f.severity == "high"]
    assert not [r for r in again.reasons if r.startswith("R-DETERMINATION")]
    assert "determination" not in again.flags


LISTED_END_USER = [
    {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
    {"role": "end_user", "name": "Korea Ryonbong General Corporation", "country": "KP"},
]


def _dismiss_first_hit(case: Case, note: str, *, provider: IndexProvider, actor: Principal) -> Case:
    """A reviewer dismisses the case's first hit (on its end user) as a false positive."""
    hit = next(f for f in case.assessment["findings"] if f.get("entry_id"))  # type: ignore[index]
    session = object_session(case)
    assert session is not None
    return hits.dispose_hit(
        case.id,
        party=1,
        entry_id=hit["entry_id"],
        decision="false_positive",
        note=note,
        session=session,
        provider=provider,
        actor=actor,
    )


def test_a_false_positive_disposition_clears_the_hit(
    db_session: Session, provider: IndexProvider, analyst: Principal, un_list: ParsedList
) -> None:
    data = CaseIn.model_validate(case_json("FP-1", parties=LISTED_END_USER))
    case = services.create_case(data, session=db_session, provider=provider, actor=analyst)
    assert "R-LIST-HIT" in " ".join(case.assessment["reasons"])  # type: ignore[index]
    case = _dismiss_first_hit(case, "different company", provider=provider, actor=analyst)
    reasons = " ".join(case.assessment["reasons"])  # type: ignore[index]
    assert "R-LIST-HIT" not in reasons
    assert "list_hit" not in case.flag_list


def test_all_eight_demo_cases_load_and_explain_themselves(
    db_session: Session,
    provider: IndexProvider,
    analyst: Principal,
    un_list: ParsedList,
    demo_cases: list[dict[str, Any]],
) -> None:
    found = {}
    for raw in demo_cases:
        case = services.create_case(
            CaseIn.model_validate(raw), session=db_session, provider=provider, actor=analyst
        )
        found[case.reference] = case.assessment
    assert len(found) == 8
    for reference, result in found.items():
        assert result is not None and result["reasons"], reference
        assert sum(r.startswith("3(") for r in result["reasons"]) == 6, reference
    assert found["DEMO-001"]["recommendation"] == "deny"
    assert found["DEMO-008"]["recommendation"] == "deny"
    assert found["DEMO-003"]["recommendation"] == "refer"  # UAV to a country of concern
    assert found["DEMO-007"]["recommendation"] == "approve_with_provisos"


def test_a_list_load_makes_assessments_stale_and_reassess_brings_them_up_to_date(
    db_session: Session,
    provider: IndexProvider,
    analyst: Principal,
    operator: Principal,
    shared_data: Path,
) -> None:
    data = CaseIn.model_validate(
        case_json(
            "STALE-1",
            parties=[
                {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
                {"role": "end_user", "name": "Korea Ryonbong General Corporation", "country": "KP"},
            ],
        )
    )
    case = services.create_case(data, session=db_session, provider=provider, actor=analyst)
    assert "unscreened" in case.flag_list and not assessment.is_stale(case, session=db_session)

    path = shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml"
    (parsed,) = load_path(path)
    snapshots.store_snapshot(
        parsed,
        origin=str(path),
        file_hash=snapshots.hash_files(path),
        session=db_session,
        actor=operator,
    )
    assert assessment.is_stale(case, session=db_session)

    changes = assessment.reassess_open_cases(session=db_session, provider=provider, actor=analyst)
    assert [c[0] for c in changes] in ([], ["STALE-1"])
    assert "list_hit" in case.flag_list and "unscreened" not in case.flag_list
    assert not assessment.is_stale(case, session=db_session)


def test_a_disposition_note_is_quoted_only_on_the_case_it_was_written_on(
    db_session: Session, provider: IndexProvider, analyst: Principal, un_list: ParsedList
) -> None:
    """Another case with the same party learns the decision, not the first case's note: the
    findings are read by whoever may see the second case (an agency that never saw the first)."""

    def create(reference: str) -> Case:
        data = CaseIn.model_validate(case_json(reference, parties=LISTED_END_USER))
        return services.create_case(data, session=db_session, provider=provider, actor=analyst)

    note = "NOTE-1 file: different company, see the end-user check"
    first = _dismiss_first_hit(create("NOTE-1"), note, provider=provider, actor=analyst)
    second = create("NOTE-2")

    def evidence(case: Case) -> str:
        return json.dumps(case.assessment)

    assert "NOTE-1 file" in evidence(first)
    assert "false_positive by" in evidence(second) and "NOTE-1" not in evidence(second)


def test_a_case_with_a_complete_system_shows_its_trade_off(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    items = [{"description": "ballistic missile, 1000 kg payload, range 250 km", "quantity": 1}]
    case = services.create_case(
        CaseIn.model_validate(case_json("TRADE-1", items=items)),
        session=db_session,
        provider=provider,
        actor=analyst,
    )
    assert case.assessment is not None
    (finding,) = [f for f in case.assessment["findings"] if f["kind"] == "classification"]
    assert "information needed" in finding["summary"]  # never "not controlled" here
    assert any("range/payload trade-off" in line for line in finding["evidence"])
