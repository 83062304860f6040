"""Decision gates and two-person approval on both backends, with DEMO-001 (a Category I motor
for an Iranian missile entity) against the real UN list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import gates, hits, letter, rules, services
from nonpro.cases.errors import DecisionBlocked, SelfCountersignature
from nonpro.cases.models import Case
from nonpro.cases.rules import CaseType, Decision, Status
from nonpro.cases.schemas import (
    CaseIn,
    GateExceptionIn,
    ProposalAnswerIn,
    ProposalIn,
    TransitionIn,
)
from nonpro.core import audit
from nonpro.core.errors import ConfigurationError, Conflict, InvalidInput, PermissionDenied
from nonpro.core.validation import parse_input
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json, decide, refer_to_mtec

ADMIN = Principal(username="root", role=Role.ADMIN)
BASIS = "Presidential waiver under AECA §73(e), notified to Congress (test)"


def _under_review(session: Session, raw: dict[str, Any], actor: Principal) -> Case:
    data = CaseIn.model_validate(raw)
    case = services.create_case(data, session=session, provider=IndexProvider(), actor=actor)
    for target in (Status.SUBMITTED, Status.UNDER_REVIEW):
        data_t = TransitionIn(to=target, version=case.version)
        case = services.transition(case.id, data_t, session=session, actor=actor)
    return case


def _approve(session: Session, case: Case, actor: Principal, **extra: Any) -> Case:
    data = TransitionIn.model_validate(
        {"to": "decided", "version": case.version, "decision": "approved", **extra}
    )
    return services.transition(case.id, data, session=session, actor=actor)


def _refusal(session: Session, case: Case, actor: Principal, **extra: Any) -> DecisionBlocked:
    with pytest.raises(DecisionBlocked) as refused:
        _approve(session, case, actor, **extra)
    return refused.value


def _confirm_end_user(session: Session, case: Case, actor: Principal) -> Case:
    hit = next(
        f
        for f in case.assessment["findings"]  # type: ignore[index]
        if f.get("entry_id") and f.get("party") == 2
    )
    return hits.dispose_hit(
        case.id,
        party=2,
        entry_id=hit["entry_id"],
        decision="true_match",
        note="same entity: Shahid Hemmat Industrial Group",
        session=session,
        provider=IndexProvider(),
        actor=actor,
    )


@pytest.fixture
def demo_001(
    db_session: Session,
    analyst: Principal,
    un_list: ParsedList,
    demo_cases: list[dict[str, Any]],
) -> Case:
    raw = next(c for c in demo_cases if c["reference"] == "DEMO-001")
    return _under_review(db_session, raw, analyst)


def test_demo_001_approval_is_refused_with_every_reason_and_its_source(
    db_session: Session, demo_001: Case, analyst: Principal
) -> None:
    refused = _refusal(db_session, demo_001, analyst)
    kinds = [r.kind for r in refused.reasons]
    assert {"justification", "category_i", "embargo", "undecided_hit"} <= set(kinds)
    by_kind = {r.kind: r for r in refused.reasons}
    assert by_kind["justification"].field == "justification"
    assert "departs from the recommendation deny" in by_kind["justification"].text
    assert "R-CAT-I" in by_kind["justification"].source
    assert "2.A.1" in by_kind["category_i"].text and "Category I" in by_kind["category_i"].text
    assert "Annex 2024-03-14, item 2.A.1.c.1" in by_kind["category_i"].source
    embargoes = [r for r in refused.reasons if r.kind == "embargo"]
    assert any("1737" in r.text and r.source.startswith("https://") for r in embargoes)
    assert any(r.key == "embargo:us:state_sponsor_of_terrorism" for r in embargoes)
    assert "Shahid Hemmat" in by_kind["undecided_hit"].text
    assert "un" in by_kind["undecided_hit"].source
    # The message lists them all, each with its source; nothing was written.
    assert refused.message.count("(source: ") == len(refused.reasons)
    stored = services.get_case(demo_001.id, session=db_session)
    assert stored.status == "under_review" and stored.decision is None and not stored.proposals
    assert not letter.has_letter(stored)


def test_demo_001_goes_through_with_an_exception_a_justification_and_a_countersignature(
    db_session: Session, demo_001: Case, analyst: Principal, chair: Principal
) -> None:
    case = _confirm_end_user(db_session, demo_001, analyst)
    stops = gates.hard_stops(case, session=db_session)
    assert "listed_party" in {r.kind for r in stops}  # the confirmed end user is a hard stop
    assert not any(r.kind == "undecided_hit" for r in _refusal(db_session, case, analyst).reasons)

    with pytest.raises(PermissionDenied):  # an analyst, or a chair, may not except
        services.record_exception(
            case.id,
            GateExceptionIn(version=case.version, legal_basis=BASIS),
            session=db_session,
            actor=chair,
        )
    with pytest.raises(InvalidInput) as blank:
        parse_input(GateExceptionIn, {"version": case.version, "legal_basis": "  "})
    assert blank.value.field == "legal_basis"
    case = services.record_exception(
        case.id,
        GateExceptionIn(version=case.version, legal_basis=BASIS, note="rare occasion"),
        session=db_session,
        actor=ADMIN,
    )
    (exception,) = case.gate_exceptions
    assert set(exception.stops) == {r.key for r in stops}
    assert all(
        r.excepted_by and BASIS in r.excepted_by for r in gates.hard_stops(case, session=db_session)
    )

    # Still a departure from "deny": the justification is the one reason left, named by field.
    refused = _refusal(db_session, case, analyst)
    assert [r.field for r in refused.reasons] == ["justification"]

    case = _approve(db_session, case, analyst, justification="binding assurances received")
    assert case.status == "under_review" and case.decision is None  # awaiting the second person
    pending = services.pending_proposal(case)
    assert pending is not None and pending.proposed_by == "ana"
    with pytest.raises(Conflict, match="is under_review"):
        letter.letter_pdf(case.id, session=db_session, actor=analyst)
    with pytest.raises(Conflict, match="awaiting a countersignature"):
        _approve(db_session, case, analyst, justification="again")

    answer = ProposalAnswerIn(version=case.version, note="agreed")
    with pytest.raises(PermissionDenied, match="may not countersign"):
        services.countersign(case.id, answer, session=db_session, actor=analyst)
    case = services.countersign(case.id, answer, session=db_session, actor=chair)
    assert (case.status, case.decision) == ("decided", "approved")
    assert (case.decided_by, case.countersigned_by) == ("ana", "chris")
    assert case.decision_justification == "binding assurances received"
    assert letter.has_letter(case)

    actions = [e.action for e in audit.entries(db_session, target="case:DEMO-001")]
    assert {"case.exception", "case.propose", "case.countersign"} <= set(actions)
    (signed,) = audit.entries(db_session, target="case:DEMO-001", action="case.countersign")
    assert signed.actor == "chris" and signed.payload["proposed_by"] == "ana"
    (excepted,) = audit.entries(db_session, target="case:DEMO-001", action="case.exception")
    assert excepted.actor == "root" and excepted.payload["legal_basis"] == BASIS


def test_a_hard_stop_found_after_the_exception_is_not_covered(
    db_session: Session, demo_001: Case, analyst: Principal
) -> None:
    case = services.record_exception(
        demo_001.id,
        GateExceptionIn(version=demo_001.version, legal_basis=BASIS),
        session=db_session,
        actor=ADMIN,
    )
    case = _confirm_end_user(db_session, case, analyst)  # a listed end user, confirmed later
    reasons = _refusal(db_session, case, analyst, justification="assurances").reasons
    assert [r.kind for r in reasons] == ["listed_party"] and reasons[0].hard_stop


def test_a_countersigner_sends_a_proposal_back_with_a_note(
    db_session: Session, analyst: Principal, chair: Principal
) -> None:
    case = _under_review(db_session, case_json("BACK-1"), analyst)
    case = services.propose(
        case.id,
        ProposalIn(version=case.version, decision=Decision.DENIED, justification="doubts"),
        session=db_session,
        actor=analyst,
    )
    with pytest.raises(InvalidInput) as bare:
        services.send_back(
            case.id, ProposalAnswerIn(version=case.version), session=db_session, actor=chair
        )
    assert bare.value.field == "note"
    case = services.send_back(
        case.id,
        ProposalAnswerIn(version=case.version, note="screen the parties first"),
        session=db_session,
        actor=chair,
    )
    (proposal,) = case.proposals
    assert proposal.state == "rejected" and proposal.answer_note == "screen the parties first"
    assert case.status == "under_review" and services.pending_proposal(case) is None
    with pytest.raises(Conflict, match="no decision awaiting"):
        services.countersign(
            case.id, ProposalAnswerIn(version=case.version), session=db_session, actor=chair
        )
    assert audit.entries(db_session, target="case:BACK-1", action="case.reject proposal")


def test_the_proposer_cannot_countersign_their_own_decision(
    db_session: Session, analyst: Principal, chair: Principal, make_user: Callable[..., User]
) -> None:
    case = _under_review(db_session, case_json("SELF-1"), analyst)
    case = refer_to_mtec(db_session, case, chair)
    case = decide_as(db_session, case, chair, "denied")
    answer = ProposalAnswerIn(version=case.version)
    with pytest.raises(SelfCountersignature, match="chris proposed this decision"):
        services.countersign(case.id, answer, session=db_session, actor=chair)
    case = services.countersign(case.id, answer, session=db_session, actor=ADMIN)
    assert (case.decided_by, case.countersigned_by) == ("chris", "root")


def decide_as(session: Session, case: Case, actor: Principal, decision: str) -> Case:
    data = TransitionIn.model_validate(
        {"to": "decided", "version": case.version, "decision": decision}
    )
    return services.transition(case.id, data, session=session, actor=actor)


def test_which_decisions_need_a_second_signature_is_a_table() -> None:
    assert rules.needs_countersignature(CaseType.MUNITIONS_LICENSE, Decision.APPROVED)
    assert rules.needs_countersignature(CaseType.DUAL_USE_REFERRAL, Decision.APPROVED_WITH_PROVISOS)
    assert all(rules.needs_countersignature(t, Decision.DENIED) for t in CaseType)
    assert not rules.needs_countersignature(CaseType.ADVISORY_OPINION, Decision.APPROVED)
    office = frozenset({(CaseType.ADVISORY_OPINION, Decision.APPROVED)})
    assert rules.needs_countersignature(CaseType.ADVISORY_OPINION, Decision.APPROVED, office)


def test_an_approval_the_table_leaves_to_one_person_is_decided_at_once(
    db_session: Session, analyst: Principal
) -> None:
    case = _under_review(db_session, case_json("ONE-1", type="advisory_opinion"), analyst)
    case = _approve(db_session, case, analyst, justification="screened by hand")
    assert (case.status, case.decision, case.countersigned_by) == ("decided", "approved", None)
    assert case.decision_justification == "screened by hand"


def test_following_the_recommendation_needs_no_justification(
    db_session: Session, analyst: Principal, chair: Principal, un_list: ParsedList
) -> None:
    case = _under_review(db_session, case_json("FOLLOW-1"), analyst)
    assert case.recommendation == "approve_with_provisos"
    refused = _refusal(db_session, case, analyst)  # plain approval drops the provisos
    assert [r.kind for r in refused.reasons] == ["justification"]
    case = decide(
        db_session,
        case,
        "approved_with_provisos",
        proposer=analyst,
        countersigner=chair,
        provisos=["END-USE-ONLY"],
    )
    assert case.decision == "approved_with_provisos" and case.decision_justification == ""


def test_a_stale_assessment_blocks_the_decision(
    db_session: Session, analyst: Principal, un_list: ParsedList, operator: Principal
) -> None:
    case = _under_review(db_session, case_json("STALE-G", type="advisory_opinion"), analyst)
    case.assessment = None
    reasons = _refusal(db_session, case, analyst, justification="x").reasons
    assert [r.kind for r in reasons] == ["stale_assessment"]
    assert "assess the case again" in reasons[0].text


def test_a_proposal_lapses_when_the_case_is_returned_without_action(
    db_session: Session, analyst: Principal
) -> None:
    case = _under_review(db_session, case_json("LAPSE-1"), analyst)
    case = services.propose(
        case.id,
        ProposalIn(version=case.version, decision=Decision.DENIED, justification="doubts"),
        session=db_session,
        actor=analyst,
    )
    back = TransitionIn(to=Status.RETURNED_WITHOUT_ACTION, version=case.version, note="no EUS")
    case = services.transition(case.id, back, session=db_session, actor=analyst)
    assert services.pending_proposal(case) is None
    assert case.proposals[0].state == "withdrawn"
    assert "returned without action" in case.proposals[0].answer_note


def test_no_decision_is_taken_before_the_capabilities_checks_are_installed(
    db_session: Session,
    analyst: Principal,
    chair: Principal,
    make_user: Callable[..., User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every entry point calls nonpro.wiring.install(); a path that forgot fails closed rather
    # than deciding without the interagency and denials checks.
    case = _under_review(db_session, case_json("WIRE-1"), analyst)
    case = refer_to_mtec(db_session, case, chair)
    monkeypatch.setattr(gates, "_installed", [])
    with pytest.raises(ConfigurationError, match=r"nonpro\.wiring\.install"):
        decide_as(db_session, case, chair, "denied")
    from nonpro.wiring import install

    install()
    install()  # a second call changes nothing
    assert gates._installed == [True]
