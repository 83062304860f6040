"""A referred case and the people of interagency review, for the interagency tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.rules import Status
from nonpro.cases.schemas import CaseIn, TransitionIn
from nonpro.interagency import services
from nonpro.interagency.models import Referral
from nonpro.interagency.schemas import ReferralIn
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json

REFERRED = date(2026, 11, 2)
REGISTERED = date(2026, 10, 26)
AGENCIES = ["COMMERCE_BIS", "DEFENSE_DTSA", "ENERGY_NNSA"]


def case_under_review(session: Session, actor: Principal, reference: str) -> None:
    """A case as intake leaves it, submitted and under review: ready to refer."""
    data = CaseIn.model_validate(case_json(reference))
    case = cases.create_case(data, session=session, provider=IndexProvider(), actor=actor)
    for target in (Status.SUBMITTED, Status.UNDER_REVIEW):
        cases.transition(
            case.id, TransitionIn(to=target, version=case.version), session=session, actor=actor
        )


@pytest.fixture
def chair() -> Principal:
    return Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")


def rep(agency: str) -> Principal:
    name = f"rep-{agency.lower()}"
    return Principal(username=name, role=Role.AGENCY_REVIEWER, agency_code=agency)


@pytest.fixture
def referred(
    db_session: Session, make_user: Callable[..., User], chair: Principal
) -> Callable[[str], Referral]:
    """Refer a fresh case to MTEC (Commerce, Defense, Energy advise); returns the referral."""
    make_user("seed-agencies")  # make_user seeds the agencies

    def make(reference: str = "IA-1") -> Referral:
        case_under_review(db_session, chair, reference)
        data = ReferralIn(
            case=reference,
            group="MTEC",
            agencies=AGENCIES,
            referred_on=REFERRED,
            registered_on=REGISTERED,
        )
        return services.refer(data, session=db_session, actor=chair)

    return make
