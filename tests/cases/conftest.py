"""Case data for the cases tests: the shared demo cases and small factories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services
from nonpro.cases.models import Case
from nonpro.cases.rules import Status
from nonpro.cases.schemas import CaseIn, ProposalAnswerIn, TransitionIn
from nonpro.screening.services import IndexProvider


def case_json(reference: str = "T-1", **changes: Any) -> dict[str, Any]:
    """A clean Category II case to an MTCR partner; ``changes`` replace top-level keys."""
    base: dict[str, Any] = {
        "reference": reference,
        "type": "dual_use_referral",
        "destination": "JP",
        "end_use": "Attitude reference for a commercial Earth-observation satellite",
        "parties": [
            {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
            {"role": "end_user", "name": "Tsukuba Space Instruments KK", "country": "JP"},
        ],
        "items": [
            {
                "description": "Fibre optic gyro, rated drift rate stability 0.05 deg/h "
                "(1 sigma) in 1 g",
                "quantity": 12,
                "value_usd": 540000,
            }
        ],
    }
    return {**base, **changes}


@pytest.fixture
def demo_cases(shared_data: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((shared_data / "demo" / "cases.json").read_text())
    return cases


@pytest.fixture
def provider() -> IndexProvider:
    return IndexProvider()


@pytest.fixture
def analyst() -> Principal:
    return Principal(username="ana", role=Role.ANALYST)


@pytest.fixture
def chair() -> Principal:
    return Principal(username="chris", role=Role.CHAIR)


def decide(
    session: Session,
    case: Case,
    decision: str,
    *,
    proposer: Principal,
    countersigner: Principal,
    **extra: Any,
) -> Case:
    """Decide a case as the office does: through the gates, and countersigned by a second
    person where the two-person approval table asks for it. ``extra``: provisos,
    justification, note."""
    data = TransitionIn.model_validate(
        {"to": Status.DECIDED, "version": case.version, "decision": decision, **extra}
    )
    case = services.transition(case.id, data, session=session, actor=proposer)
    if case.status != Status.DECIDED.value:
        answer = ProposalAnswerIn(version=case.version)
        case = services.countersign(case.id, answer, session=session, actor=countersigner)
    return case


def refer_to_mtec(session: Session, case: Case, actor: Principal) -> Case:
    """Refer the case to MTEC as the office does (the referral puts it in ``referred``), dated
    long enough ago that the agencies' advice is past due and no longer blocks a decision.
    The agencies must be stored (the ``make_user`` fixture seeds them)."""
    from datetime import date

    from nonpro.interagency import services as interagency
    from nonpro.interagency.schemas import ReferralIn

    data = ReferralIn(case=case.reference, group="MTEC", referred_on=date(2026, 1, 5))
    interagency.refer(data, session=session, actor=actor)
    return services.get_case(case.id, session=session)


# --- precedents: decided cases around a case under review ------------------------------------

SOLID_MOTOR = {"description": "Solid propellant rocket motor, total impulse 1.4 x 10^6 N-s"}
LIQUID_ENGINE = {"description": "Liquid propellant rocket engine, total impulse 1.2 x 10^6 N-s"}
GYRO = case_json()["items"][0]
SHIG = "Shahid Hemmat Industrial Group"


def end_user_parties(name: str, country: str) -> list[dict[str, Any]]:
    return [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "end_user", "name": name, "country": country},
    ]


def under_review(session: Session, actor: Principal, reference: str, **changes: Any) -> Case:
    data = CaseIn.model_validate(case_json(reference, **changes))
    case = services.create_case(data, session=session, provider=IndexProvider(), actor=actor)
    for target in (Status.SUBMITTED, Status.UNDER_REVIEW):
        move = TransitionIn(to=target, version=case.version)
        case = services.transition(case.id, move, session=session, actor=actor)
    return case


def decided(
    session: Session,
    analyst: Principal,
    chair: Principal,
    reference: str,
    decision: str = "denied",
    extra: dict[str, str] | None = None,
    **changes: Any,
) -> Case:
    case = under_review(session, analyst, reference, **changes)
    if extra is None:
        follows = case.recommendation == "deny" and decision == "denied"
        extra = {} if follows else {"justification": "x"}
    return decide(session, case, decision, proposer=analyst, countersigner=chair, **extra)


def precedent_history(db_session: Session, analyst: Principal, chair: Principal) -> Case:
    """A Category I motor for an Iranian end user under review, and decided cases around it."""
    subject = under_review(
        db_session,
        analyst,
        "SUBJ",
        destination="IR",
        parties=end_user_parties(SHIG, "IR"),
        items=[SOLID_MOTOR],
    )
    # Same entry, same end user (in capitals), same destination, same type: the best one.
    decided(
        db_session,
        analyst,
        chair,
        "P-SAME",
        destination="IR",
        parties=end_user_parties(SHIG.upper(), "IR"),
        items=[SOLID_MOTOR],
    )
    decided(
        db_session,
        analyst,
        chair,
        "P-ENTRY",
        destination="PK",
        parties=end_user_parties("National Development Complex", "PK"),
        items=[SOLID_MOTOR],
    )
    decided(
        db_session,
        analyst,
        chair,
        "P-RELATED",
        destination="IR",
        parties=end_user_parties("Aerospace Industries Organization", "IR"),
        items=[LIQUID_ENGINE],
    )
    grounds = {
        "justification": "the gyro would serve the missile programme",
        "note": "notified to the partners",
    }
    decided(db_session, analyst, chair, "P-DEST", extra=grounds, destination="IR", items=[GYRO])
    # Shares only the case type: no precedent.
    decided(db_session, analyst, chair, "P-TYPE-ONLY", "approved", items=[GYRO])
    # Like the subject in every way but not decided: no precedent either.
    under_review(
        db_session,
        analyst,
        "P-OPEN",
        destination="IR",
        parties=end_user_parties(SHIG, "IR"),
        items=[SOLID_MOTOR],
    )
    # Decided, then reopened: its decision is gone, so it is no precedent any more.
    reopened = decided(
        db_session,
        analyst,
        chair,
        "P-REOPENED",
        destination="IR",
        parties=end_user_parties(SHIG, "IR"),
        items=[SOLID_MOTOR],
    )
    services.transition(
        reopened.id,
        TransitionIn(to=Status.REOPENED, version=reopened.version),
        session=db_session,
        actor=analyst,
    )
    return subject
