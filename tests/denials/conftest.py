"""Denials for the denials tests: one matching the cases tests' standard case (T-1, a fibre optic
gyro, Annex 9.A.4, to Tsukuba Space Instruments KK in Japan) and some that must not."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.models import Case
from nonpro.cases.schemas import CaseIn
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json


def denial_json(reference: str = "DEU-2025-014", **changes: Any) -> dict[str, Any]:
    """Germany's denial of the gyro to the case's end user, its name written another way."""
    base: dict[str, Any] = {
        "reference": reference,
        "notifying_partner": "Germany",
        "notified_on": "2025-06-12",
        "item_description": "Fibre-optic gyroscope, drift rate stability 0.05 deg/h",
        "annex_entry": "9.A.4",
        "end_user": "Tsukuba Space Instruments K.K.",
        "end_user_country": "JP",
        "reason": "Risk of diversion to a missile programme",
        "source": "MTCR POC circular 2025/31",
    }
    return {**base, **changes}


@pytest.fixture
def analyst() -> Principal:
    return Principal(username="ana", role=Role.ANALYST)


@pytest.fixture
def gyro_case(db_session: Session, analyst: Principal) -> Case:
    data = CaseIn.model_validate(case_json())
    return cases.create_case(data, session=db_session, provider=IndexProvider(), actor=analyst)
