"""An interagency referral that names Defense (DEFENSE_DTSA) is the AECA §71(b)(1) referral the
cases' statutory gate asks for; one that does not name Defense is not."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import statutory
from nonpro.cases.records import get_case
from nonpro.interagency import services
from nonpro.interagency.models import Referral
from nonpro.interagency.schemas import ReferralIn
from tests.interagency.conftest import REFERRED, REGISTERED, case_under_review


def test_a_referral_naming_defense_counts_as_the_defense_referral(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> None:
    referral = referred("IA-DOD")
    (found,) = statutory.defense_referrals(get_case("IA-DOD", session=db_session), db_session)
    assert "MTEC" in found and "DEFENSE_DTSA" in found and str(referral.referred_on) in found

    case_under_review(db_session, chair, "IA-DOE")
    data = ReferralIn(
        case="IA-DOE",
        group="MTEC",
        agencies=["ENERGY_NNSA"],
        referred_on=REFERRED,
        registered_on=REGISTERED,
    )
    services.refer(data, session=db_session, actor=chair)
    assert statutory.defense_referrals(get_case("IA-DOE", session=db_session), db_session) == []
