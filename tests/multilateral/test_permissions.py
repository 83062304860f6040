"""Every multilateral service that changes data refuses an actor without ``manage_multilateral``
when called directly, not only through HTTP, and leaves the database as it was."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.multilateral import contributions, hcoc, instructions, models, services
from nonpro.multilateral.rules import (
    Action,
    ContributionStatus,
    DelegateRole,
    DocumentKind,
    Fund,
    LaunchOutcome,
    VehicleClass,
)
from nonpro.multilateral.schemas import (
    ClearingOfficerIn,
    DelegateIn,
    DocumentIn,
    InstructionIn,
    MeetingIn,
    MeetingUpdate,
    StepIn,
    VersionIn,
)
from nonpro.multilateral.schemas_contributions import AllocationIn, ContributionIn, StatusIn
from nonpro.multilateral.schemas_hcoc import NotificationIn, OutcomeIn, PolicyIn
from tests.multilateral.conftest import TODAY
from tests.refusals import OFFICER, REFUSED, assert_refused_unchanged, row_counts

TABLES: tuple[type[Any], ...] = (
    AuditEntry,
    models.Body,
    models.Meeting,
    models.Delegate,
    models.Document,
    models.DocumentVersion,
    models.Instruction,
    models.Clearance,
    models.InstructionStep,
    models.LaunchNotification,
    models.HcocPolicy,
    models.Contribution,
    models.Allocation,
    models.ClearingOfficer,
)
# The CLI's operator may be named a clearing officer without an account (see clearing.py).
CLERK = ClearingOfficerIn(office="L/NPV", username="cli:clerk")


@dataclass
class Made:
    """What the officer recorded before the refused actor tries to change it."""

    meeting_id: uuid.UUID
    delegate_id: str
    document_id: uuid.UUID
    instruction_id: uuid.UUID
    contribution_id: uuid.UUID
    notification_id: uuid.UUID


def _instruction() -> InstructionIn:
    return InstructionIn(
        title="Agenda item 4", mission="USMISSION UNVIE", text="Support.", offices=["L/NPV"]
    )


def _notification() -> NotificationIn:
    opens = datetime(2026, 5, 4, 8, tzinfo=UTC)
    return NotificationIn(
        vehicle_class=VehicleClass.SLV,
        window_opens=opens,
        window_closes=opens.replace(hour=23),
        launch_area="Vandenberg Space Force Base, California",
        general_direction="south",
    )


def _contribution() -> ContributionIn:
    return ContributionIn(year=2026, fund=Fund.TCF, amount=Decimal("1000"))


Write = Callable[[Session, Principal, Made], object]
WRITES: dict[str, Write] = {
    "create_meeting": lambda s, a, m: services.create_meeting(
        MeetingIn(
            body="iaea-bog",
            title="Special session",
            start_date=date(2027, 1, 11),
            end_date=date(2027, 1, 12),
        ),
        session=s,
        actor=a,
    ),
    "update_meeting": lambda s, a, m: services.update_meeting(
        m.meeting_id, MeetingUpdate(note="moved"), session=s, actor=a
    ),
    "add_delegate": lambda s, a, m: services.add_delegate(
        m.meeting_id,
        DelegateIn(name="Ed", role=DelegateRole.EXPERT, agency="ENERGY_NNSA"),
        session=s,
        actor=a,
    ),
    "remove_delegate": lambda s, a, m: services.remove_delegate(
        m.meeting_id, m.delegate_id, session=s, actor=a
    ),
    "add_document": lambda s, a, m: services.add_document(
        m.meeting_id,
        DocumentIn(kind=DocumentKind.POSITION_PAPER, title="Iran", text="Draft."),
        session=s,
        actor=a,
    ),
    "revise_document": lambda s, a, m: services.revise_document(
        m.document_id, VersionIn(text="Changed."), session=s, actor=a
    ),
    "instructions.draft": lambda s, a, m: instructions.draft(
        m.meeting_id, _instruction(), session=s, actor=a
    ),
    "instructions.act": lambda s, a, m: instructions.act(
        m.instruction_id, StepIn(action=Action.SUBMIT), session=s, actor=a
    ),
    "appoint_clearing_officer": lambda s, a, m: services.appoint_clearing_officer(
        ClearingOfficerIn(office="PM", username="cli:clerk"), session=s, actor=a
    ),
    "dismiss_clearing_officer": lambda s, a, m: services.dismiss_clearing_officer(
        CLERK, session=s, actor=a
    ),
    "contributions.add": lambda s, a, m: contributions.add(_contribution(), session=s, actor=a),
    "contributions.set_status": lambda s, a, m: contributions.set_status(
        m.contribution_id, StatusIn(status=ContributionStatus.OBLIGATED), session=s, actor=a
    ),
    "contributions.allocate": lambda s, a, m: contributions.allocate(
        m.contribution_id,
        AllocationIn(project="RAF9073", amount=Decimal("10")),
        session=s,
        actor=a,
    ),
    "hcoc.notify": lambda s, a, m: hcoc.notify(_notification(), session=s, actor=a),
    "hcoc.record_outcome": lambda s, a, m: hcoc.record_outcome(
        m.notification_id, OutcomeIn(outcome=LaunchOutcome.CANCELLED), session=s, actor=a
    ),
    "hcoc.set_policies": lambda s, a, m: hcoc.set_policies(
        2026,
        PolicyIn(ballistic_missile_policy="R.", space_launch_policy="C."),
        session=s,
        actor=a,
    ),
    "load_reference": lambda s, a, m: services.load_reference(session=s, actor=a, today=TODAY),
    "project": lambda s, a, m: services.project(
        session=s, actor=a, today=TODAY, through=date(2030, 12, 31)
    ),
}


@pytest.fixture
def made(db_session: Session, seeded: tuple[int, int, int]) -> Made:
    (june,) = services.list_meetings(
        session=db_session, start=date(2027, 6, 1), end=date(2027, 6, 30), body="IAEA-BOG"
    )
    head = DelegateIn(name="Ann", role=DelegateRole.HEAD, agency="STATE_ISN_MNSA")
    meeting = services.add_delegate(june.id, head, session=db_session, actor=OFFICER)
    paper = DocumentIn(kind=DocumentKind.POSITION_PAPER, title="Iran", text="First.")
    document = services.add_document(june.id, paper, session=db_session, actor=OFFICER)
    instruction = instructions.draft(june.id, _instruction(), session=db_session, actor=OFFICER)
    contribution = contributions.add(_contribution(), session=db_session, actor=OFFICER)
    notification = hcoc.notify(_notification(), session=db_session, actor=OFFICER)
    services.appoint_clearing_officer(CLERK, session=db_session, actor=OFFICER)
    return Made(
        meeting_id=june.id,
        delegate_id=str(meeting.delegates[0].id),
        document_id=document.id,
        instruction_id=instruction.id,
        contribution_id=contribution.id,
        notification_id=notification.id,
    )


# Each write meets one of the refused roles, in turn: the calendar's seeding makes a case slow.
@pytest.mark.parametrize(
    ("name", "actor"),
    [(name, REFUSED[i % len(REFUSED)]) for i, name in enumerate(WRITES)],
    ids=list(WRITES),
)
def test_a_write_service_refuses_an_actor_who_does_not_keep_the_multilateral_files(
    db_session: Session, made: Made, name: str, actor: Principal
) -> None:
    assert_refused_unchanged(db_session, TABLES, lambda: WRITES[name](db_session, actor, made))
    meeting = services.get_meeting(made.meeting_id, session=db_session)
    assert meeting.note != "moved" and [d.name for d in meeting.delegates] == ["Ann"]
    assert instructions.show(made.instruction_id, session=db_session).state.value == "drafted"
    (contribution,) = contributions.list_contributions(session=db_session)
    assert contribution.status is ContributionStatus.PLEDGED and contribution.allocations == []


@pytest.mark.parametrize(
    "name",
    ["update_meeting", "instructions.act", "contributions.allocate", "dismiss_clearing_officer"],
)
def test_the_officer_gets_through_the_same_check(
    db_session: Session, made: Made, name: str
) -> None:
    before = row_counts(db_session, TABLES)[AuditEntry.__name__]
    WRITES[name](db_session, OFFICER, made)
    assert row_counts(db_session, TABLES)[AuditEntry.__name__] > before
