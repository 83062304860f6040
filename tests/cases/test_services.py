"""Case storage and use cases on SQLite and PostgreSQL: intake, transitions, versions, queues."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import letter, queries, services
from nonpro.cases.errors import StaleVersion, TransitionNotAllowed
from nonpro.cases.models import Case
from nonpro.cases.rules import Decision, Status
from nonpro.cases.schemas import AssignmentIn, CaseFilter, CaseIn, CaseUpdate, TransitionIn
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, PermissionDenied
from nonpro.screening.models import ScreenedParty
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json, decide, refer_to_mtec


def _create(session: Session, provider: IndexProvider, actor: Principal, **changes: Any) -> Case:
    data = CaseIn.model_validate(case_json(**changes))
    return services.create_case(data, session=session, provider=provider, actor=actor)


def _move(session: Session, case: Case, actor: Principal, to: Status, **extra: Any) -> Case:
    data = TransitionIn.model_validate({"to": to, "version": case.version, **extra})
    return services.transition(case.id, data, session=session, actor=actor)


def test_intake_stores_the_case_assesses_it_and_keeps_its_parties(
    db_session: Session, provider: IndexProvider, analyst: Principal, un_list: ParsedList
) -> None:
    case = _create(db_session, provider, analyst)
    stored = services.get_case("T-1", session=db_session)
    assert stored.id == case.id and stored.status == "draft" and stored.version == 1
    assert [p.role for p in stored.parties] == ["applicant", "end_user"]
    assert stored.applicant == "Keystone Inertial Systems" and stored.destination == "JP"
    assert stored.items[0].annex_item == "9.A.4" and stored.items[0].category == "II"
    assert stored.recommendation == "approve_with_provisos"
    assert stored.assessment is not None and stored.assessment["findings"]
    kept = db_session.scalars(
        select(ScreenedParty.name).where(ScreenedParty.origin == "case:T-1")
    ).all()
    assert set(kept) == {"Keystone Inertial Systems", "Tsukuba Space Instruments KK"}
    actions = [e.action for e in audit.entries(db_session, target="case:T-1")]
    assert {"case.create", "case.assess"} <= set(actions)


def test_intake_refuses_duplicates_and_unknown_countries(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    _create(db_session, provider, analyst)
    with pytest.raises(Conflict, match="T-1 already exists"):
        _create(db_session, provider, analyst)
    with pytest.raises(InvalidInput) as bad:
        _create(db_session, provider, analyst, reference="T-2", destination="Atlantis")
    assert bad.value.field == "destination"


def test_viewer_may_not_open_a_case(db_session: Session, provider: IndexProvider) -> None:
    with pytest.raises(PermissionDenied):
        _create(db_session, provider, Principal(username="v", role=Role.VIEWER))


def test_the_life_of_a_case(
    db_session: Session, provider: IndexProvider, analyst: Principal, chair: Principal
) -> None:
    case = _create(db_session, provider, analyst)
    case = _move(db_session, case, analyst, Status.SUBMITTED)
    assert case.submitted_at is not None and case.due_date is not None
    due = case.due_date
    assert due == case.submitted_at.date() + timedelta(days=30)
    case = _move(db_session, case, analyst, Status.UNDER_REVIEW)
    case = _move(db_session, case, analyst, Status.ON_HOLD, note="asked for the EUS")
    assert case.paused_at is not None
    case.paused_at -= timedelta(days=4)  # as if the hold had lasted four days
    case = _move(db_session, case, analyst, Status.UNDER_REVIEW)
    assert case.paused_at is None and case.due_date == due + timedelta(days=4)
    with pytest.raises(InvalidInput, match="decision"):
        _move(db_session, case, analyst, Status.DECIDED)
    with pytest.raises(InvalidInput, match="at least one proviso"):
        _move(db_session, case, analyst, Status.DECIDED, decision=Decision.APPROVED_WITH_PROVISOS)
    with pytest.raises(InvalidInput, match="unknown proviso"):
        _move(
            db_session,
            case,
            analyst,
            Status.DECIDED,
            decision="approved_with_provisos",
            provisos=["NOPE"],
        )
    # No list is loaded, so the recommendation is "refer": deciding departs from it.
    case = decide(
        db_session,
        case,
        "approved_with_provisos",
        proposer=analyst,
        countersigner=chair,
        provisos=["END-USE-ONLY", "NO-RETRANSFER"],
        justification="screened by hand against the consolidated list",
    )
    assert (case.decision, case.provisos) == (
        "approved_with_provisos",
        ["END-USE-ONLY", "NO-RETRANSFER"],
    )
    assert (case.decided_by, case.countersigned_by) == ("ana", "chris")
    case = _move(db_session, case, analyst, Status.CLOSED)
    assert case.version == 8  # the proposal and its countersignature are two versions
    history = [(e.from_status, e.to_status) for e in case.events if e.to_status]
    assert history[0] == ("draft", "submitted") and history[-1] == ("decided", "closed")
    assert ("under_review", "decided") in history  # the countersignature's step
    transitions = audit.entries(db_session, target="case:T-1", action="case.transition")
    assert len(transitions) == 5


def test_a_move_outside_the_table_names_the_allowed_ones(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    case = _create(db_session, provider, analyst)
    with pytest.raises(TransitionNotAllowed) as refused:
        _move(db_session, case, analyst, Status.DECIDED, decision="denied")
    assert "cannot go to decided" in refused.value.message
    assert "allowed from here: submitted" in refused.value.message
    assert services.get_case(case.id, session=db_session).status == "draft"


def test_referred_needs_a_referral_behind_it(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    case = _create(db_session, provider, analyst)
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW):
        case = _move(db_session, case, analyst, status)
    with pytest.raises(Conflict, match="T-1 has no interagency referral"):
        _move(db_session, case, analyst, Status.REFERRED)
    assert services.get_case(case.id, session=db_session).status == "under_review"


def test_deciding_a_referred_case_is_for_the_chair(
    db_session: Session,
    provider: IndexProvider,
    analyst: Principal,
    chair: Principal,
    make_user: Callable[..., User],
) -> None:
    case = _create(db_session, provider, analyst)
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW):
        case = _move(db_session, case, analyst, status)
    case = refer_to_mtec(db_session, case, chair)
    assert case.status == "referred"
    with pytest.raises(PermissionDenied):
        _move(db_session, case, analyst, Status.DECIDED, decision="denied")
    case = decide(
        db_session,
        case,
        "denied",
        proposer=chair,
        countersigner=Principal(username="root", role=Role.ADMIN),
        justification="the group advised denial",
    )
    assert case.decided_by == "chris" and case.countersigned_by == "root"


def test_a_stale_version_is_refused_and_nothing_is_lost(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    case = _create(db_session, provider, analyst)
    read = case.version
    _move(db_session, case, analyst, Status.SUBMITTED, note="first writer")
    with pytest.raises(StaleVersion, match="changed by someone else"):
        services.transition(
            case.id,
            TransitionIn(to=Status.SUBMITTED, version=read),
            session=db_session,
            actor=analyst,
        )
    update = CaseUpdate.model_validate({**case_json(end_use="second writer"), "version": read})
    with pytest.raises(StaleVersion):
        services.update_case(case.id, update, session=db_session, provider=provider, actor=analyst)
    stored = services.get_case(case.id, session=db_session)
    assert stored.status == "submitted" and stored.end_use.startswith("Attitude")


def test_an_edit_bumps_the_version_and_assesses_again(
    db_session: Session, provider: IndexProvider, analyst: Principal
) -> None:
    case = _create(db_session, provider, analyst)
    motor = {
        "description": "Solid propellant rocket motor, total impulse 1.4 x 10^6 N-s",
        "quantity": 1,
        "value_usd": 1,
    }
    update = CaseUpdate.model_validate({**case_json(items=[motor]), "version": 1})
    case = services.update_case(
        case.id, update, session=db_session, provider=provider, actor=analyst
    )
    assert case.version == 2 and case.recommendation == "deny"
    assert case.items[0].category == "I" and "category_i" in case.flag_list


def test_assignment_and_queues(
    db_session: Session,
    provider: IndexProvider,
    analyst: Principal,
    make_user: Callable[..., User],
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("vic", Role.VIEWER)
    first = _create(db_session, provider, analyst, reference="Q-1")
    second = _create(db_session, provider, analyst, reference="Q-2", destination="IR")
    _move(db_session, second, analyst, Status.SUBMITTED)
    services.assign(
        first.id,
        AssignmentIn(assignee="ana", version=first.version),
        session=db_session,
        actor=analyst,
    )
    with pytest.raises(InvalidInput, match="no right to work cases"):
        services.assign(
            second.id,
            AssignmentIn(assignee="vic", version=second.version),
            session=db_session,
            actor=analyst,
        )

    def refs(**wanted: Any) -> list[str]:
        found = queries.list_cases(CaseFilter(**wanted), session=db_session, actor=analyst)
        return [c.reference for c in found]

    assert refs(queue="mine") == ["Q-1"]
    assert refs(queue="unassigned") == ["Q-2"]
    assert refs(queue="deadline") == ["Q-2"]
    assert refs(destination="Iran") == ["Q-2"]
    assert sorted(refs(annex_item="9.A")) == ["Q-1", "Q-2"]  # an item finds what is under it
    assert sorted(refs(annex_item="9.A.4")) == ["Q-1", "Q-2"]
    assert refs(annex_item="9.A.40") == [] and refs(annex_item="9.A.") == []
    assert sorted(refs(category="II")) == ["Q-1", "Q-2"]
    assert refs(party="tsukuba space", status=Status.DRAFT) == ["Q-1"]
    assert refs(flag="not_mtcr_partner") == ["Q-2"]
    facets = queries.facets(CaseFilter(), session=db_session, actor=analyst)
    assert facets.destination == {"JP": 1, "IR": 1} or facets.destination == {"IR": 1, "JP": 1}
    assert facets.category == {"II": 2} and facets.annex_item == {"9.A.4": 2}
    assert facets.status == {"draft": 1, "submitted": 1}


def test_letters_for_a_denial_and_a_return(
    db_session: Session, provider: IndexProvider, analyst: Principal, chair: Principal
) -> None:
    motor = {"description": "Solid propellant rocket motor, total impulse 1.4 x 10^6 N-s"}
    denied = _create(db_session, provider, analyst, reference="L-1", items=[motor])
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW):
        denied = _move(db_session, denied, analyst, status)
    assert not letter.has_letter(denied)
    denied = decide(db_session, denied, "denied", proposer=analyst, countersigner=chair)
    html = letter.letter_html(denied)
    assert "Denied" in html and "2.A.1.c.1" in html and "Grounds" in html
    assert "law_process" not in html  # the fact sheet's row numbers stay internal

    returned = _create(db_session, provider, analyst, reference="L-2")
    returned = _move(db_session, returned, analyst, Status.SUBMITTED)
    returned = _move(
        db_session,
        returned,
        analyst,
        Status.RETURNED_WITHOUT_ACTION,
        note="no end-user statement after 10 days",
    )
    returned = _move(db_session, returned, analyst, Status.CLOSED)
    html = letter.letter_html(returned)  # still written once the case is closed
    assert "Returned without action" in html and "no end-user statement" in html
    name, pdf = letter.letter_pdf("L-2", session=db_session, actor=analyst)
    assert name == "L-2-letter.pdf" and pdf.startswith(b"%PDF-")
