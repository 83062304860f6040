"""MARC's proposals to amend the MTCR Annex: created and steered by the chair, a view per member
agency, the U.S. position, then the Technical Experts Meeting and the plenary. Every step is
audited (target ``annex-proposal:<id>``). Services flush, callers commit.

The entry is checked against the Annex data (``nonpro.controls``): an amendment names an entry
that exists, and its current text is read from there; a new entry names an existing parent and
a number the Annex does not have yet.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.controls import services as controls
from nonpro.controls.errors import UnknownAnnexItem
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.interagency import access
from nonpro.interagency import services as interagency
from nonpro.interagency.annex.errors import NotACommitteeMember, ProposalOutOfOrder
from nonpro.interagency.annex.models import AnnexProposal, AnnexView
from nonpro.interagency.annex.rules import (
    COMMITTEE,
    DECIDED,
    PREREQUISITE,
    REQUIRED_STATUS,
    Outcome,
    Stage,
    Status,
    USPosition,
    ViewPosition,
    ended,
)
from nonpro.interagency.annex.schemas import (
    MeetingOutcome,
    OutcomeIn,
    PositionIn,
    ProposalIn,
    ProposalOut,
    ViewIn,
    ViewOut,
)


def committee_members(*, session: Session) -> list[str]:
    """MARC's member agencies: the stored group's, or (nothing stored yet) the shipped config's."""
    for group in interagency.list_groups(session=session):
        if group.code == COMMITTEE:
            return list(group.members)
    shipped = [g for g in interagency.default_groups() if g.code == COMMITTEE]
    if not shipped:
        raise NotFound("group", COMMITTEE)
    return list(shipped[0].members)


def _audit(session: Session, proposal: AnnexProposal, actor: Principal, action: str) -> None:
    payload = {k: v for k, v in column_values(proposal).items() if k not in {"created_at", "id"}}
    audit.record(
        session,
        actor=actor.username,
        action=f"interagency.annex {action}",
        target=f"annex-proposal:{proposal.id}",
        payload=payload,
    )


def _current_text(data: ProposalIn) -> tuple[str, str]:
    """The Annex version read and the entry's current text ("" for a new entry)."""
    annex = controls.load_annex()
    if data.new_entry:
        if not data.parent_entry:
            raise InvalidInput("parent_entry", "a new entry names the Annex item it goes under")
        if not data.entry.startswith(data.parent_entry + "."):
            raise InvalidInput(
                "entry", f"a new entry under {data.parent_entry} is numbered {data.parent_entry}.…"
            )
        try:
            controls.show(data.parent_entry, annex=annex)
        except UnknownAnnexItem:
            raise InvalidInput(
                "parent_entry", f"{data.parent_entry} is not in the Annex {annex.version}"
            ) from None
        try:
            controls.show(data.entry, annex=annex)
        except UnknownAnnexItem:
            return annex.version, ""
        raise InvalidInput(
            "entry", f"{data.entry} is already in the Annex {annex.version}: amend it instead"
        )
    if data.parent_entry:
        raise InvalidInput("parent_entry", "only a new entry names a parent")
    try:
        views = controls.show(data.entry, annex=annex)
    except UnknownAnnexItem:
        raise InvalidInput(
            "entry",
            f"{data.entry} is not in the Annex {annex.version}; to add it, propose a new entry "
            "and name its parent",
        ) from None
    if len(views) == 1:
        return annex.version, views[0].text
    # A heading ("2.A.1.c"): the text of every entry under it, each with its number.
    return annex.version, "\n".join(f"{v.item}: {v.text}" for v in views)


def create(data: ProposalIn, *, session: Session, actor: Principal) -> AnnexProposal:
    """The chair records a proposal (by a partner or the United States) as a draft."""
    require(actor, Permission.CHAIR_GROUPS)
    version, text = _current_text(data)
    proposal = AnnexProposal(
        entry=data.entry,
        new_entry=data.new_entry,
        parent_entry=data.parent_entry,
        annex_version=version,
        current_text=text,
        proposed_text=data.proposed_text,
        rationale=data.rationale,
        proposer=data.proposer,
        status=Status.DRAFT.value,
        created_by=actor.username,
        created_at=utcnow(),
    )
    session.add(proposal)
    session.flush()
    _audit(session, proposal, actor, "propose")
    return proposal


def get(key: str | uuid.UUID, *, session: Session, reader: Principal) -> AnnexProposal:
    require(reader, Permission.READ)
    try:
        found = session.get(AnnexProposal, key if isinstance(key, uuid.UUID) else uuid.UUID(key))
    except ValueError:
        found = None
    if found is None:
        raise NotFound("Annex proposal", key)
    return found


def list_proposals(
    *, session: Session, reader: Principal, status: Status | None = None
) -> list[AnnexProposal]:
    """Proposals, newest first, optionally in one status."""
    require(reader, Permission.READ)
    query = select(AnnexProposal).order_by(AnnexProposal.created_at.desc())
    if status is not None:
        query = query.where(AnnexProposal.status == status.value)
    return list(session.scalars(query))


def _step(proposal: AnnexProposal, step: str) -> None:
    """Refuse a step the proposal is not ready for, saying what it waits for."""
    status = Status(proposal.status)
    if ended(status, Outcome(proposal.tem_outcome) if proposal.tem_outcome else None):
        last = proposal.plenary_outcome or proposal.tem_outcome
        where = "plenary" if proposal.plenary_outcome else "Technical Experts Meeting"
        raise ProposalOutOfOrder(f"the proposal on {proposal.entry} ended: {where} outcome {last}")
    if status != REQUIRED_STATUS[step]:
        raise ProposalOutOfOrder(
            f"the proposal on {proposal.entry} is {status.value}: {PREREQUISITE[step]}"
        )


def request_views(key: str, *, session: Session, actor: Principal) -> AnnexProposal:
    """The chair circulates the draft to MARC's member agencies for their views."""
    require(actor, Permission.CHAIR_GROUPS)
    proposal = get(key, session=session, reader=actor)
    _step(proposal, "request_views")
    proposal.status = Status.UNDER_REVIEW.value
    proposal.views_requested_at = utcnow()
    session.flush()
    _audit(session, proposal, actor, "request views")
    return proposal


def record_view(key: str, data: ViewIn, *, session: Session, actor: Principal) -> AnnexView:
    """An agency's view: a representative for their own agency only, the chair for any member.
    A later view of the same agency replaces the earlier (both are in the audit log)."""
    if actor.can(Permission.CHAIR_GROUPS):
        if not data.agency:
            raise InvalidInput("agency", "name the agency whose view this is")
        agency = data.agency.upper()
    else:
        agency = access.acting_agency(actor, data.agency, Permission.ADVISE)
    proposal = get(key, session=session, reader=actor)
    members = committee_members(session=session)
    if agency not in members:
        raise NotACommitteeMember(agency, members)
    _step(proposal, "record_view")
    view = next((v for v in proposal.views if v.agency_code == agency), None)
    if view is None:
        view = AnnexView(
            agency_code=agency,
            position=data.position.value,
            note=data.note.strip(),
            recorded_by=actor.username,
            recorded_at=utcnow(),
        )
        try:
            with session.begin_nested():
                proposal.views.append(view)
                session.flush()
        except IntegrityError:
            # Another request stored this agency's first view at the same moment.
            raise Conflict(
                f"{agency}'s view was recorded by another request at the same moment: "
                "reload the proposal and record it again"
            ) from None
    view.position, view.note = data.position.value, data.note.strip()
    view.recorded_by, view.recorded_at = actor.username, utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="interagency.annex view",
        target=f"annex-proposal:{proposal.id}",
        payload={"agency": agency, "position": view.position, "note": view.note},
    )
    return view


def set_position(
    key: str, data: PositionIn, *, session: Session, actor: Principal
) -> AnnexProposal:
    """The MARC chair records the U.S. position, once the views were requested (agencies that
    have not answered are named on the proposal, not waited for)."""
    require(actor, Permission.CHAIR_GROUPS)
    proposal = get(key, session=session, reader=actor)
    _step(proposal, "set_position")
    proposal.us_position, proposal.us_position_note = data.position.value, data.note
    proposal.us_position_by, proposal.us_position_at = actor.username, utcnow()
    proposal.status = Status.POSITION_SET.value
    session.flush()
    _audit(session, proposal, actor, "position")
    return proposal


def record_outcome(
    key: str, stage: Stage, data: OutcomeIn, *, session: Session, actor: Principal
) -> AnnexProposal:
    """A Technical Experts Meeting's or plenary's outcome. A deferral leaves the proposal where
    it was for a later meeting; a TEM that does not adopt it ends it; an adopting plenary names
    the Annex version it produced."""
    require(actor, Permission.CHAIR_GROUPS)
    proposal = get(key, session=session, reader=actor)
    _step(proposal, stage.value)
    if stage == Stage.PLENARY:
        if proposal.tem_on is not None and data.held_on < proposal.tem_on:
            raise InvalidInput(
                "held_on",
                f"the plenary comes after the Technical Experts Meeting of "
                f"{proposal.tem_on.isoformat()}",
            )
        if data.outcome == Outcome.ADOPTED and not data.produced_version:
            raise InvalidInput(
                "produced_version", "an adopted amendment names the Annex version it produced"
            )
    if data.produced_version and not (stage == Stage.PLENARY and data.outcome == Outcome.ADOPTED):
        raise InvalidInput(
            "produced_version", "only a plenary that adopts the amendment produces an Annex version"
        )
    if stage == Stage.TEM:
        proposal.tem_on, proposal.tem_outcome, proposal.tem_note = (
            data.held_on,
            data.outcome.value,
            data.note.strip(),
        )
    else:
        proposal.plenary_on, proposal.plenary_outcome, proposal.plenary_note = (
            data.held_on,
            data.outcome.value,
            data.note.strip(),
        )
        proposal.produced_version = data.produced_version
    if data.outcome != Outcome.DEFERRED:
        proposal.status = DECIDED[stage].value
    session.flush()
    _audit(session, proposal, actor, stage.value)
    return proposal


def _meeting(
    stage: Stage, on: date | None, outcome: str | None, note: str
) -> MeetingOutcome | None:
    if on is None or outcome is None:
        return None
    return MeetingOutcome(stage=stage, held_on=on, outcome=Outcome(outcome), note=note)


def _next_steps(proposal: AnnexProposal) -> list[str]:
    status = Status(proposal.status)
    tem = Outcome(proposal.tem_outcome) if proposal.tem_outcome else None
    if ended(status, tem):
        return []
    return {
        Status.DRAFT: ["the chair requests the member agencies' views"],
        Status.UNDER_REVIEW: [
            "member agencies record their views",
            "the chair sets the U.S. position",
        ],
        Status.POSITION_SET: ["the Technical Experts Meeting's outcome is recorded"],
        Status.TEM_DECIDED: ["the plenary's outcome is recorded"],
        Status.PLENARY_DECIDED: [],
    }[status]


def proposal_out(proposal: AnnexProposal, *, session: Session) -> ProposalOut:
    members = committee_members(session=session)
    given = {v.agency_code for v in proposal.views}
    status = Status(proposal.status)
    return ProposalOut(
        id=proposal.id,
        entry=proposal.entry,
        new_entry=proposal.new_entry,
        parent_entry=proposal.parent_entry,
        annex_version=proposal.annex_version,
        current_text=proposal.current_text,
        proposed_text=proposal.proposed_text,
        rationale=proposal.rationale,
        proposer=proposal.proposer,
        status=status,
        ended=ended(status, Outcome(proposal.tem_outcome) if proposal.tem_outcome else None),
        created_by=proposal.created_by,
        created_at=proposal.created_at,
        members=members,
        views=[ViewOut.model_validate(v) for v in proposal.views],
        awaiting=[m for m in members if m not in given],
        us_position=USPosition(proposal.us_position) if proposal.us_position else None,
        us_position_note=proposal.us_position_note,
        us_position_by=proposal.us_position_by,
        us_position_at=proposal.us_position_at,
        tem=_meeting(Stage.TEM, proposal.tem_on, proposal.tem_outcome, proposal.tem_note),
        plenary=_meeting(
            Stage.PLENARY, proposal.plenary_on, proposal.plenary_outcome, proposal.plenary_note
        ),
        produced_version=proposal.produced_version,
        next_steps=_next_steps(proposal),
    )


__all__ = [
    "Outcome",
    "Stage",
    "Status",
    "USPosition",
    "ViewPosition",
    "committee_members",
    "create",
    "get",
    "list_proposals",
    "proposal_out",
    "record_outcome",
    "record_view",
    "request_views",
    "set_position",
]
