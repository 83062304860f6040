"""A representative sees only the cases referred to their agency, in the API as in the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.cases import services as cases
from nonpro.cases.queries import list_cases
from nonpro.cases.schemas import CaseFilter
from nonpro.core.errors import NotFound
from nonpro.interagency.models import Referral
from tests.interagency.conftest import case_under_review, rep

Bearer = Callable[..., dict[str, str]]


def test_services_show_a_representative_only_referred_cases(
    db_session: Session, referred: Callable[[str], Referral], chair: object
) -> None:
    referred("IA-SEEN")  # referred to Commerce, Defense and Energy
    case_under_review(db_session, chair, "IA-UNSEEN")  # type: ignore[arg-type]
    defense, treasury = rep("DEFENSE_DTSA"), rep("TREASURY_OFAC")
    seen = {c.reference for c in list_cases(CaseFilter(), session=db_session, actor=defense)}
    assert seen == {"IA-SEEN"}
    assert cases.get_case("IA-SEEN", session=db_session, reader=defense).reference == "IA-SEEN"
    with pytest.raises(NotFound, match=r"^case IA-UNSEEN not found$"):
        cases.get_case("IA-UNSEEN", session=db_session, reader=defense)
    assert list_cases(CaseFilter(), session=db_session, actor=treasury) == []
    staff = {c.reference for c in list_cases(CaseFilter(), session=db_session, actor=chair)}  # type: ignore[arg-type]
    assert {"IA-SEEN", "IA-UNSEEN"} <= staff


def _not_found(what: str) -> dict[str, object]:
    return {"error": {"type": "NotFound", "message": f"{what} not found"}}


def test_api_refuses_a_case_not_referred_to_the_agency(
    client: TestClient, bearer: Bearer, referred: Callable[[str], Referral]
) -> None:
    referral = referred("IA-API")
    defense = bearer(Role.AGENCY_REVIEWER, "dtsa-rep", "DEFENSE_DTSA")
    treasury = bearer(Role.AGENCY_REVIEWER, "ofac-rep", "TREASURY_OFAC")
    assert client.get("/api/cases/IA-API", headers=defense).status_code == 200
    hidden = client.get("/api/cases/IA-API", headers=treasury)
    assert hidden.status_code == 404
    missing = client.get("/api/cases/IA-NONE", headers=treasury)
    assert (missing.status_code, hidden.json()) == (404, _not_found("case IA-API"))
    assert missing.json() == _not_found("case IA-NONE")  # the same words, whether it exists or not
    listed = client.get("/api/cases", headers=treasury).json()
    assert all(c["reference"] != "IA-API" for c in listed)
    assert referral.id is not None
