"""MARC's proposals to amend the MTCR Annex over HTTP: the proposal, the member agencies' views,
the U.S. position, the Technical Experts Meeting and plenary outcomes."""

from __future__ import annotations

from fastapi import APIRouter, status

from nonpro.http.signin import Chair, PrincipalDep, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.interagency.annex import services
from nonpro.interagency.annex.rules import Stage, Status
from nonpro.interagency.annex.schemas import (
    OutcomeIn,
    PositionIn,
    ProposalIn,
    ProposalOut,
    ViewIn,
)

router = APIRouter(
    route_class=SessionRoute, prefix="/interagency/annex-proposals", tags=["interagency"]
)


@router.get("", response_model=list[ProposalOut])
def list_proposals(
    session: SessionDep, actor: Reader, status: Status | None = None
) -> list[ProposalOut]:
    """Proposals to amend the Annex, newest first (optionally in one status)."""
    found = services.list_proposals(session=session, reader=actor, status=status)
    return [services.proposal_out(p, session=session) for p in found]


@router.post("", response_model=ProposalOut, status_code=status.HTTP_201_CREATED)
def create(data: ProposalIn, session: SessionDep, actor: Chair) -> ProposalOut:
    """Record a proposal (a draft): the entry is checked against the Annex, its text read."""
    proposal = services.create(data, session=session, actor=actor)
    return services.proposal_out(proposal, session=session)


@router.get("/{proposal_id}", response_model=ProposalOut)
def show(proposal_id: str, session: SessionDep, actor: Reader) -> ProposalOut:
    """One proposal with the views, the U.S. position, the outcomes and what comes next."""
    proposal = services.get(proposal_id, session=session, reader=actor)
    return services.proposal_out(proposal, session=session)


@router.post("/{proposal_id}/request-views", response_model=ProposalOut)
def request_views(proposal_id: str, session: SessionDep, actor: Chair) -> ProposalOut:
    """Circulate the draft to MARC's member agencies for their views."""
    proposal = services.request_views(proposal_id, session=session, actor=actor)
    return services.proposal_out(proposal, session=session)


@router.put("/{proposal_id}/views", response_model=ProposalOut)
def record_view(
    proposal_id: str, data: ViewIn, session: SessionDep, actor: PrincipalDep
) -> ProposalOut:
    """An agency's view: a representative's own agency; the chair names the agency."""
    services.record_view(proposal_id, data, session=session, actor=actor)
    proposal = services.get(proposal_id, session=session, reader=actor)
    return services.proposal_out(proposal, session=session)


@router.put("/{proposal_id}/position", response_model=ProposalOut)
def set_position(
    proposal_id: str, data: PositionIn, session: SessionDep, actor: Chair
) -> ProposalOut:
    """The U.S. position, recorded by the MARC chair once the views were requested."""
    proposal = services.set_position(proposal_id, data, session=session, actor=actor)
    return services.proposal_out(proposal, session=session)


@router.put("/{proposal_id}/outcomes/{stage}", response_model=ProposalOut)
def record_outcome(
    proposal_id: str, stage: Stage, data: OutcomeIn, session: SessionDep, actor: Chair
) -> ProposalOut:
    """The Technical Experts Meeting's (``tem``) or the plenary's outcome; an adopting plenary
    names the Annex version it produced."""
    proposal = services.record_outcome(proposal_id, stage, data, session=session, actor=actor)
    return services.proposal_out(proposal, session=session)
