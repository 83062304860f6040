"""The denial register and the no-undercut check, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.models import Case
from nonpro.cases.rules import Decision
from nonpro.cases.schemas import CaseIn
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nonpro.core.rejected_rows import RejectedRows
from nonpro.core.validation import parse_input
from nonpro.denials import services
from nonpro.denials.errors import DenialAlreadyWithdrawn
from nonpro.denials.rules import DenialStatus, MatchKind
from nonpro.denials.schemas import CaseFacts, DenialIn, DenialWithdrawal, ItemFacts, PartyFacts
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json
from tests.denials.conftest import denial_json

VIEWER = Principal(username="vera", role=Role.VIEWER)


def _record(session: Session, actor: Principal, **changes: object) -> None:
    services.record_denial(
        DenialIn.model_validate(denial_json(**changes)), session=session, actor=actor
    )


def test_recording_resolves_states_checks_the_annex_entry_and_is_audited(
    db_session: Session, analyst: Principal
) -> None:
    data = DenialIn.model_validate(denial_json(annex_entry="9.a.4"))
    out = services.record_denial(data, session=db_session, actor=analyst)
    assert (out.notifying_partner, out.notifying_partner_name) == ("DEU", "Germany")
    assert out.end_user_country == "JPN" and out.annex_entry == "9.A.4"
    assert out.annex_version and out.annex_title
    assert out.status is DenialStatus.IN_FORCE and out.withdrawn_on is None
    (entry,) = audit.entries(db_session, target="denials:DEU-2025-014")
    assert entry.action == "denials.record" and entry.actor == "ana"
    assert entry.payload["end_user"] == "Tsukuba Space Instruments K.K."


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"annex_entry": "2.A.9"}, "annex_entry"),
        ({"notifying_partner": "Atlantis"}, "notifying_partner"),
        ({"end_user_country": "Narnia"}, "end_user_country"),
        ({"notified_on": "2025-02-30"}, "notified_on"),
        ({"end_user": ""}, "end_user"),
    ],
)
def test_bad_input_names_its_field_and_stores_nothing(
    db_session: Session, analyst: Principal, changes: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        data = parse_input(DenialIn, denial_json(**changes))
        services.record_denial(data, session=db_session, actor=analyst)
    assert refused.value.field == field
    assert services.list_denials(session=db_session, reader=analyst) == []


def test_a_reference_is_recorded_once_and_only_by_case_managers(
    db_session: Session, analyst: Principal
) -> None:
    _record(db_session, analyst)
    with pytest.raises(Conflict):
        _record(db_session, analyst)
    with pytest.raises(PermissionDenied):
        _record(db_session, VIEWER, reference="DEU-2025-015")
    reviewer = Principal(username="rex", role=Role.AGENCY_REVIEWER, agency_code="DOD")
    with pytest.raises(PermissionDenied):
        services.withdraw_denial(
            "DEU-2025-014",
            DenialWithdrawal(withdrawn_on=date(2026, 1, 5)),
            session=db_session,
            actor=reviewer,
        )
    assert [d.reference for d in services.list_denials(session=db_session, reader=VIEWER)] == [
        "DEU-2025-014"
    ]


def test_withdrawal_keeps_the_day_once_and_not_before_the_notification(
    db_session: Session, analyst: Principal
) -> None:
    _record(db_session, analyst)
    with pytest.raises(InvalidInput) as early:
        services.withdraw_denial(
            "DEU-2025-014",
            DenialWithdrawal(withdrawn_on=date(2025, 1, 1)),
            session=db_session,
            actor=analyst,
        )
    assert early.value.field == "withdrawn_on"
    out = services.withdraw_denial(
        "DEU-2025-014",
        DenialWithdrawal(withdrawn_on=date(2026, 3, 1), note="end user dissolved"),
        session=db_session,
        actor=analyst,
    )
    assert out.status is DenialStatus.WITHDRAWN and out.withdrawn_on == date(2026, 3, 1)
    with pytest.raises(DenialAlreadyWithdrawn):
        services.withdraw_denial(
            "DEU-2025-014",
            DenialWithdrawal(withdrawn_on=date(2026, 4, 1)),
            session=db_session,
            actor=analyst,
        )
    actions = [e.action for e in audit.entries(db_session, target="denials:DEU-2025-014")]
    assert actions == ["denials.withdraw", "denials.record"]  # newest first
    with pytest.raises(NotFound):
        services.show_denial("NOPE-1", session=db_session, reader=VIEWER)


def test_list_filters(db_session: Session, analyst: Principal) -> None:
    _record(db_session, analyst)
    _record(
        db_session,
        analyst,
        reference="USA-2026-003",
        notifying_partner="USA",
        notified_on="2026-02-01",
        annex_entry="2.A.1.c",
        item_description="Solid propellant rocket motor",
        end_user="Shahid Hemmat Industrial Group",
        end_user_country="Iran",
    )
    listed = services.list_denials(session=db_session, reader=VIEWER)
    assert [d.reference for d in listed] == ["USA-2026-003", "DEU-2025-014"]  # newest first

    def refs(**filters: str) -> list[str]:
        found = services.list_denials(session=db_session, reader=VIEWER, **filters)
        return [d.reference for d in found]

    assert refs(partner="United States") == ["USA-2026-003"]
    assert refs(country="JPN") == ["DEU-2025-014"]
    assert refs(annex_entry="2.A.1") == ["USA-2026-003"]  # the entries under 2.A.1 too
    assert refs(text="hemmat") == ["USA-2026-003"]
    assert refs(status="withdrawn") == []
    with pytest.raises(InvalidInput) as bad:
        refs(status="lapsed")
    assert bad.value.field == "status"


def test_a_case_for_the_same_item_and_end_user_is_flagged_with_the_reasons(
    db_session: Session, analyst: Principal, gyro_case: Case
) -> None:
    assert services.matching_denials(gyro_case.id, session=db_session) == []
    _record(db_session, analyst)
    (match,) = services.matching_denials("T-1", session=db_session, reader=VIEWER)
    assert match.denial.reference == "DEU-2025-014"
    kinds = [r.kind for r in match.reasons]
    assert kinds == [MatchKind.ANNEX_ENTRY, MatchKind.END_USER, MatchKind.COUNTRY]
    assert "same Annex entry 9.A.4" in match.reasons[0].text and match.reasons[0].case_item == 1
    assert match.reasons[1].score is not None and match.reasons[1].score >= 0.85
    assert match.consult.startswith("Consult Germany (DEU) before approval")
    check = services.check_case("T-1", session=db_session, reader=VIEWER)
    assert check.consult_before_approval and "Germany" in check.summary


def test_no_flag_for_another_item_a_withdrawn_denial_or_another_end_user_and_country(
    db_session: Session, analyst: Principal, gyro_case: Case
) -> None:
    _record(
        db_session,
        analyst,
        reference="OTHER-ITEM",
        annex_entry="2.A.1.c",
        item_description="Solid propellant rocket motor, total impulse 1.2 MN s",
    )
    _record(
        db_session,
        analyst,
        reference="OTHER-PLACE",
        end_user="Rheinland Sensorik GmbH",
        end_user_country="DE",
    )
    _record(db_session, analyst, reference="WITHDRAWN")
    services.withdraw_denial(
        "WITHDRAWN",
        DenialWithdrawal(withdrawn_on=date(2026, 1, 1)),
        session=db_session,
        actor=analyst,
    )
    assert services.matching_denials(gyro_case.id, session=db_session) == []
    assert not services.check_case("T-1", session=db_session, reader=VIEWER).consult_before_approval


def test_a_catch_all_denial_matches_by_description_and_country(
    db_session: Session, analyst: Principal, gyro_case: Case
) -> None:
    _record(
        db_session,
        analyst,
        reference="FRA-CA-7",
        notifying_partner="FRA",
        annex_entry=None,
        item_description="Fibre optic gyro, drift rate stability 0.05 deg/h (1 sigma)",
        end_user="Some Other Trading Co",
    )
    (match,) = services.matching_denials(gyro_case.id, session=db_session)
    assert [r.kind for r in match.reasons] == [MatchKind.DESCRIPTION, MatchKind.COUNTRY]
    assert match.reasons[0].score is not None and match.reasons[0].score >= 85


def test_the_check_answers_from_facts_without_a_stored_case(
    db_session: Session, analyst: Principal
) -> None:
    _record(db_session, analyst)
    facts = CaseFacts(
        reference="draft",
        destination="Japan",
        items=[ItemFacts(number=1, description="gyro", annex_entries=[("9.A.4.a", "classified")])],
        parties=[PartyFacts(role="end_user", name="TSUKUBA SPACE INSTRUMENTS KK", country="JP")],
    )
    (match,) = services.match_facts(facts, session=db_session)
    assert "under the denied entry 9.A.4" in match.reasons[0].text


def test_a_case_the_reader_may_not_see_is_not_found(
    db_session: Session, analyst: Principal, gyro_case: Case
) -> None:
    reviewer = Principal(username="rex", role=Role.AGENCY_REVIEWER, agency_code="DOD")
    with pytest.raises(NotFound):
        services.matching_denials("T-1", session=db_session, reader=reviewer)


CSV = """# A partner's circulated list
reference,notifying_partner,notified_on,item_description,annex_entry,end_user,end_user_country,source
GBR-1,GBR,2025-03-01,Rate table,9.B.2,Acme Aero,Pakistan,circular 1
GBR-2,GBR,2025-02-30,Rate table,9.B.2,Acme Aero,Pakistan,circular 1
GBR-3,GBR,2025-03-01,Rate table,99.Z,Acme Aero,Pakistan,circular 1
GBR-1,GBR,2025-03-01,Rate table,9.B.2,Acme Aero,Pakistan,circular 1
GBR-4,Oz,2025-03-01,Rate table,,Acme Aero,Pakistan,circular 1
GBR-5,GBR,2025-03-02,Accelerometer,,Acme Aero,PK,
"""


def test_import_stores_good_rows_and_names_bad_ones_by_line_and_column(
    db_session: Session, analyst: Principal
) -> None:
    found = services.import_csv(CSV, origin="gbr.csv", session=db_session, actor=analyst)
    assert found.added == ["GBR-1", "GBR-5"]
    assert [(r.where, r.column) for r in found.rejected] == [
        ("line 4", "notified_on"),
        ("line 5", "annex_entry"),
        ("line 6", "reference"),
        ("line 7", "notifying_partner"),
    ]
    with pytest.raises(RejectedRows) as nothing:
        services.import_csv(
            "\n".join(CSV.splitlines()[1:3]) + "\n",
            origin="again.csv",
            session=db_session,
            actor=analyst,
        )
    assert nothing.value.rows[0].problem == "'GBR-1' is already recorded"
    (entry,) = audit.entries(db_session, target="denials:gbr.csv")
    assert entry.action == "denials.import" and len(entry.payload["refused"]) == 4


def test_an_applicants_annex_control_number_counts_and_an_eccn_does_not(
    db_session: Session, analyst: Principal
) -> None:
    item = {"description": "Spare parts kit", "control_numbers": ["9A012", "2.a.1.C"]}
    data = CaseIn.model_validate(case_json("T-CN", destination="IR", items=[item]))
    cases.create_case(data, session=db_session, provider=IndexProvider(), actor=analyst)
    _record(
        db_session,
        analyst,
        reference="USA-2026-003",
        notifying_partner="USA",
        annex_entry="2.A.1",
        item_description="Solid propellant rocket motor",
        end_user="Shahid Hemmat Industrial Group",
        end_user_country="Iran",
    )
    (match,) = services.matching_denials("T-CN", session=db_session)
    assert match.reasons[0].text == (
        "item 1 (the applicant's control number): Annex 2.A.1.c, under the denied entry 2.A.1"
    )
    assert match.reasons[-1].text == "the destination is the denied end user's country, IRN"
    assert match.consult.startswith("Consult United States (USA) before approval")


def test_a_denial_in_force_is_a_hard_stop_on_approval_until_an_exception_records_the_consultation(
    db_session: Session, analyst: Principal, gyro_case: Case
) -> None:
    from nonpro.cases import gates
    from nonpro.cases.schemas import GateExceptionIn

    assert not [
        r for r in gates.hard_stops(gyro_case, session=db_session) if r.kind == "no_undercut"
    ]
    _record(db_session, analyst)
    (stop,) = [
        r for r in gates.hard_stops(gyro_case, session=db_session) if r.kind == "no_undercut"
    ]
    assert stop.hard_stop and stop.key == "denial:DEU-2025-014" and stop.excepted_by is None
    assert stop.text.startswith("Consult Germany (DEU) before approval")
    approving = gates.blockers(gyro_case, Decision.APPROVED, "", session=db_session)
    assert "no_undercut" in {r.kind for r in approving}
    denying = gates.blockers(gyro_case, Decision.DENIED, "", session=db_session)
    assert "no_undercut" not in {r.kind for r in denying}  # denying undercuts nobody
    basis = "Consulted Germany (DEU) on 2026-12-01: no objection to this end user (test)"
    case = cases.record_exception(
        gyro_case.id,
        GateExceptionIn(version=gyro_case.version, legal_basis=basis),
        session=db_session,
        actor=Principal(username="root", role=Role.ADMIN),
    )
    (covered,) = [r for r in gates.hard_stops(case, session=db_session) if r.kind == "no_undercut"]
    assert covered.excepted_by is not None and basis in covered.excepted_by
