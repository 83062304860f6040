"""Confidentiality between agencies, in the services (SQLite and PostgreSQL): a representative
reads and acts only on the cases referred to their agency, and a case they may not see is
"not found" in the very words said of a case that does not exist."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.rules import Status
from nonpro.cases.schemas import TransitionIn
from nonpro.core.errors import NotFound
from nonpro.interagency import meetings, minutes, services
from nonpro.interagency.models import Dissent, Meeting, Referral
from nonpro.interagency.rules import VoteChoice
from nonpro.interagency.schemas import (
    AttendanceIn,
    DissentIn,
    MeetingIn,
    ReferralIn,
    VoteIn,
)
from tests.interagency.conftest import REFERRED, case_under_review, rep

SHARED, COMMERCE_ONLY = "IA-CONF-1", "IA-CONF-2"
DEFENSE = rep("DEFENSE_DTSA")  # advises on SHARED only


@pytest.fixture
def meeting(
    db_session: Session,
    referred: Callable[[str], Referral],
    chair: Principal,
) -> Meeting:
    """An MTEC meeting on two cases: SHARED (Commerce, Defense, Energy advise) and
    COMMERCE_ONLY, with votes, reasons and a dissent recorded on each."""
    referred(SHARED)
    case_under_review(db_session, chair, COMMERCE_ONLY)
    services.refer(
        ReferralIn(case=COMMERCE_ONLY, group="MTEC", agencies=["COMMERCE_BIS"]),
        session=db_session,
        actor=chair,
    )
    held = meetings.create_meeting(
        MeetingIn(group="MTEC", held_on=REFERRED, cases=[SHARED, COMMERCE_ONLY]),
        session=db_session,
        actor=chair,
    )
    mid = str(held.id)
    for agency in ("STATE_ISN_MTR", "COMMERCE_BIS", "DEFENSE_DTSA"):
        meetings.record_attendance(
            mid, AttendanceIn(agency=agency), session=db_session, actor=chair
        )
    for case, reasons in ((SHARED, "shared-vote"), (COMMERCE_ONLY, "commerce-only-vote")):
        vote = VoteIn(case=case, agency="COMMERCE_BIS", choice=VoteChoice.DENY, reasons=reasons)
        meetings.vote(mid, vote, session=db_session, actor=chair)
    commerce_dissent = DissentIn(case=COMMERCE_ONLY, agency="COMMERCE_BIS", reasons="secret-why")
    meetings.dissent(mid, commerce_dissent, session=db_session, actor=chair)
    return held


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_minutes_and_the_meeting_show_a_representative_only_their_agencys_cases(
    db_session: Session, meeting: Meeting, chair: Principal
) -> None:
    shown = meetings.meeting_out(meeting, DEFENSE)
    assert [item.case_reference for item in shown.agenda] == [SHARED]
    text = _pdf_text(minutes.minutes_pdf(str(meeting.id), session=db_session, actor=DEFENSE)[1])
    assert SHARED in text and "shared-vote" in text
    assert COMMERCE_ONLY not in text
    assert "commerce-only-vote" not in text and "secret-why" not in text
    # The chair (and anyone who sees every case) still reads the whole agenda.
    everything = _pdf_text(minutes.minutes_pdf(str(meeting.id), session=db_session, actor=chair)[1])
    assert COMMERCE_ONLY in everything and "secret-why" in everything
    assert len(meetings.meeting_out(meeting, chair).agenda) == 2


def test_a_representative_cannot_dissent_on_a_case_not_referred_to_their_agency(
    db_session: Session, meeting: Meeting
) -> None:
    mid = str(meeting.id)
    before = db_session.scalar(select(func.count()).select_from(Dissent))
    hidden_case = cases.get_case(COMMERCE_ONLY, session=db_session).id
    for key in (COMMERCE_ONLY, str(hidden_case)):
        with pytest.raises(NotFound) as refused:
            meetings.dissent(
                mid, DissentIn(case=key, reasons="we object"), session=db_session, actor=DEFENSE
            )
        assert refused.value.message == f"agenda item for case {key} not found"
    with pytest.raises(NotFound) as absent:
        meetings.dissent(
            mid, DissentIn(case="IA-NOPE", reasons="we object"), session=db_session, actor=DEFENSE
        )
    assert absent.value.message == "agenda item for case IA-NOPE not found"
    assert db_session.scalar(select(func.count()).select_from(Dissent)) == before
    # On their own case they still dissent.
    own = meetings.dissent(
        mid, DissentIn(case=SHARED, reasons="we object"), session=db_session, actor=DEFENSE
    )
    assert own.agency_code == "DEFENSE_DTSA"


def _refusal(service: Callable[..., object], *args: object, **options: object) -> str:
    with pytest.raises(NotFound) as refused:
        service(*args, **options)
    return refused.value.message


def test_a_hidden_case_is_not_found_in_the_words_of_a_missing_one(
    db_session: Session, meeting: Meeting
) -> None:
    hidden = cases.get_case(COMMERCE_ONLY, session=db_session)
    referral = db_session.scalar(select(Referral).where(Referral.case_id == hidden.id))
    assert referral is not None
    missing_id = str(uuid.uuid4())
    # by reference, by case id and by referral id: each refused as a key that names nothing
    for key, absent in (
        (COMMERCE_ONLY, "IA-NOPE"),
        (str(hidden.id), missing_id),
        (str(referral.id), missing_id),
    ):
        expected = f"case {key} not found"
        seen = _refusal(services.consolidated, key, session=db_session, actor=DEFENSE)
        assert seen == expected
        nothing = _refusal(services.consolidated, absent, session=db_session, actor=DEFENSE)
        assert nothing == f"case {absent} not found"
    wrong = TransitionIn(to=Status.DRAFT, version=hidden.version + 7)
    for key in (COMMERCE_ONLY, str(hidden.id)):
        expected = f"case {key} not found"
        as_reader = {"session": db_session, "reader": DEFENSE}
        as_actor = {"session": db_session, "actor": DEFENSE}
        assert _refusal(cases.get_case, key, **as_reader) == expected
        # A transition tells neither the status (a wrong arrow) nor the version (a stale one).
        assert _refusal(cases.transition, key, wrong, **as_actor) == expected
        assert _refusal(cases.letter_pdf, key, **as_actor) == expected
        assert _refusal(cases.get_document, key, uuid.uuid4(), **as_actor) == expected
    # The representative's own case is read as before.
    assert cases.get_case(SHARED, session=db_session, reader=DEFENSE).reference == SHARED
