"""Use cases of the multilateral capability, gathered from its modules for every interface.

Every use case that changes data refuses an actor without ``manage_multilateral`` itself, so
no delivery path can skip the check.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.multilateral import calendar, ics, seeding
from nonpro.multilateral.calendar import (
    calendar_window,
    get_body,
    get_meeting,
    list_bodies,
    list_meetings,
    meeting_out,
)
from nonpro.multilateral.chart import build as contributions_chart
from nonpro.multilateral.clearing import (
    appoint_clearing_officer,
    dismiss_clearing_officer,
    list_clearing_officers,
)
from nonpro.multilateral.contributions import add as add_contribution
from nonpro.multilateral.contributions import allocate as allocate_contribution
from nonpro.multilateral.contributions import list_contributions
from nonpro.multilateral.contributions import set_status as set_contribution_status
from nonpro.multilateral.contributions import to_csv as contributions_csv
from nonpro.multilateral.contributions import totals as contribution_totals
from nonpro.multilateral.documents import add_document, meeting_documents, revise_document
from nonpro.multilateral.hcoc import declaration as hcoc_declaration
from nonpro.multilateral.hcoc import list_notifications
from nonpro.multilateral.hcoc import notify as notify_launch
from nonpro.multilateral.hcoc import record_outcome as record_launch_outcome
from nonpro.multilateral.hcoc import set_policies as set_hcoc_policies
from nonpro.multilateral.instructions import act as act_on_instruction
from nonpro.multilateral.instructions import draft as draft_instruction
from nonpro.multilateral.instructions import for_meeting as instructions_for_meeting
from nonpro.multilateral.instructions import show as show_instruction
from nonpro.multilateral.schemas import (
    ClearingOfficerIn,
    ClearingOfficerOut,
    DelegateIn,
    MeetingIn,
    MeetingOut,
    MeetingUpdate,
)
from nonpro.multilateral.schemas_contributions import (
    AllocationIn,
    ContributionIn,
    ContributionOut,
    StatusIn,
    Totals,
)
from nonpro.multilateral.schemas_hcoc import (
    Declaration,
    NotificationIn,
    NotificationOut,
    OutcomeIn,
    PolicyIn,
)
from nonpro.multilateral.seeding import project

__all__ = [
    "AllocationIn",
    "ClearingOfficerIn",
    "ClearingOfficerOut",
    "ContributionIn",
    "ContributionOut",
    "Declaration",
    "NotificationIn",
    "NotificationOut",
    "OutcomeIn",
    "PolicyIn",
    "StatusIn",
    "Totals",
    "act_on_instruction",
    "add_contribution",
    "add_delegate",
    "add_document",
    "allocate_contribution",
    "appoint_clearing_officer",
    "calendar_ics",
    "calendar_window",
    "contribution_totals",
    "contributions_chart",
    "contributions_csv",
    "create_meeting",
    "dismiss_clearing_officer",
    "draft_instruction",
    "get_body",
    "get_meeting",
    "hcoc_declaration",
    "instructions_for_meeting",
    "list_bodies",
    "list_clearing_officers",
    "list_contributions",
    "list_meetings",
    "list_notifications",
    "load_reference",
    "meeting_documents",
    "meeting_out",
    "notify_launch",
    "project",
    "record_launch_outcome",
    "remove_delegate",
    "revise_document",
    "set_contribution_status",
    "set_hcoc_policies",
    "show_instruction",
    "update_meeting",
]


# The calendar's writes are guarded here, so calendar.py keeps to dates and rows and every
# delivery path reaches them through this check.
def create_meeting(data: MeetingIn, *, session: Session, actor: Principal) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.create_meeting(data, session=session, actor=actor)


def update_meeting(
    meeting_id: str | uuid.UUID, data: MeetingUpdate, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.update_meeting(meeting_id, data, session=session, actor=actor)


def add_delegate(
    meeting_id: str | uuid.UUID, data: DelegateIn, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.add_delegate(meeting_id, data, session=session, actor=actor)


def remove_delegate(
    meeting_id: str | uuid.UUID, delegate_id: str, *, session: Session, actor: Principal
) -> MeetingOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    return calendar.remove_delegate(meeting_id, delegate_id, session=session, actor=actor)


def load_reference(*, session: Session, actor: Principal, today: date) -> tuple[int, int, int]:
    """``nonpro reference load``: the seeded bodies and sessions, then projection. Idempotent."""
    return seeding.seed(session=session, actor=actor, today=today)


def calendar_ics(
    *,
    session: Session,
    stamp: datetime,
    body: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[bytes, list[MeetingOut]]:
    """The sessions (of one body or all) as an ``.ics`` file."""
    found = list_meetings(session=session, start=start, end=end, body=body)
    name = f"nonpro: {get_body(body, session=session).name}" if body else "nonpro: meetings"
    return ics.to_ics(found, name=name, stamp=stamp), found
