"""Each role's work queue, read from real rows on both databases: what is in it, why, in
which order, and what a representative may never see."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.rules import Status
from nonpro.cases.schemas import AssignmentIn, CaseIn, TransitionIn
from nonpro.interagency import services as interagency
from nonpro.interagency.models import Referral
from nonpro.interagency.referrals import schedule_of
from nonpro.interagency.rules import AdviceKind
from nonpro.interagency.schemas import AdviceIn, MeetingIn, ReferralRequestIn
from nonpro.multilateral import instructions
from nonpro.multilateral import services as multilateral
from nonpro.multilateral.rules import Action
from nonpro.multilateral.schemas import ClearingOfficerIn, InstructionIn, StepIn
from nonpro.screening.alerts import OpenAlert
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider
from nonpro.worklist.casework import hit_items
from nonpro.worklist.rules import SortKey
from nonpro.worklist.schemas import Worklist, WorkSection
from nonpro.worklist.services import worklist
from tests.cases.conftest import case_json
from tests.interagency.conftest import case_under_review, rep

MakeUser = Callable[..., User]
ANA = Principal(username="ana", role=Role.ANALYST)
ON = date(2026, 11, 20)


def part(found: Worklist, key: str) -> WorkSection:
    (match,) = [s for s in found.sections if s.key == key]
    return match


def titles(found: Worklist, key: str) -> list[str]:
    """The case references (or titles up to a colon) of one section, in the order given."""
    return [i.title.split(":")[0] for i in part(found, key).items]


def keys(found: Worklist) -> list[str]:
    return [s.key for s in found.sections]


def _due(session: Session, reference: str, due: date) -> None:
    case = cases.get_case(reference, session=session)
    case.due_date = due
    session.flush()


def test_the_analyst_sees_her_cases_new_ones_and_the_week_late_first(
    db_session: Session, make_user: MakeUser
) -> None:
    make_user("ana", Role.ANALYST)
    for reference in ("W-MINE", "W-LATE", "W-LATER"):
        case_under_review(db_session, ANA, reference)
    data = CaseIn.model_validate(case_json("W-NEW"))
    new = cases.create_case(data, session=db_session, provider=IndexProvider(), actor=ANA)
    submit = TransitionIn(to=Status.SUBMITTED, version=new.version)
    cases.transition(new.id, submit, session=db_session, actor=ANA)
    mine = cases.get_case("W-MINE", session=db_session)
    assignment = AssignmentIn(assignee="ana", version=mine.version)
    cases.assign(mine.id, assignment, session=db_session, actor=ANA)
    _due(db_session, "W-MINE", ON + timedelta(days=3))
    _due(db_session, "W-LATE", ON - timedelta(days=2))
    _due(db_session, "W-LATER", ON + timedelta(days=30))  # beyond the week

    found = worklist(session=db_session, actor=ANA, on=ON)

    assert keys(found) == ["assigned", "new_cases", "deadlines", "new_hits", "expiring"]
    assert titles(found, "assigned") == ["W-MINE"]
    assert titles(found, "new_cases") == ["W-NEW"]
    assert titles(found, "deadlines") == ["W-LATE", "W-MINE"]  # late first
    late, soon = part(found, "deadlines").items
    assert late.late and "late: was due 2026-11-18 (2 days ago)" in late.reason
    assert not soon.late and soon.link == f"/cases/{mine.id}" and soon.due_on == date(2026, 11, 23)
    assert part(found, "deadlines").late == 1 and part(found, "deadlines").count == 2
    reversed_order = worklist(session=db_session, actor=ANA, on=ON, sort=SortKey.DUE_DESC)
    assert titles(reversed_order, "deadlines") == ["W-MINE", "W-LATE"]
    by_title = worklist(session=db_session, actor=ANA, on=ON, sort=SortKey.TITLE_DESC)
    assert titles(by_title, "deadlines") == ["W-MINE", "W-LATE"]


def test_a_new_hit_is_one_item_per_case_and_party_and_goes_once_decided(
    db_session: Session, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("ana", Role.ANALYST)
    provider = IndexProvider()
    parties = [
        {"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"},
        {"role": "end_user", "name": "Mohammad Reza Naqdi"},
    ]
    data = CaseIn.model_validate(case_json("W-HIT", parties=parties))
    case = cases.create_case(data, session=db_session, provider=provider, actor=ANA)

    (item,) = part(worklist(session=db_session, actor=ANA, on=ON), "new_hits").items
    assert item.title == "W-HIT: Mohammad Reza Naqdi"
    assert item.link == f"/cases/{case.id}#parties-heading"
    assert "new hit on" in item.reason and "UN list of 2026-" in item.reason
    assert "since the list update" in item.reason

    entries = [f.entry_id for f in case_findings(db_session, "W-HIT") if f.entry_id]
    for entry_id in entries:
        cases.dispose_hit(
            case.id, party=1, entry_id=entry_id, decision="false_positive",
            note="different person", session=db_session, provider=provider, actor=ANA,
        )  # fmt: skip
    assert part(worklist(session=db_session, actor=ANA, on=ON), "new_hits").items == []


def case_findings(session: Session, reference: str):  # type: ignore[no-untyped-def]
    out = cases.case_out(cases.get_case(reference, session=session))
    assert out.assessment is not None
    return out.assessment.findings


def _alert(entry_id: str, listed: str, origin: str = "case:W-1") -> OpenAlert:
    return OpenAlert(
        party="Ali Example",
        origin=origin,
        entry_id=entry_id,
        listed_name=listed,
        list_source=entry_id.split(":")[0],
        list_date=date(2026, 2, 1),
        score=0.95,
        first_seen_at=datetime(2026, 11, 1, tzinfo=UTC),
    )


def test_entries_of_several_lists_naming_one_entity_are_one_alert() -> None:
    import uuid

    case_id = uuid.uuid4()
    alerts = [
        _alert("un:QDi.1", "ALI  EXAMPLE"),
        _alert("ofac:123", "Ali Example"),
        _alert("eu:9", "Other Person"),
        _alert("un:QDi.2", "Ali Example", origin="case:W-HIDDEN"),
        _alert("un:QDi.3", "Ali Example", origin="manual:sofia"),
    ]
    everyone = hit_items(alerts, {"W-1": case_id, "W-HIDDEN": uuid.uuid4()}, restricted=False)
    assert len(everyone) == 4
    merged = everyone[0]
    assert "UN list of 2026-02-01, OFAC list of 2026-02-01" in merged.reason
    representative = hit_items(alerts, {"W-1": case_id}, restricted=True)
    assert [i.case_reference for i in representative] == ["W-1", "W-1"]


def test_the_representative_sees_only_her_agencys_referrals_until_she_advises(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    referral = referred("W-REF")
    case_under_review(db_session, ANA, "W-NOT-REFERRED")
    dora, olga = rep("DEFENSE_DTSA"), rep("TREASURY_OFAC")

    found = worklist(session=db_session, actor=dora, on=ON)
    assert keys(found) == ["new_hits", "referrals_due"]
    (item,) = part(found, "referrals_due").items
    assert (
        item.title == "W-REF before MTEC" and item.link == f"/interagency/referrals/{referral.id}"
    )
    assert item.reason.startswith("Department of Defense, Defense Technology Security")
    assert item.due_on is not None and not item.late
    late = worklist(session=db_session, actor=dora, on=item.due_on + timedelta(days=1))
    assert part(late, "referrals_due").items[0].late
    assert "late: was due" in part(late, "referrals_due").items[0].reason
    assert "W-NOT-REFERRED" not in found.model_dump_json()
    assert part(worklist(session=db_session, actor=olga, on=ON), "referrals_due").items == []

    approve = AdviceIn(kind=AdviceKind.APPROVE)
    interagency.advise("W-REF", approve, session=db_session, actor=dora)
    assert part(worklist(session=db_session, actor=dora, on=ON), "referrals_due").items == []


def test_the_chair_sees_the_agenda_requests_and_late_advice(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal, make_user: MakeUser
) -> None:
    referral = referred("W-AGENDA")
    make_user("ana", Role.ANALYST)
    case_under_review(db_session, ANA, "W-ASKED")
    interagency.request_referral(
        ReferralRequestIn(case="W-ASKED", group="MTEC", note="space launch end user"),
        session=db_session,
        actor=ANA,
    )
    held_on = ON + timedelta(days=5)
    meeting = MeetingIn(group="MTEC", held_on=held_on, title="Monthly", cases=["W-AGENDA"])
    made = interagency.create_meeting(meeting, session=db_session, actor=chair)
    due = schedule_of(referral, ON).due("agency_recommendation")

    found = worklist(session=db_session, actor=chair, on=due + timedelta(days=1))
    # A chair works the groups: not the analyst's case lists.
    assert keys(found) == ["agenda", "requests", "late_advice", "expiring"]
    (request,) = part(found, "requests").items
    assert request.title == "W-ASKED: referral to MTEC requested"
    assert "space launch end user" in request.reason
    (late,) = part(found, "late_advice").items
    assert late.late and "not yet heard from Department of Commerce" in late.reason

    early = worklist(session=db_session, actor=chair, on=ON)
    (agenda_item,) = part(early, "agenda").items
    assert agenda_item.link == f"/interagency/meetings/{made.id}"
    assert agenda_item.reason == "on the agenda: W-AGENDA; 1 without the chair's recommendation"
    assert part(early, "late_advice").items == []


def test_the_multilateral_officer_sees_meetings_clearances_and_instructions_due(
    db_session: Session, make_user: MakeUser, operator: Principal
) -> None:
    from tests.multilateral.conftest import APPROVER, CLEARER, OFFICER, TODAY

    multilateral.load_reference(session=db_session, actor=operator, today=TODAY)
    for principal in (OFFICER, CLEARER, APPROVER):
        make_user(principal.username, Role.MULTILATERAL_OFFICER)
    appointment = ClearingOfficerIn(office="L/NPV", username=CLEARER.username)
    multilateral.appoint_clearing_officer(appointment, session=db_session, actor=APPROVER)
    (june,) = multilateral.list_meetings(
        session=db_session, start=date(2027, 6, 1), end=date(2027, 6, 30), body="IAEA-BOG"
    )
    drafted = instructions.draft(
        june.id,
        InstructionIn(
            title="Item 4", mission="USMISSION UNVIE", text="Support.", offices=["L/NPV"]
        ),
        session=db_session,
        actor=OFFICER,
    )
    step = StepIn(action=Action.SUBMIT)
    instructions.act(drafted.id, step, session=db_session, actor=OFFICER)
    before = june.start_date - timedelta(days=10)

    lawyer = worklist(session=db_session, actor=CLEARER, on=before)
    assert keys(lawyer) == ["meetings", "clearances", "instructions_due"]
    assert june.title in [i.title.split(": ", 1)[1] for i in part(lawyer, "meetings").items]
    (clearance,) = part(lawyer, "clearances").items
    assert clearance.link == f"/multilateral/instructions/{drafted.id}"
    assert clearance.reason.startswith("waiting for L/NPV's clearance")
    assert part(worklist(session=db_session, actor=OFFICER, on=before), "clearances").items == []
    (due,) = part(lawyer, "instructions_due").items
    assert due.due_on == june.start_date and not due.late
    assert "in clearance, not sent" in due.reason
    opened = worklist(session=db_session, actor=OFFICER, on=june.start_date + timedelta(days=1))
    assert part(opened, "instructions_due").items[0].late


def test_the_queue_is_read_in_a_few_queries_however_many_rows(
    db_session: Session, referred: Callable[[str], Referral]
) -> None:
    """No query per row: ten referrals cost the representative's queue what one does."""

    def queries(actor: Principal) -> int:
        count = [0]

        def seen(*_: object) -> None:
            count[0] += 1

        engine = db_session.get_bind()
        event.listen(engine, "before_cursor_execute", seen)
        try:
            db_session.expunge_all()
            worklist(session=db_session, actor=actor, on=ON)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        return count[0]

    dora = rep("DEFENSE_DTSA")
    referred("W-Q-0")
    one = queries(dora)
    for n in range(1, 10):
        referred(f"W-Q-{n}")
    assert queries(dora) == one
