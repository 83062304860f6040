"""Meetings of a group: the agenda of referred cases, attendance, votes, dissent, the chair's
recommendation. The chair records; a representative may record their own agency's dissent."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import provisos as proviso_library
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.db import get_row
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.interagency import access, referrals
from nonpro.interagency.errors import NonVotingAgency
from nonpro.interagency.models import AgendaItem, Attendance, Dissent, Meeting, Vote
from nonpro.interagency.rules import Majority, VoteChoice, dissenters, tally, voting_agencies
from nonpro.interagency.schemas import (
    AgendaItemOut,
    AttendanceIn,
    AttendanceOut,
    DissentIn,
    DissentOut,
    MeetingIn,
    MeetingOut,
    RecommendationIn,
    VoteIn,
    VoteOut,
)


def _audit(
    session: Session, actor: Principal, action: str, meeting: Meeting, **payload: object
) -> None:
    audit.record(
        session,
        actor=actor.username,
        action=f"interagency.{action}",
        target=f"meeting:{meeting.id}",
        payload={"group": meeting.group.code, "held_on": meeting.held_on, **payload},
    )


def get_meeting(meeting_id: str | uuid.UUID, *, session: Session, actor: Principal) -> Meeting:
    require(actor, Permission.READ)
    meeting = get_row(session, Meeting, meeting_id, "meeting")
    if access.is_representative(actor) and actor.agency_code not in meeting.group.members:
        raise NotFound("meeting", meeting_id)  # not their group's: as if it did not exist
    return meeting


def list_meetings(*, session: Session, actor: Principal, group: str | None = None) -> list[Meeting]:
    require(actor, Permission.READ)
    query = select(Meeting).order_by(Meeting.held_on.desc())
    if group:
        query = query.where(Meeting.group_id == referrals.get_group(group, session=session).id)
    found = list(session.scalars(query).unique())
    if access.is_representative(actor):
        found = [m for m in found if actor.agency_code in m.group.members]
    return found


def _add_case(meeting: Meeting, case_key: str, *, session: Session, actor: Principal) -> AgendaItem:
    referral = referrals.find_referral(case_key, meeting.group.code, session=session, reader=actor)
    if referral.group_id != meeting.group_id:
        raise InvalidInput("cases", f"{case_key} is not referred to {meeting.group.code}")
    if any(i.referral_id == referral.id for i in meeting.agenda):
        raise InvalidInput("cases", f"case {referral.case.reference} is on the agenda already")
    item = AgendaItem(referral_id=referral.id, position=len(meeting.agenda) + 1, provisos=[])
    meeting.agenda.append(item)
    return item


def create_meeting(data: MeetingIn, *, session: Session, actor: Principal) -> Meeting:
    """Schedule a meeting with an agenda of cases referred to the group."""
    require(actor, Permission.CHAIR_GROUPS)
    group = referrals.get_group(data.group, session=session)
    meeting = Meeting(
        group_id=group.id,
        group=group,
        held_on=data.held_on,
        title=data.title or f"{group.code} meeting {data.held_on:%d %B %Y}",
        location=data.location,
        created_by=actor.username,
    )
    session.add(meeting)
    for case_key in data.cases:
        _add_case(meeting, case_key, session=session, actor=actor)
    session.flush()
    _audit(session, actor, "meeting", meeting, title=meeting.title, cases=data.cases)
    return meeting


def add_to_agenda(
    meeting_id: str, case_key: str, *, session: Session, actor: Principal
) -> AgendaItem:
    require(actor, Permission.CHAIR_GROUPS)
    meeting = get_meeting(meeting_id, session=session, actor=actor)
    item = _add_case(meeting, case_key, session=session, actor=actor)
    session.flush()
    _audit(session, actor, "agenda", meeting, case=item.referral.case.reference)
    return item


def record_attendance(
    meeting_id: str, data: AttendanceIn, *, session: Session, actor: Principal
) -> Attendance:
    require(actor, Permission.CHAIR_GROUPS)
    meeting = get_meeting(meeting_id, session=session, actor=actor)
    agency = data.agency.upper()
    if agency not in meeting.group.members:
        raise InvalidInput("agency", f"{agency} is not a member of {meeting.group.code}")
    row = next((a for a in meeting.attendance if a.agency_code == agency), None)
    if row is None:
        row = Attendance(agency_code=agency)
        meeting.attendance.append(row)
    row.representative, row.present = data.representative, data.present
    session.flush()
    _audit(session, actor, "attendance", meeting, **data.model_dump(mode="json"))
    return row


def visible_agenda(meeting: Meeting, actor: Principal) -> list[AgendaItem]:
    """The agenda as ``actor`` may see it: a representative, only the cases referred to their
    agency (with their votes, reasons and dissents); the page, the API and the minutes alike."""
    return [item for item in meeting.agenda if access.may_see(actor, item.referral)]


def _item(meeting: Meeting, case_key: str, actor: Principal) -> AgendaItem:
    """The agenda item of a case ``actor`` may see; any other is "not found", the same words
    whether the case is on the agenda or not."""
    for item in visible_agenda(meeting, actor):
        if case_key in (item.referral.case.reference, str(item.referral.case_id)):
            return item
    raise NotFound("agenda item for case", case_key)


def _present_voters(meeting: Meeting) -> int:
    """Voting agencies present: a member that only advises does not make a vote quorate."""
    return sum(
        1 for a in meeting.attendance if a.present and a.agency_code not in meeting.group.non_voting
    )


def vote(meeting_id: str, data: VoteIn, *, session: Session, actor: Principal) -> Vote:
    """The chair records an agency's vote on a case (a later vote replaces it). A member the
    group lists as non-voting is refused: it advises (its advice stays on the referral)."""
    require(actor, Permission.CHAIR_GROUPS)
    meeting = get_meeting(meeting_id, session=session, actor=actor)
    item, agency = _item(meeting, data.case, actor), data.agency.upper()
    group = meeting.group
    if agency in group.non_voting:
        voters = ", ".join(voting_agencies(group.members, group.non_voting))
        raise NonVotingAgency(agency, group.code, voters)
    present = {a.agency_code for a in meeting.attendance if a.present}
    if agency not in present:
        raise InvalidInput("agency", f"{agency} is not recorded as present; record attendance")
    row = next((v for v in item.votes if v.agency_code == agency), None)
    if row is None:
        row = Vote(agency_code=agency, choice=data.choice.value, recorded_by=actor.username)
        item.votes.append(row)
    row.choice, row.reasons = data.choice.value, data.reasons
    row.recorded_by, row.recorded_at = actor.username, utcnow()
    session.flush()
    _audit(session, actor, "vote", meeting, **data.model_dump(mode="json"))
    return row


def dissent(meeting_id: str, data: DissentIn, *, session: Session, actor: Principal) -> Dissent:
    """An agency's dissent with its reasons: the chair records any, a representative their own,
    and only on a case referred to their agency (any other is not found, as on their agenda)."""
    meeting = get_meeting(meeting_id, session=session, actor=actor)
    item = _item(meeting, data.case, actor)
    agency = (data.agency or actor.agency_code or "").upper()
    if not agency:
        raise InvalidInput("agency", "name the dissenting agency")
    access.require_chair_or_agency(actor, agency)
    row = next((d for d in item.dissents if d.agency_code == agency), None)
    if row is None:
        row = Dissent(agency_code=agency, reasons=data.reasons, recorded_by=actor.username)
        item.dissents.append(row)
    row.reasons, row.recorded_by, row.recorded_at = data.reasons, actor.username, utcnow()
    session.flush()
    _audit(session, actor, "dissent", meeting, case=data.case, agency=agency, reasons=data.reasons)
    return row


def recommend(
    meeting_id: str, data: RecommendationIn, *, session: Session, actor: Principal
) -> AgendaItem:
    """The chair's recommendation on a case, with reasons (and provisos from the library)."""
    require(actor, Permission.CHAIR_GROUPS)
    meeting = get_meeting(meeting_id, session=session, actor=actor)
    item = _item(meeting, data.case, actor)
    proviso_library.resolve(data.provisos)
    item.recommendation = data.recommendation.value
    item.recommendation_reasons = data.reasons
    item.provisos = list(data.provisos)
    item.recommended_by, item.recommended_at = actor.username, utcnow()
    referrals.note_on_case(
        item.referral,
        actor,
        "recommendation",
        f"{meeting.group.code} chair: {data.recommendation.value}: {data.reasons}",
    )
    session.flush()
    _audit(session, actor, "recommend", meeting, **data.model_dump(mode="json"))
    return item


def meeting_out(meeting: Meeting, actor: Principal) -> MeetingOut:
    """The meeting as every interface shows it to ``actor`` (the agenda they may see), each
    case's tally computed from its votes."""
    present = _present_voters(meeting)
    majority = Majority(meeting.group.majority)
    agenda = []
    for item in visible_agenda(meeting, actor):
        votes = {v.agency_code: VoteChoice(v.choice) for v in item.votes}
        counted = tally(votes, present=present, quorum=meeting.group.quorum, majority=majority)
        agenda.append(
            AgendaItemOut(
                position=item.position,
                referral_id=item.referral_id,
                case_id=item.referral.case_id,
                case_reference=item.referral.case.reference,
                votes=[VoteOut.model_validate(v) for v in item.votes],
                outcome=counted.outcome,
                quorate=counted.quorate,
                tally=counted.explanation,
                dissenters=dissenters(votes, counted.outcome),
                dissents=[DissentOut.model_validate(d) for d in item.dissents],
                recommendation=VoteChoice(item.recommendation) if item.recommendation else None,
                recommendation_reasons=item.recommendation_reasons,
                provisos=item.provisos,
                recommended_by=item.recommended_by,
            )
        )
    return MeetingOut(
        id=meeting.id,
        group=meeting.group.code,
        group_name=meeting.group.name,
        held_on=meeting.held_on,
        title=meeting.title,
        location=meeting.location,
        quorum=meeting.group.quorum,
        majority=majority,
        non_voting=list(meeting.group.non_voting),
        attendance=[AttendanceOut.model_validate(a) for a in meeting.attendance],
        agenda=agenda,
    )
