"""The handoff: an analyst requests a referral to a group, the group's chair accepts it (the
referral is made with the group's default agencies) or declines it with a note."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nonpro.interagency import access, services
from nonpro.interagency.schemas import ReferralRequestIn, RequestAnswerIn
from tests.interagency.conftest import case_under_review

ANALYST = Principal(username="ana", role=Role.ANALYST)


@pytest.fixture
def requested(db_session: Session, make_user: Callable[..., User]) -> str:
    """A case under review, and the analyst's request that MTEC take it; returns the id."""
    case_under_review(db_session, ANALYST, "HO-1")
    data = ReferralRequestIn(case="HO-1", group="mtec", note="end user near a missile programme")
    return str(services.request_referral(data, session=db_session, actor=ANALYST).id)


def test_the_chair_accepts_a_request_and_the_referral_takes_the_groups_default_agencies(
    db_session: Session, requested: str, chair: Principal
) -> None:
    case = cases.get_case("HO-1", session=db_session)
    assert case.status == "under_review"  # a request refers nothing yet
    (waiting,) = services.list_requests(session=db_session, reader=chair)
    assert waiting.group.code == "MTEC" and waiting.requested_by == "ana"
    group_before = list(services.get_group("MTEC", session=db_session).members)

    referral = services.accept_request(
        requested, RequestAnswerIn(), session=db_session, actor=chair
    )
    assert referral.case.status == "referred" and referral.group.code == "MTEC"
    group = services.get_group("MTEC", session=db_session)
    assert access.agencies_of(referral) == sorted(
        m for m in group.members if m != group.chair_agency
    )
    assert group.members == group_before  # the group's default never changes by itself
    assert "end user near a missile programme" in referral.note
    assert services.list_requests(session=db_session, reader=chair) == []
    (done,) = services.list_requests(session=db_session, reader=chair, case="HO-1", state=None)
    assert done.state == "accepted" and done.referral_id == referral.id
    actions = [e.action for e in audit.entries(db_session, target="case:HO-1")]
    assert {"interagency.request", "interagency.request accept", "interagency.refer"} <= set(
        actions
    )
    with pytest.raises(Conflict, match="already accepted by chris"):
        services.accept_request(requested, RequestAnswerIn(), session=db_session, actor=chair)


def test_a_declined_request_says_why_and_leaves_the_case_where_it_was(
    db_session: Session, requested: str, chair: Principal
) -> None:
    with pytest.raises(InvalidInput) as bad:
        services.decline_request(requested, RequestAnswerIn(), session=db_session, actor=chair)
    assert bad.value.field == "note"
    answer = RequestAnswerIn(note="a Commerce matter: decide it in the office")
    declined = services.decline_request(requested, answer, session=db_session, actor=chair)
    assert declined.state == "declined" and declined.answered_by == "chris"
    assert cases.get_case("HO-1", session=db_session).status == "under_review"
    assert audit.entries(db_session, target="case:HO-1", action="interagency.request decline")
    # Declined, it may be asked again (new facts); an open request may not be asked twice.
    again = ReferralRequestIn(case="HO-1", group="MTEC", note="new facts")
    services.request_referral(again, session=db_session, actor=ANALYST)
    with pytest.raises(Conflict, match="already requested"):
        services.request_referral(again, session=db_session, actor=ANALYST)


def test_only_a_chair_answers_and_only_the_office_requests(
    db_session: Session, requested: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.accept_request(requested, RequestAnswerIn(), session=db_session, actor=ANALYST)
    viewer = Principal(username="v", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.request_referral(
            ReferralRequestIn(case="HO-1", group="MTAG"), session=db_session, actor=viewer
        )
    with pytest.raises(NotFound, match="group NOPE"):
        services.request_referral(
            ReferralRequestIn(case="HO-1", group="NOPE"), session=db_session, actor=ANALYST
        )
