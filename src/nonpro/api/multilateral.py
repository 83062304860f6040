"""Multilateral work over HTTP: calendar, delegations, documents, instructions, HCOC, IAEA
voluntary contributions."""

from __future__ import annotations

from fastapi import APIRouter, status
from fastapi.responses import Response

from nonpro.core.clock import utcnow
from nonpro.core.inputs import Day
from nonpro.core.validation import parse_input
from nonpro.http.downloads import download
from nonpro.http.parameters import OptionalYearQuery, YearPath, YearQuery
from nonpro.http.signin import MultilateralOfficer, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.multilateral import services
from nonpro.multilateral.rules import Fund
from nonpro.multilateral.schemas import (
    BodyOut,
    ClearingOfficerIn,
    ClearingOfficerOut,
    DelegateIn,
    DocumentIn,
    DocumentOut,
    InstructionIn,
    InstructionOut,
    MeetingIn,
    MeetingOut,
    MeetingUpdate,
    StepIn,
    VersionIn,
)
from nonpro.multilateral.services import (
    AllocationIn,
    ContributionIn,
    ContributionOut,
    Declaration,
    NotificationIn,
    NotificationOut,
    OutcomeIn,
    PolicyIn,
    StatusIn,
    Totals,
)

router = APIRouter(route_class=SessionRoute, prefix="/multilateral", tags=["multilateral"])
CREATED = status.HTTP_201_CREATED


@router.get("/bodies", response_model=list[BodyOut])
def bodies(session: SessionDep, _: Reader) -> list[BodyOut]:
    """The bodies followed, with their usual calendars as patterns and their sources."""
    return services.list_bodies(session=session)


@router.get("/meetings", response_model=list[MeetingOut])
def meetings(
    session: SessionDep,
    _: Reader,
    start: Day | None = None,
    end: Day | None = None,
    body: str | None = None,
) -> list[MeetingOut]:
    """Sessions overlapping [start, end], earliest first; projected ones say so."""
    return services.list_meetings(session=session, start=start, end=end, body=body)


@router.get("/meetings.ics")
def meetings_ics(session: SessionDep, _: Reader, body: str | None = None) -> Response:
    """The calendar as iCalendar, for one body or all."""
    data, _found = services.calendar_ics(session=session, stamp=utcnow(), body=body)
    name = f"nonpro-{body.lower() if body else 'meetings'}.ics"
    return download(data, name, "text/calendar")


@router.post("/meetings", response_model=MeetingOut, status_code=CREATED)
def create_meeting(data: MeetingIn, session: SessionDep, actor: MultilateralOfficer) -> MeetingOut:
    return services.create_meeting(data, session=session, actor=actor)


@router.get("/meetings/{meeting_id}", response_model=MeetingOut)
def meeting(meeting_id: str, session: SessionDep, _: Reader) -> MeetingOut:
    return services.meeting_out(services.get_meeting(meeting_id, session=session))


@router.patch("/meetings/{meeting_id}", response_model=MeetingOut)
def update_meeting(
    meeting_id: str, data: MeetingUpdate, session: SessionDep, actor: MultilateralOfficer
) -> MeetingOut:
    """Edit a session; ``confirm: true`` confirms a projected session's dates."""
    return services.update_meeting(meeting_id, data, session=session, actor=actor)


@router.post("/meetings/{meeting_id}/delegates", response_model=MeetingOut, status_code=CREATED)
def add_delegate(
    meeting_id: str, data: DelegateIn, session: SessionDep, actor: MultilateralOfficer
) -> MeetingOut:
    return services.add_delegate(meeting_id, data, session=session, actor=actor)


@router.delete("/meetings/{meeting_id}/delegates/{delegate_id}", response_model=MeetingOut)
def remove_delegate(
    meeting_id: str, delegate_id: str, session: SessionDep, actor: MultilateralOfficer
) -> MeetingOut:
    return services.remove_delegate(meeting_id, delegate_id, session=session, actor=actor)


@router.get("/meetings/{meeting_id}/documents", response_model=list[DocumentOut])
def documents(meeting_id: str, session: SessionDep, _: Reader) -> list[DocumentOut]:
    """Position papers, statements and instructions' texts, each with every version."""
    return services.meeting_documents(meeting_id, session=session)


@router.post("/meetings/{meeting_id}/documents", response_model=DocumentOut, status_code=CREATED)
def add_document(
    meeting_id: str, data: DocumentIn, session: SessionDep, actor: MultilateralOfficer
) -> DocumentOut:
    return services.add_document(meeting_id, data, session=session, actor=actor)


@router.post("/documents/{document_id}/versions", response_model=DocumentOut, status_code=CREATED)
def add_version(
    document_id: str, data: VersionIn, session: SessionDep, actor: MultilateralOfficer
) -> DocumentOut:
    return services.revise_document(document_id, data, session=session, actor=actor)


@router.get("/meetings/{meeting_id}/instructions", response_model=list[InstructionOut])
def meeting_instructions(meeting_id: str, session: SessionDep, _: Reader) -> list[InstructionOut]:
    return services.instructions_for_meeting(meeting_id, session=session)


@router.post(
    "/meetings/{meeting_id}/instructions", response_model=InstructionOut, status_code=CREATED
)
def draft_instruction(
    meeting_id: str, data: InstructionIn, session: SessionDep, actor: MultilateralOfficer
) -> InstructionOut:
    return services.draft_instruction(meeting_id, data, session=session, actor=actor)


@router.get("/instructions/{instruction_id}", response_model=InstructionOut)
def instruction(instruction_id: str, session: SessionDep, _: Reader) -> InstructionOut:
    return services.show_instruction(instruction_id, session=session)


@router.post("/instructions/{instruction_id}/steps", response_model=InstructionOut)
def instruction_step(
    instruction_id: str, step: StepIn, session: SessionDep, actor: MultilateralOfficer
) -> InstructionOut:
    """One workflow step (submit, clear, comment, revise, approve, send); 409 if not allowed."""
    return services.act_on_instruction(instruction_id, step, session=session, actor=actor)


@router.get("/clearing-officers", response_model=list[ClearingOfficerOut])
def clearing_officers(
    session: SessionDep, _: Reader, office: str | None = None
) -> list[ClearingOfficerOut]:
    """Who may clear instructions for which office."""
    return services.list_clearing_officers(session=session, office=office)


@router.post("/clearing-officers", response_model=ClearingOfficerOut, status_code=CREATED)
def appoint_clearing_officer(
    data: ClearingOfficerIn, session: SessionDep, actor: MultilateralOfficer
) -> ClearingOfficerOut:
    """Name a user to clear for an office (not oneself: 403)."""
    return services.appoint_clearing_officer(data, session=session, actor=actor)


@router.delete("/clearing-officers", response_model=ClearingOfficerOut)
def dismiss_clearing_officer(
    office: str, username: str, session: SessionDep, actor: MultilateralOfficer
) -> ClearingOfficerOut:
    """Take a user off an office's clearing officers (not oneself: 403)."""
    # Query parameters, not a path: an office's name may hold a slash (L/NPV).
    data = parse_input(ClearingOfficerIn, {"office": office, "username": username})
    return services.dismiss_clearing_officer(data, session=session, actor=actor)


@router.get("/hcoc/notifications", response_model=list[NotificationOut])
def notifications(
    session: SessionDep, _: Reader, year: OptionalYearQuery = None
) -> list[NotificationOut]:
    return services.list_notifications(session=session, year=year)


@router.post("/hcoc/notifications", response_model=NotificationOut, status_code=CREATED)
def notify(
    data: NotificationIn, session: SessionDep, actor: MultilateralOfficer
) -> NotificationOut:
    """Record a pre-launch notification; ``late`` is true if made after the window opened."""
    return services.notify_launch(data, session=session, actor=actor)


@router.post("/hcoc/notifications/{notification_id}/outcome", response_model=NotificationOut)
def outcome(
    notification_id: str, data: OutcomeIn, session: SessionDep, actor: MultilateralOfficer
) -> NotificationOut:
    return services.record_launch_outcome(notification_id, data, session=session, actor=actor)


@router.put("/hcoc/policies/{year}", status_code=status.HTTP_204_NO_CONTENT)
def policies(
    year: YearPath, data: PolicyIn, session: SessionDep, actor: MultilateralOfficer
) -> None:
    services.set_hcoc_policies(year, data, session=session, actor=actor)


@router.get("/hcoc/declaration", response_model=Declaration)
def declaration(session: SessionDep, _: Reader, year: YearQuery, state: str = "USA") -> Declaration:
    """The annual declaration built from the notifications recorded."""
    return services.hcoc_declaration(year, session=session, state=state)


@router.get("/contributions", response_model=list[ContributionOut])
def list_contributions(
    session: SessionDep, _: Reader, year: OptionalYearQuery = None, fund: Fund | None = None
) -> list[ContributionOut]:
    return services.list_contributions(session=session, year=year, fund=fund)


@router.get("/contributions/totals", response_model=Totals)
def totals(session: SessionDep, _: Reader, year: OptionalYearQuery = None) -> Totals:
    """Totals per year and fund, split by status (pledged, obligated, disbursed)."""
    return services.contribution_totals(services.list_contributions(session=session, year=year))


@router.get("/contributions.csv")
def contributions_csv(session: SessionDep, _: Reader, year: OptionalYearQuery = None) -> Response:
    text = services.contributions_csv(services.list_contributions(session=session, year=year))
    return download(text, "iaea-contributions.csv", "text/csv")


@router.post("/contributions", response_model=ContributionOut, status_code=CREATED)
def add_contribution(
    data: ContributionIn, session: SessionDep, actor: MultilateralOfficer
) -> ContributionOut:
    return services.add_contribution(data, session=session, actor=actor)


@router.post("/contributions/{contribution_id}/allocations", response_model=ContributionOut)
def allocate(
    contribution_id: str, data: AllocationIn, session: SessionDep, actor: MultilateralOfficer
) -> ContributionOut:
    return services.allocate_contribution(contribution_id, data, session=session, actor=actor)


@router.post("/contributions/{contribution_id}/status", response_model=ContributionOut)
def set_status(
    contribution_id: str, data: StatusIn, session: SessionDep, actor: MultilateralOfficer
) -> ContributionOut:
    return services.set_contribution_status(contribution_id, data, session=session, actor=actor)
