"""Interagency review over HTTP: groups, referrals, advice, the consolidated view, holds,
reminders, meetings with votes, dissent and the chair's recommendation, minutes, escalation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, status
from fastapi.responses import JSONResponse, Response

from nonpro.core.inputs import Day
from nonpro.http.downloads import pdf_in_place
from nonpro.http.signin import CaseManager, Chair, PrincipalDep, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency import services
from nonpro.interagency.rules import Level
from nonpro.interagency.schemas import (
    AdviceIn,
    AdviceOut,
    AttendanceIn,
    AttendanceOut,
    ConsolidatedView,
    DissentIn,
    DissentOut,
    EscalationDecisionIn,
    EscalationIn,
    EscalationOut,
    GroupIn,
    GroupOut,
    HoldOut,
    MeetingIn,
    MeetingOut,
    RecommendationIn,
    ReferralIn,
    ReferralRequestIn,
    ReferralRequestOut,
    ReferralSummary,
    ReminderOut,
    RequestAnswerIn,
    VoteIn,
    VoteOut,
)

router = APIRouter(route_class=SessionRoute, prefix="/interagency", tags=["interagency"])


@router.get("/deadlines", response_model=services.Schedule)
def deadlines(
    _: Reader, referred: Day, hold_days: int = 0, registered: Day | None = None
) -> services.Schedule:
    """Every due date of the EO 12981 chain from a referral date (holds add their days)."""
    return services.deadlines(referred, registered=registered, hold_days=hold_days)


@router.get("/groups", response_model=list[GroupOut])
def list_groups(session: SessionDep, _: Reader) -> list[GroupOut]:
    """The groups with their members, chair, quorum and majority rule."""
    stored = services.list_groups(session=session)
    if not stored:  # nothing referred yet: the shipped groups, stored on first referral
        return [GroupOut(**g.model_dump()) for g in services.default_groups()]
    return [GroupOut.model_validate(g) for g in stored]


@router.put("/groups/{code}", response_model=GroupOut)
def save_group(code: str, data: GroupIn, session: SessionDep, actor: Chair) -> GroupOut:
    """Add a group or change its members, chair, quorum or majority rule."""
    data = data.model_copy(update={"code": code.upper()})
    return GroupOut.model_validate(services.save_group(data, session=session, actor=actor))


@router.post("/referrals", response_model=ReferralSummary, status_code=status.HTTP_201_CREATED)
def refer(data: ReferralIn, session: SessionDep, actor: CaseManager) -> ReferralSummary:
    """Refer a case to a group with the agencies due to advise (the case goes to referred)."""
    referral = services.refer(data, session=session, actor=actor)
    return services.summary(referral, session=session)


@router.post("/requests", response_model=ReferralRequestOut, status_code=201)
def request_referral(
    data: ReferralRequestIn, session: SessionDep, actor: CaseManager
) -> ReferralRequestOut:
    """Ask a group to take a case, with a note; the group's chair accepts or declines."""
    return services.request_out(services.request_referral(data, session=session, actor=actor))


@router.get("/requests", response_model=list[ReferralRequestOut])
def list_requests(
    session: SessionDep, actor: Reader, case: str | None = None, state: str | None = "open"
) -> list[ReferralRequestOut]:
    """Requests for referral, oldest first: open ones by default (the chairs' queue)."""
    found = services.list_requests(session=session, reader=actor, case=case, state=state or None)
    return [services.request_out(r) for r in found]


@router.post("/requests/{request_id}/accept", response_model=ReferralSummary)
def accept_request(
    request_id: str, data: RequestAnswerIn, session: SessionDep, actor: Chair
) -> ReferralSummary:
    """Accept the request: the referral is made with the group's default agencies."""
    referral = services.accept_request(request_id, data, session=session, actor=actor)
    return services.summary(referral, session=session)


@router.post("/requests/{request_id}/decline", response_model=ReferralRequestOut)
def decline_request(
    request_id: str, data: RequestAnswerIn, session: SessionDep, actor: Chair
) -> ReferralRequestOut:
    """Decline the request, saying why (``note``); the case stays where it is."""
    return services.request_out(
        services.decline_request(request_id, data, session=session, actor=actor)
    )


@router.get("/referrals", response_model=list[ReferralSummary])
def queue(
    session: SessionDep,
    actor: Reader,
    group: str | None = None,
    agency: str | None = None,
    on: Day | None = None,
) -> list[ReferralSummary]:
    """The queue: late first, then by due date. A representative sees only their agency's."""
    return services.queue(session=session, actor=actor, group=group, agency=agency, on=on)


@router.get("/referrals/{referral_id}", response_model=ConsolidatedView)
def consolidated(
    referral_id: str, session: SessionDep, actor: Reader, on: Day | None = None
) -> ConsolidatedView:
    """Advice per agency and per item or party, agreement or conflict, deadlines, escalations."""
    return services.consolidated(referral_id, session=session, actor=actor, on=on)


@router.post("/referrals/{referral_id}/advice", response_model=AdviceOut)
def advise(
    referral_id: str,
    data: AdviceIn,
    session: SessionDep,
    actor: PrincipalDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """Record your agency's advice (201; 200 when this submission was stored before).

    Send an ``Idempotency-Key`` header, or let the content decide what is a repeat."""
    if idempotency_key and not data.idempotency_key:
        data = data.model_copy(update={"idempotency_key": idempotency_key})
    row, created = services.advise(referral_id, data, session=session, actor=actor)
    body = AdviceOut.model_validate(row).model_dump(mode="json")
    return JSONResponse(body, status_code=201 if created else 200)


@router.post("/referrals/{referral_id}/holds", response_model=HoldOut, status_code=201)
def hold(referral_id: str, reason: str, session: SessionDep, actor: Reader) -> HoldOut:
    """Stop the clock for missing information."""
    referral = services.get_referral(referral_id, session=session, actor=actor)
    row = services.start_hold(referral, reason=reason, agency=None, session=session, actor=actor)
    return services.hold_out(row)


@router.post("/referrals/{referral_id}/resume", response_model=HoldOut)
def resume(referral_id: str, session: SessionDep, actor: Reader) -> HoldOut:
    """Restart the clock; later deadlines move by the days held."""
    return services.hold_out(services.end_hold(referral_id, session=session, actor=actor))


@router.post("/referrals/{referral_id}/reminders", response_model=list[ReminderOut])
def remind(referral_id: str, session: SessionDep, actor: Reader) -> list[ReminderOut]:
    """Remind the agencies whose advice is outstanding and due soon or late."""
    sent = services.remind(referral_id, session=session, actor=actor)
    return [ReminderOut.model_validate(r) for r in sent]


@router.post("/referrals/{referral_id}/escalations", response_model=EscalationOut, status_code=201)
def escalate(
    referral_id: str, data: EscalationIn, session: SessionDep, actor: PrincipalDep
) -> EscalationOut:
    """A dissenting agency escalates to the next level (OC, ACEP, EARB, President)."""
    row = services.escalate(referral_id, data, session=session, actor=actor)
    return EscalationOut.model_validate(row)


@router.post("/referrals/{referral_id}/escalations/{level}", response_model=EscalationOut)
def decide_escalation(
    referral_id: str, level: Level, data: EscalationDecisionIn, session: SessionDep, actor: Chair
) -> EscalationOut:
    """Record what was decided at that level."""
    row = services.decide(referral_id, level, data, session=session, actor=actor)
    return EscalationOut.model_validate(row)


@router.post("/meetings", response_model=MeetingOut, status_code=201)
def create_meeting(data: MeetingIn, session: SessionDep, actor: Chair) -> MeetingOut:
    """Schedule a meeting with an agenda of referred cases."""
    return services.meeting_out(services.create_meeting(data, session=session, actor=actor), actor)


@router.get("/meetings", response_model=list[MeetingOut])
def list_meetings(session: SessionDep, actor: Reader, group: str | None = None) -> list[MeetingOut]:
    """Meetings, newest first (a representative: their groups' meetings, their cases)."""
    found = services.list_meetings(session=session, actor=actor, group=group)
    return [services.meeting_out(m, actor) for m in found]


@router.get("/meetings/{meeting_id}", response_model=MeetingOut)
def meeting(meeting_id: str, session: SessionDep, actor: Reader) -> MeetingOut:
    """A meeting: agenda, attendance, votes with the tally, dissent, the chair's recommendation."""
    found = services.get_meeting(meeting_id, session=session, actor=actor)
    return services.meeting_out(found, actor)


@router.post("/meetings/{meeting_id}/agenda", response_model=MeetingOut)
def add_to_agenda(meeting_id: str, case: str, session: SessionDep, actor: Chair) -> MeetingOut:
    """Put a case referred to the meeting's group on its agenda."""
    services.add_to_agenda(meeting_id, case, session=session, actor=actor)
    found = services.get_meeting(meeting_id, session=session, actor=actor)
    return services.meeting_out(found, actor)


@router.post("/meetings/{meeting_id}/attendance", response_model=AttendanceOut)
def attendance(
    meeting_id: str, data: AttendanceIn, session: SessionDep, actor: Chair
) -> AttendanceOut:
    """Record whether an agency attended, and who represented it."""
    row = services.record_attendance(meeting_id, data, session=session, actor=actor)
    return AttendanceOut.model_validate(row)


@router.post("/meetings/{meeting_id}/votes", response_model=VoteOut)
def vote(meeting_id: str, data: VoteIn, session: SessionDep, actor: Chair) -> VoteOut:
    """The chair records an agency's vote on a case."""
    return VoteOut.model_validate(services.vote(meeting_id, data, session=session, actor=actor))


@router.post("/meetings/{meeting_id}/dissents", response_model=DissentOut)
def dissent(meeting_id: str, data: DissentIn, session: SessionDep, actor: Reader) -> DissentOut:
    """An agency's dissent with reasons (the chair for any agency, a representative for theirs)."""
    row = services.dissent(meeting_id, data, session=session, actor=actor)
    return DissentOut.model_validate(row)


@router.post("/meetings/{meeting_id}/recommendations", response_model=MeetingOut)
def recommend(
    meeting_id: str, data: RecommendationIn, session: SessionDep, actor: Chair
) -> MeetingOut:
    """The chair's recommendation on a case, with reasons."""
    services.recommend(meeting_id, data, session=session, actor=actor)
    found = services.get_meeting(meeting_id, session=session, actor=actor)
    return services.meeting_out(found, actor)


@router.get("/meetings/{meeting_id}/minutes.pdf")
def minutes_pdf(meeting_id: str, session: SessionDep, actor: Reader) -> Response:
    """The minutes as PDF: attendance, votes, results, dissent, the chair's recommendations."""
    filename, pdf = services.minutes_pdf(meeting_id, session=session, actor=actor)
    return pdf_in_place(pdf, filename)
