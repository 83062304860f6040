"""The group's decision as the process has it (both backends): which members vote is set per
group, a non-voting member's vote is refused and its advice kept; an appeal is signed by the
office EO 12981 names; the level's decision is recorded on the case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.core.validation import parse_input
from nonpro.interagency import advice, escalation, meetings, services
from nonpro.interagency.errors import AppealSignature, NonVotingAgency
from nonpro.interagency.models import Referral
from nonpro.interagency.rules import (
    AdviceKind,
    Level,
    SignerRole,
    VoteChoice,
    appeal_signature_problem,
)
from nonpro.interagency.schemas import (
    AdviceIn,
    AttendanceIn,
    EscalationDecisionIn,
    EscalationIn,
    GroupIn,
    MeetingIn,
    ReferralIn,
    VoteIn,
)
from tests.interagency.conftest import REFERRED, case_under_review, rep

REF = "IA-VOTE-1"


@pytest.fixture
def with_ic(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> tuple[str, Referral]:
    """A case referred to MTEC with the intelligence community among the advisers, and a
    meeting where the chair, Commerce and IC are present."""
    case_under_review(db_session, chair, REF)
    data = ReferralIn(case=REF, group="MTEC", agencies=["COMMERCE_BIS", "IC"], referred_on=REFERRED)
    referral = services.refer(data, session=db_session, actor=chair)
    held = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=REFERRED, cases=[REF]), session=db_session, actor=chair
    )
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "IC"):
        meetings.record_attendance(
            str(held.id), AttendanceIn(agency=agency), session=db_session, actor=chair
        )
    return str(held.id), referral


def test_the_intelligence_community_advises_but_does_not_vote(
    db_session: Session, with_ic: tuple[str, Referral], chair: Principal
) -> None:
    meeting_id, _ = with_ic
    advice.advise(REF, AdviceIn(kind=AdviceKind.DENY, reasons=["procurement network"]),
                  session=db_session, actor=rep("IC"))  # fmt: skip
    with pytest.raises(NonVotingAgency) as refused:
        meetings.vote(
            meeting_id,
            VoteIn(case=REF, agency="IC", choice=VoteChoice.DENY),
            session=db_session,
            actor=chair,
        )
    assert refused.value.field == "agency"
    assert refused.value.problem.startswith("IC advises MTEC but does not vote")
    assert "its advice on the referral is kept" in refused.value.problem
    # The advice stands in the consolidated view, and no vote was written.
    view = services.consolidated(REF, session=db_session, actor=chair)
    assert any(a.agency_code == "IC" and a.kind == AdviceKind.DENY for a in view.history)
    shown = meetings.meeting_out(
        meetings.get_meeting(meeting_id, session=db_session, actor=chair), chair
    )
    assert shown.agenda[0].votes == [] and shown.non_voting == ["IC"]
    # IC being present does not make a vote quorate: two voting agencies, quorum three.
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS"):
        vote = VoteIn(case=REF, agency=agency, choice=VoteChoice.APPROVE)
        meetings.vote(meeting_id, vote, session=db_session, actor=chair)
    shown = meetings.meeting_out(
        meetings.get_meeting(meeting_id, session=db_session, actor=chair), chair
    )
    assert shown.agenda[0].quorate is False
    assert "2 agencies present, quorum is 3" in shown.agenda[0].tally


def test_which_agencies_vote_is_set_per_group(
    db_session: Session, with_ic: tuple[str, Referral], chair: Principal
) -> None:
    meeting_id, _ = with_ic
    shipped = next(g for g in services.default_groups() if g.code == "MTEC")
    assert shipped.non_voting == ["IC"]
    # The chair makes Commerce advise only and lets IC vote in this group.
    changed = shipped.model_copy(update={"non_voting": ["COMMERCE_BIS"]})
    services.save_group(changed, session=db_session, actor=chair)
    meetings.vote(
        meeting_id,
        VoteIn(case=REF, agency="IC", choice=VoteChoice.DENY),
        session=db_session,
        actor=chair,
    )
    with pytest.raises(NonVotingAgency, match="COMMERCE_BIS advises MTEC but does not vote"):
        meetings.vote(
            meeting_id,
            VoteIn(case=REF, agency="COMMERCE_BIS", choice=VoteChoice.APPROVE),
            session=db_session,
            actor=chair,
        )


def test_a_non_voting_agency_must_be_a_member_and_the_quorum_fits_the_voters() -> None:
    base = {"code": "TG", "name": "Test group", "chair_agency": "STATE_ISN_MTR", "quorum": 2}
    with pytest.raises(InvalidInput, match="non-voting DOE must be members"):
        parse_input(GroupIn, {**base, "members": ["STATE_ISN_MTR", "IC"], "non_voting": ["DOE"]})
    with pytest.raises(InvalidInput, match="quorum 2 exceeds the 1 voting members"):
        parse_input(GroupIn, {**base, "members": ["STATE_ISN_MTR", "IC"], "non_voting": ["IC"]})


@pytest.mark.parametrize(
    ("level", "role", "signed_by", "field"),
    [
        (Level.OPERATING_COMMITTEE, None, "", None),
        (Level.ACEP, SignerRole.PAS_OFFICIAL, "Under Secretary", None),
        (Level.ACEP, SignerRole.AGENCY_HEAD, "Secretary", None),
        (Level.ACEP, SignerRole.OTHER_OFFICIAL, "Office director", "signer_role"),
        (Level.EARB, SignerRole.AGENCY_HEAD, "Secretary of Defense", None),
        (Level.EARB, SignerRole.PAS_OFFICIAL, "Under Secretary", "signer_role"),
        (Level.EARB, None, "Secretary of Defense", "signer_role"),
        (Level.EARB, SignerRole.AGENCY_HEAD, "  ", "signed_by"),
        (Level.PRESIDENT, SignerRole.PAS_OFFICIAL, "Under Secretary", "signer_role"),
    ],
)
def test_who_signs_an_appeal_is_a_table(
    level: Level, role: SignerRole | None, signed_by: str, field: str | None
) -> None:
    problem = appeal_signature_problem(level, role, signed_by)
    assert (problem[0] if problem else None) == field


def _decide(session: Session, level: Level, outcome: str, chair: Principal) -> None:
    data = EscalationDecisionIn.model_validate({"outcome": outcome, "note": f"{level} rules"})
    escalation.decide(REF, level, data, session=session, actor=chair)


def test_an_appeal_to_the_earb_is_signed_by_the_agency_head_and_its_outcome_is_on_the_case(
    db_session: Session, with_ic: tuple[str, Referral], chair: Principal
) -> None:
    commerce = rep("COMMERCE_BIS")
    steps = [
        (Level.OPERATING_COMMITTEE, None, ""),
        (Level.ACEP, SignerRole.PAS_OFFICIAL, "Under Secretary for Industry and Security"),
    ]
    for level, role, signer in steps:
        data = EscalationIn(level=level, reasons="dissent", signed_by=signer, signer_role=role)
        escalation.escalate(REF, data, session=db_session, actor=commerce)
        _decide(db_session, level, "deny", chair)
    by_deputy = EscalationIn(
        level=Level.EARB,
        reasons="the Department appeals",
        signed_by="Under Secretary for Industry and Security",
        signer_role=SignerRole.PAS_OFFICIAL,
    )
    with pytest.raises(AppealSignature) as refused:
        escalation.escalate(REF, by_deputy, session=db_session, actor=commerce)
    assert refused.value.field == "signer_role"
    assert "from the head of the department or agency" in refused.value.problem
    by_head = by_deputy.model_copy(
        update={"signed_by": "Secretary of Commerce", "signer_role": SignerRole.AGENCY_HEAD}
    )
    row = escalation.escalate(REF, by_head, session=db_session, actor=commerce)
    assert (row.signed_by, row.signer_role) == ("Secretary of Commerce", "agency_head")
    _decide(db_session, Level.EARB, "approve_with_provisos", chair)

    shown = services.case_escalations(REF, session=db_session, reader=chair)
    assert [(e.level, e.outcome) for e in shown] == [
        (Level.OPERATING_COMMITTEE, "deny"),
        (Level.ACEP, "deny"),
        (Level.EARB, "approve_with_provisos"),
    ]
    assert shown[2].group == "MTEC" and shown[2].signer_role == "agency_head"
    history = [e.note for e in cases.get_case(REF, session=db_session).events]
    assert any(n.startswith("earb: approve_with_provisos") for n in history)
    # A representative of an agency the case was not referred to sees none of it.
    with pytest.raises(NotFound, match="not found"):
        services.case_escalations(REF, session=db_session, reader=rep("TREASURY_OFAC"))
