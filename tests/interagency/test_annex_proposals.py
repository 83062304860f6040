"""MARC as the Missile Annex Review Committee (both backends): a proposal to amend the Annex is
checked against the Annex data, collects one view per member agency, takes the U.S. position
from the chair, then the TEM and plenary outcomes in order; munitions cases are not MARC's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.schemas import CaseIn
from nonpro.core.audit import AuditEntry
from nonpro.core.errors import InvalidInput, NotFound, PermissionDenied
from nonpro.interagency import services
from nonpro.interagency.annex import services as annex
from nonpro.interagency.annex.errors import NotACommitteeMember, ProposalOutOfOrder
from nonpro.interagency.annex.rules import Outcome, Stage, Status, USPosition, ViewPosition
from nonpro.interagency.annex.schemas import OutcomeIn, PositionIn, ProposalIn, ViewIn
from nonpro.interagency.schemas import ReferralIn, ReferralRequestIn
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json
from tests.interagency.conftest import case_under_review, rep

TEM = date(2026, 4, 20)
PLENARY = date(2026, 10, 5)
READER = Principal(username="vera", role=Role.VIEWER)


@pytest.fixture
def seeded(make_user: Callable[..., User]) -> None:
    make_user("seed-agencies")  # seeds the agencies the views name


def _proposal(session: Session, chair: Principal, **changes: object) -> str:
    data = {
        "entry": "2.A.1.c",
        "proposed_text": "Rocket motor cases with a total impulse capacity of 1.0 x 10^6 N-s",
        "rationale": "Align the threshold with partners' practice",
        "proposer": "France",
        **changes,
    }
    made = annex.create(ProposalIn.model_validate(data), session=session, actor=chair)
    return str(made.id)


def test_a_proposal_reads_the_current_text_from_the_annex(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    key = _proposal(db_session, chair)
    out = annex.proposal_out(annex.get(key, session=db_session, reader=READER), session=db_session)
    assert out.status == Status.DRAFT and out.annex_version == "2024-03-14"
    assert out.current_text.startswith("2.A.1.c.1: ") and "2.A.1.c.2: " in out.current_text
    assert out.proposer == "France" and out.members[0] == "STATE_ISN_MTR"
    assert out.next_steps == ["the chair requests the member agencies' views"]
    audited = db_session.scalars(
        select(AuditEntry.action).where(AuditEntry.target == f"annex-proposal:{key}")
    )
    assert list(audited) == ["interagency.annex propose"]


def test_an_unknown_entry_is_refused_and_a_new_entry_names_an_existing_parent(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    with pytest.raises(InvalidInput) as unknown:
        _proposal(db_session, chair, entry="2.A.9")
    assert unknown.value.field == "entry" and "not in the Annex 2024-03-14" in str(unknown.value)
    with pytest.raises(InvalidInput) as no_parent:
        _proposal(db_session, chair, entry="2.A.1.g", new_entry=True)
    assert no_parent.value.field == "parent_entry"
    with pytest.raises(InvalidInput) as exists:
        _proposal(db_session, chair, entry="2.A.1.f", new_entry=True, parent_entry="2.A.1")
    assert exists.value.field == "entry" and "amend it instead" in str(exists.value)
    key = _proposal(db_session, chair, entry="2.A.1.g", new_entry=True, parent_entry="2.A.1")
    made = annex.get(key, session=db_session, reader=READER)
    assert made.current_text == "" and made.parent_entry == "2.A.1"


def test_only_the_chair_proposes(db_session: Session, seeded: None) -> None:
    with pytest.raises(PermissionDenied):
        _proposal(db_session, rep("DEFENSE_DTSA"))


def test_the_whole_way_to_an_annex_version(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    key = _proposal(db_session, chair)
    # No U.S. position before the views are requested, no view either.
    with pytest.raises(ProposalOutOfOrder, match="after the agencies' views are requested"):
        annex.set_position(
            key, PositionIn(position=USPosition.SUPPORT, note="x"), session=db_session, actor=chair
        )
    with pytest.raises(ProposalOutOfOrder):
        annex.record_view(
            key,
            ViewIn(position=ViewPosition.SUPPORT),
            session=db_session,
            actor=rep("DEFENSE_DTSA"),
        )
    annex.request_views(key, session=db_session, actor=chair)
    annex.record_view(
        key,
        ViewIn(position=ViewPosition.OPPOSE, note="too broad"),
        session=db_session,
        actor=rep("DEFENSE_DTSA"),
    )
    # A changed view replaces the agency's earlier one.
    annex.record_view(
        key,
        ViewIn(position=ViewPosition.SUPPORT, note="with the note kept"),
        session=db_session,
        actor=rep("DEFENSE_DTSA"),
    )
    annex.record_view(
        key,
        ViewIn(agency="COMMERCE_BIS", position=ViewPosition.NO_VIEW),
        session=db_session,
        actor=chair,
    )
    # No plenary before the TEM.
    plenary = OutcomeIn(
        held_on=PLENARY, outcome=Outcome.ADOPTED, produced_version="MTCR/TEM/2026/Annex"
    )
    with pytest.raises(ProposalOutOfOrder):
        annex.record_outcome(key, Stage.PLENARY, plenary, session=db_session, actor=chair)
    annex.set_position(
        key,
        PositionIn(position=USPosition.SUPPORT, note="Defense and Commerce content"),
        session=db_session,
        actor=chair,
    )
    with pytest.raises(ProposalOutOfOrder):
        annex.record_view(
            key,
            ViewIn(position=ViewPosition.OPPOSE),
            session=db_session,
            actor=rep("ENERGY_NNSA"),
        )
    deferred = OutcomeIn(held_on=date(2026, 3, 1), outcome=Outcome.DEFERRED, note="next TEM")
    annex.record_outcome(key, Stage.TEM, deferred, session=db_session, actor=chair)
    assert annex.get(key, session=db_session, reader=READER).status == Status.POSITION_SET
    adopted = OutcomeIn(held_on=TEM, outcome=Outcome.ADOPTED)
    annex.record_outcome(key, Stage.TEM, adopted, session=db_session, actor=chair)
    with pytest.raises(InvalidInput) as unnamed:
        annex.record_outcome(
            key,
            Stage.PLENARY,
            OutcomeIn(held_on=PLENARY, outcome=Outcome.ADOPTED),
            session=db_session,
            actor=chair,
        )
    assert unnamed.value.field == "produced_version"
    annex.record_outcome(key, Stage.PLENARY, plenary, session=db_session, actor=chair)

    out = annex.proposal_out(annex.get(key, session=db_session, reader=READER), session=db_session)
    assert out.status == Status.PLENARY_DECIDED and out.ended and out.next_steps == []
    assert out.produced_version == "MTCR/TEM/2026/Annex"
    assert out.tem is not None and out.tem.held_on == TEM and out.tem.outcome == Outcome.ADOPTED
    assert {v.agency_code: v.position for v in out.views} == {
        "COMMERCE_BIS": ViewPosition.NO_VIEW,
        "DEFENSE_DTSA": ViewPosition.SUPPORT,
    }
    assert out.awaiting == ["STATE_ISN_MTR", "ENERGY_NNSA", "IC"]
    assert out.us_position == USPosition.SUPPORT and out.us_position_by == chair.username
    actions = list(
        db_session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target == f"annex-proposal:{key}")
            .order_by(AuditEntry.seq)
        )
    )
    assert actions == [
        "interagency.annex propose",
        "interagency.annex request views",
        *["interagency.annex view"] * 3,
        "interagency.annex position",
        "interagency.annex tem",
        "interagency.annex tem",
        "interagency.annex plenary",
    ]
    with pytest.raises(ProposalOutOfOrder, match="ended"):
        annex.record_outcome(key, Stage.PLENARY, plenary, session=db_session, actor=chair)


def test_a_rejected_tem_ends_the_proposal(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    key = _proposal(db_session, chair)
    annex.request_views(key, session=db_session, actor=chair)
    annex.set_position(
        key, PositionIn(position=USPosition.OPPOSE, note="no"), session=db_session, actor=chair
    )
    rejected = OutcomeIn(held_on=TEM, outcome=Outcome.REJECTED, note="no consensus")
    annex.record_outcome(key, Stage.TEM, rejected, session=db_session, actor=chair)
    out = annex.proposal_out(annex.get(key, session=db_session, reader=READER), session=db_session)
    assert out.status == Status.TEM_DECIDED and out.ended and out.plenary is None
    plenary = OutcomeIn(held_on=PLENARY, outcome=Outcome.ADOPTED, produced_version="v")
    with pytest.raises(ProposalOutOfOrder, match="ended: Technical Experts Meeting outcome"):
        annex.record_outcome(key, Stage.PLENARY, plenary, session=db_session, actor=chair)


def test_views_come_from_marc_members_and_a_representative_speaks_for_their_own_agency(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    key = _proposal(db_session, chair)
    annex.request_views(key, session=db_session, actor=chair)
    with pytest.raises(NotACommitteeMember, match="TREASURY_OFAC is not a member of MARC"):
        annex.record_view(
            key,
            ViewIn(position=ViewPosition.SUPPORT),
            session=db_session,
            actor=rep("TREASURY_OFAC"),
        )
    with pytest.raises(PermissionDenied, match="speaks for DEFENSE_DTSA, not ENERGY_NNSA"):
        annex.record_view(
            key,
            ViewIn(agency="ENERGY_NNSA", position=ViewPosition.SUPPORT),
            session=db_session,
            actor=rep("DEFENSE_DTSA"),
        )
    with pytest.raises(PermissionDenied):
        annex.request_views(key, session=db_session, actor=rep("DEFENSE_DTSA"))
    with pytest.raises(PermissionDenied):
        annex.set_position(
            key,
            PositionIn(position=USPosition.SUPPORT, note="x"),
            session=db_session,
            actor=rep("DEFENSE_DTSA"),
        )
    assert [p.entry for p in annex.list_proposals(session=db_session, reader=READER)] == ["2.A.1.c"]
    with pytest.raises(NotFound):
        annex.get("not-an-id", session=db_session, reader=READER)


def test_a_munitions_case_is_refused_by_marc_on_referral_and_request(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    data = CaseIn.model_validate(case_json("MUN-1", type="munitions_license"))
    cases.create_case(data, session=db_session, provider=IndexProvider(), actor=chair)
    with pytest.raises(InvalidInput) as refused:
        services.refer(ReferralIn(case="MUN-1", group="MARC"), session=db_session, actor=chair)
    assert refused.value.field == "group"
    assert "munitions cases are not a MARC matter" in str(refused.value)


def test_a_munitions_case_request_to_marc_is_refused(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    case_under_review(db_session, chair, "MUN-2")
    case = cases.get_case("MUN-2", session=db_session, reader=chair)
    case.type = "munitions_license"
    db_session.flush()
    with pytest.raises(InvalidInput, match="not a MARC matter"):
        services.request_referral(
            ReferralRequestIn(case="MUN-2", group="MARC"), session=db_session, actor=chair
        )
    # A dual-use case may still go to MARC's sister groups and, as before, to MARC itself.
    case_under_review(db_session, chair, "DU-1")
    referral = services.refer(
        ReferralIn(case="DU-1", group="MARC"), session=db_session, actor=chair
    )
    assert referral.group.code == "MARC"


def test_two_first_views_of_one_agency_at_once_give_a_conflict_not_a_server_error(
    db_session: Session, seeded: None, chair: Principal
) -> None:
    from sqlalchemy import insert

    from nonpro.core.errors import Conflict
    from nonpro.interagency.annex.models import AnnexProposal, AnnexView

    key = _proposal(db_session, chair)
    annex.request_views(key, session=db_session, actor=chair)
    proposal = db_session.get(AnnexProposal, annex.get(key, session=db_session, reader=chair).id)
    assert proposal is not None and proposal.views == []  # loaded: this request saw no view
    # Another request stores Defense's first view in between (a row this session has not seen).
    db_session.execute(
        insert(AnnexView).values(
            proposal_id=proposal.id,
            agency_code="DEFENSE_DTSA",
            position="support",
            note="",
            recorded_by="other",
            recorded_at=proposal.created_at,
        )
    )
    with pytest.raises(Conflict, match="at the same moment"):
        annex.record_view(
            key, ViewIn(position=ViewPosition.OPPOSE), session=db_session, actor=rep("DEFENSE_DTSA")
        )
