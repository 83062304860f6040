"""Export review cases over HTTP: intake, search, assessment, transitions, documents, letters."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile, status
from fastapi.responses import Response
from pydantic import Field

from nonpro.cases import services
from nonpro.cases.rules import CaseType, Decision, Recommendation, Status
from nonpro.cases.schemas import (
    Assessment,
    AssignmentIn,
    CaseFilter,
    CaseIn,
    CaseOut,
    CaseSummary,
    CaseUpdate,
    DocumentOut,
    Facets,
    GateExceptionIn,
    GateReason,
    HitDispositionIn,
    PrecedentSearch,
    PrecedentSearchOut,
    PrecedentsOut,
    ProposalAnswerIn,
    ProposalIn,
    Proviso,
    TransitionIn,
)
from nonpro.core.inputs import Day
from nonpro.core.validation import parse_input
from nonpro.denials import services as denials  # the no-undercut flag beside the case
from nonpro.denials.schemas import DenialMatch
from nonpro.http.downloads import download, pdf_in_place
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import (
    CaseManager,
    Countersigner,
    ExceptionRecorder,
    HitDisposer,
    Reader,
)
from nonpro.http.unit_of_work import SessionDep, SessionRoute

router = APIRouter(route_class=SessionRoute, tags=["cases"])


class CaseWithDenials(CaseOut):
    """The case with the no-undercut flag beside it: the MTCR denials in force it would undercut."""

    consult_before_approval: bool = False
    denial_matches: list[DenialMatch] = Field(default_factory=list)


async def case_filter(
    queue: str = "all",
    status: Status | None = None,
    type: CaseType | None = None,
    destination: str | None = None,
    annex_item: str | None = None,
    category: str | None = None,
    party: str | None = None,
    assignee: str | None = None,
    flag: str | None = None,
    recommendation: Recommendation | None = None,
    created_from: Day | None = None,
    created_to: Day | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> CaseFilter:
    return parse_input(CaseFilter, {k: v for k, v in locals().items() if v is not None})


FilterDep = Annotated[CaseFilter, Depends(case_filter)]


@router.post("/cases", response_model=CaseOut, status_code=status.HTTP_201_CREATED)
def create_case(
    data: CaseIn, session: SessionDep, provider: IndexDep, actor: CaseManager
) -> CaseOut:
    """Intake: store the case (as a draft), keep its parties for re-screening, assess it."""
    case = services.create_case(data, session=session, provider=provider, actor=actor)
    return services.case_out(case)


@router.get("/cases", response_model=list[CaseSummary])
def list_cases(wanted: FilterDep, session: SessionDep, actor: Reader) -> list[CaseSummary]:
    """Queues (all, mine, unassigned, deadline) and search by any facet."""
    found = services.list_cases(wanted, session=session, actor=actor)
    return [CaseSummary.model_validate(c) for c in found]


@router.get("/cases/facets", response_model=Facets)
def case_facets(wanted: FilterDep, session: SessionDep, actor: Reader) -> Facets:
    """Counts of the matching cases by status, destination, category, Annex item and flag."""
    return services.facets(wanted, session=session, actor=actor)


async def precedent_search(
    annex_item: str | None = None,
    end_user: str | None = None,
    destination: str | None = None,
    outcome: Decision | None = None,
    type: CaseType | None = None,
    decided_from: Day | None = None,
    decided_to: Day | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PrecedentSearch:
    return parse_input(PrecedentSearch, {k: v for k, v in locals().items() if v is not None})


@router.get("/precedents", response_model=PrecedentSearchOut)
def search_precedents(
    wanted: Annotated[PrecedentSearch, Depends(precedent_search)],
    session: SessionDep,
    actor: Reader,
) -> PrecedentSearchOut:
    """Decided cases by Annex entry (and the entries under it), end user name (a part of it),
    destination, outcome, case type and decision date; newest decision first. A
    representative finds only the cases referred to their agency."""
    return services.search_precedents(wanted, session=session, actor=actor)


@router.get("/provisos", response_model=list[Proviso])
def list_provisos(_: Reader) -> list[Proviso]:
    """The library of standard provisos a decision may carry."""
    return services.list_provisos()


@router.get("/cases/{case_id}", response_model=CaseWithDenials)
def get_case(case_id: str, session: SessionDep, reader: Reader) -> CaseWithDenials:
    """One case (by id or reference) with its assessment, documents and history.

    ``assessment_stale`` says the lists changed since: ``POST .../assess`` brings it up to date.
    ``consult_before_approval`` and ``denial_matches``: the MTCR denials in force the case would
    undercut (``GET /api/denials/check/{case_id}``).
    """
    case = services.get_case(case_id, session=session, reader=reader)
    out = services.case_out(case)
    out.assessment_stale = services.is_stale(case, session=session)
    matches = denials.matching_denials(case.id, session=session, reader=reader)
    # Built from CaseOut's validated fields as they are: it reads ``flags`` from the row's
    # ``flag_list``, which a validated CaseOut no longer has.
    return CaseWithDenials.model_construct(
        **dict(out), consult_before_approval=bool(matches), denial_matches=matches
    )


@router.put("/cases/{case_id}", response_model=CaseOut)
def update_case(
    case_id: str, data: CaseUpdate, session: SessionDep, provider: IndexDep, actor: CaseManager
) -> CaseOut:
    """Replace the case's facts; send the version you read (409 if someone changed it since)."""
    case = services.update_case(case_id, data, session=session, provider=provider, actor=actor)
    return services.case_out(case)


@router.post("/cases/{case_id}/assess", response_model=Assessment)
def assess_case(
    case_id: str, session: SessionDep, provider: IndexDep, actor: CaseManager
) -> Assessment:
    """Assess the case again now: recommendation, findings with evidence and source, reasons."""
    case = services.get_case(case_id, session=session, reader=actor)
    return services.assess_case(case, session=session, provider=provider, actor=actor)


@router.post("/cases/{case_id}/transitions", response_model=CaseOut)
def transition(case_id: str, data: TransitionIn, session: SessionDep, actor: Reader) -> CaseOut:
    """Move the case along one arrow of the table (each arrow checks its own permission).

    To decided: the decision gates first (409 ``DecisionBlocked`` with ``error.reasons``, each
    with its source; a departure from the recommendation needs ``justification``); a decision
    the two-person approval table names is then recorded as a proposal and the case stays
    where it is until a second person countersigns it (``proposals`` shows it pending)."""
    return services.case_out(services.transition(case_id, data, session=session, actor=actor))


@router.post("/cases/{case_id}/dispositions", response_model=CaseOut)
def dispose_hit(
    case_id: str,
    data: HitDispositionIn,
    session: SessionDep,
    provider: IndexDep,
    actor: HitDisposer,
) -> CaseOut:
    """Decide a party's screening hit (true match, false positive, escalate); the case is
    assessed again with it. Undecided hits block a decision."""
    case = services.dispose_hit(
        case_id,
        party=data.party,
        entry_id=data.entry_id,
        decision=data.decision,
        note=data.note,
        session=session,
        provider=provider,
        actor=actor,
    )
    return services.case_out(case)


@router.post("/cases/{case_id}/proposals", response_model=CaseOut)
def propose(case_id: str, data: ProposalIn, session: SessionDep, actor: Reader) -> CaseOut:
    """Propose a decision for a second person's countersignature (the arrow to decided checks
    its permission). A transition to decided does the same when the two-person approval table
    asks for a countersignature. 409 with ``error.reasons`` when the decision gates refuse it."""
    return services.case_out(services.propose(case_id, data, session=session, actor=actor))


@router.post("/cases/{case_id}/proposals/countersign", response_model=CaseOut)
def countersign(
    case_id: str, data: ProposalAnswerIn, session: SessionDep, actor: Countersigner
) -> CaseOut:
    """Countersign the pending proposal: the gates again, then the case is decided. The
    proposer cannot countersign (403)."""
    return services.case_out(services.countersign(case_id, data, session=session, actor=actor))


@router.post("/cases/{case_id}/proposals/send-back", response_model=CaseOut)
def send_back(case_id: str, data: ProposalAnswerIn, session: SessionDep, actor: Reader) -> CaseOut:
    """Send the pending proposal back with a note (a countersigner), or withdraw it (its
    proposer)."""
    return services.case_out(services.send_back(case_id, data, session=session, actor=actor))


@router.post("/cases/{case_id}/exceptions", response_model=CaseOut)
def record_exception(
    case_id: str, data: GateExceptionIn, session: SessionDep, actor: ExceptionRecorder
) -> CaseOut:
    """Record an audited exception to the case's hard stops as they stand, naming its legal
    basis (Category I, a confirmed listed party, an embargo)."""
    return services.case_out(services.record_exception(case_id, data, session=session, actor=actor))


@router.get("/cases/{case_id}/gates", response_model=list[GateReason])
def decision_gates(
    case_id: str, session: SessionDep, actor: Reader, decision: Decision = Decision.APPROVED
) -> list[GateReason]:
    """What stands in the way of the decision now (no justification given), and the hard stops
    an exception covers (``excepted_by``)."""
    return services.decision_gates(case_id, decision, session=session, actor=actor)


@router.get("/cases/{case_id}/precedents", response_model=PrecedentsOut)
def precedents(
    case_id: str,
    session: SessionDep,
    actor: Reader,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> PrecedentsOut:
    """The decided cases most like this one, best first: each lists what it shares with the
    case (``shared``: same Annex entry, related entry, same end user, same destination, same
    case type, each with its weight) and its decision (outcome, date, decider, grounds)."""
    return services.similar_cases(case_id, session=session, actor=actor, limit=limit)


@router.post("/cases/{case_id}/assignment", response_model=CaseOut)
def assign(case_id: str, data: AssignmentIn, session: SessionDep, actor: CaseManager) -> CaseOut:
    """Put the case on a user's queue, or (assignee null) on nobody's."""
    return services.case_out(services.assign(case_id, data, session=session, actor=actor))


@router.post(
    "/cases/{case_id}/documents", response_model=DocumentOut, status_code=status.HTTP_201_CREATED
)
def add_document(
    case_id: str, file: UploadFile, session: SessionDep, actor: CaseManager
) -> DocumentOut:
    """Attach a PDF, PNG, JPEG, DOCX or TXT (at most 10 MiB); its SHA-256 is recorded."""
    content = file.file.read(services.MAX_DOCUMENT_BYTES + 1)
    document = services.add_document(
        case_id, file.filename or "", content, session=session, actor=actor
    )
    return DocumentOut.model_validate(document)


@router.get("/cases/{case_id}/documents/{document_id}")
def get_document(
    case_id: str, document_id: uuid.UUID, session: SessionDep, actor: Reader
) -> Response:
    """The document's bytes, as stored."""
    document = services.get_document(case_id, document_id, session=session, actor=actor)
    return download(document.content, document.filename, document.media_type)


@router.get("/cases/{case_id}/letter.pdf", response_class=Response)
def decision_letter(case_id: str, session: SessionDep, actor: Reader) -> Response:
    """The decision letter of a decided case (or one returned without action), as PDF."""
    filename, pdf = services.letter_pdf(case_id, session=session, actor=actor)
    return pdf_in_place(pdf, filename)
