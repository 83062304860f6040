"""Precedents on both backends: the decided cases most like a case, ranked by what they share
and saying so; the search of decided cases; a representative sees only cases they may see."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import access, services
from nonpro.cases.models import Case
from nonpro.cases.schemas import PrecedentSearch
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.core.validation import parse_input
from tests.cases.conftest import (
    GYRO,
    decided,
    end_user_parties,
    precedent_history,
    under_review,
)

SHIG = "Shahid Hemmat Industrial Group"


@pytest.fixture
def history(db_session: Session, analyst: Principal, chair: Principal) -> Case:
    return precedent_history(db_session, analyst, chair)


def test_precedents_are_decided_cases_ranked_by_what_they_share(
    db_session: Session, history: Case, analyst: Principal
) -> None:
    found = services.similar_cases("SUBJ", session=db_session, actor=analyst)
    assert [p.reference for p in found.precedents] == ["P-SAME", "P-ENTRY", "P-RELATED", "P-DEST"]
    assert found.total == 4 and found.case == "SUBJ" and found.notes == []
    best = found.precedents[0]
    assert [s.text for s in best.shared] == [
        "same Annex entry 2.A.1.c.1",
        f"same end user {SHIG}",
        "same destination Iran (IR)",
        "same case type (dual use referral)",
    ]
    assert best.score == 8 + 6 + 3 + 1
    related = found.precedents[2]
    assert [s.kind for s in related.shared] == ["annex_item", "destination", "case_type"]
    assert related.shared[0].text == "related Annex entry (under Annex item 2.A.1)"
    assert related.annex_entries == ["2.A.1.c.2"] and related.score == 4 + 3 + 1
    assert [p.score for p in found.precedents] == [18, 9, 8, 4]


def test_each_precedent_carries_its_decision_and_grounds(
    db_session: Session, history: Case, analyst: Principal, chair: Principal
) -> None:
    found = services.similar_cases("SUBJ", session=db_session, actor=analyst)
    best = found.precedents[0]
    assert (best.decision, best.decided_by, best.countersigned_by) == ("denied", "ana", "chris")
    assert best.decided_at is not None and best.decided_at.date() == today()
    assert best.recommendation == "deny" and best.followed_recommendation is True
    assert best.grounds == ["Followed the recommendation: deny."]
    assert best.end_users == [SHIG.upper()] and best.annex_entries == ["2.A.1.c.1"]
    dest = next(p for p in found.precedents if p.reference == "P-DEST")
    assert dest.grounds == [
        "Justification: the gyro would serve the missile programme",
        "Followed the recommendation: deny.",
        "Note: notified to the partners",
    ]
    searched = services.search_precedents(
        PrecedentSearch(outcome="approved"), session=db_session, actor=analyst
    )
    departed = searched.precedents[0]
    assert departed.reference == "P-TYPE-ONLY" and departed.shared == []
    assert departed.followed_recommendation is False
    assert departed.grounds == [
        "Justification: x",
        f"Departed from the recommendation: {departed.recommendation}.",
    ]


def test_a_case_without_an_annex_item_or_end_user_says_what_is_not_compared(
    db_session: Session, history: Case, analyst: Principal
) -> None:
    parties = [{"role": "applicant", "name": "Keystone Inertial Systems", "country": "US"}]
    accel = {"description": "Accelerometer, bias stability 50 micro-g"}
    under_review(db_session, analyst, "BARE", destination="IR", parties=parties, items=[accel])
    found = services.similar_cases("BARE", session=db_session, actor=analyst)
    assert len(found.notes) == 2 and "not compared" in found.notes[0]
    # Only the destination is left to compare: every decided case to Iran, by date.
    assert {p.reference for p in found.precedents} == {"P-SAME", "P-RELATED", "P-DEST"}
    assert all([s.kind for s in p.shared] == ["destination", "case_type"] for p in found.precedents)


def test_precedents_are_one_query(db_session: Session, history: Case, analyst: Principal) -> None:
    subject = services.get_case("SUBJ", session=db_session)
    _ = (subject.items, subject.parties)  # the case page has them loaded already
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = db_session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        found = services.similar_cases(subject.id, session=db_session, actor=analyst)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(found.precedents) == 4
    # The case at hand is in the session; its precedents, their entries and end users, and
    # how many there are in all come in one statement.
    assert len(statements) == 1 and "case_items" in statements[0]


def test_a_representative_sees_only_precedents_among_cases_they_may_see(
    db_session: Session, history: Case, analyst: Principal
) -> None:
    defense = Principal(username="dtsa-rep", role=Role.AGENCY_REVIEWER, agency_code="DEFENSE_DTSA")
    with pytest.raises(NotFound, match=r"^case SUBJ not found$"):
        services.similar_cases("SUBJ", session=db_session, actor=defense)
    for reference in ("SUBJ", "P-RELATED"):
        case = services.get_case(reference, session=db_session)
        access.grant_agencies(case, ["DEFENSE_DTSA"], session=db_session, actor=analyst)
    found = services.similar_cases("SUBJ", session=db_session, actor=defense)
    assert [p.reference for p in found.precedents] == ["P-RELATED"] and found.total == 1
    searched = services.search_precedents(PrecedentSearch(), session=db_session, actor=defense)
    assert [p.reference for p in searched.precedents] == ["P-RELATED"]


def _search(session: Session, actor: Principal, **wanted: Any) -> list[str]:
    data = parse_input(PrecedentSearch, wanted)
    return [
        p.reference
        for p in services.search_precedents(data, session=session, actor=actor).precedents
    ]


def test_search_by_entry_end_user_country_outcome_and_date(
    db_session: Session, history: Case, analyst: Principal
) -> None:
    everything = _search(db_session, analyst)
    assert set(everything) == {"P-SAME", "P-ENTRY", "P-RELATED", "P-DEST", "P-TYPE-ONLY"}
    assert sorted(_search(db_session, analyst, annex_item="2.a.1")) == [
        "P-ENTRY",
        "P-RELATED",
        "P-SAME",
    ]
    assert sorted(_search(db_session, analyst, annex_item="2.A.1.c.1")) == ["P-ENTRY", "P-SAME"]
    assert _search(db_session, analyst, end_user="hemmat") == ["P-SAME"]
    assert sorted(_search(db_session, analyst, destination="Iran", annex_item="2.A.1")) == [
        "P-RELATED",
        "P-SAME",
    ]
    assert _search(db_session, analyst, outcome="approved") == ["P-TYPE-ONLY"]
    assert len(_search(db_session, analyst, decided_from=today(), decided_to=today())) == 5
    assert _search(db_session, analyst, decided_to=today() - timedelta(days=1)) == []
    found = services.search_precedents(
        PrecedentSearch(end_user="hemmat", outcome="denied"), session=db_session, actor=analyst
    )
    assert found.criteria == ["an end user whose name contains 'hemmat'", "outcome denied"]
    assert found.total == 1


@pytest.mark.parametrize(
    ("wanted", "field", "problem"),
    [
        ({"annex_item": "9A004"}, "annex_item", "is not an Annex entry"),
        ({"decided_from": "2026-03-02", "decided_to": "2026-03-01"}, "decided_to", "not be before"),
        ({"outcome": "maybe"}, "outcome", "Input should be"),
    ],
)
def test_a_bad_search_names_the_field(wanted: dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_input(PrecedentSearch, wanted)
    assert refused.value.field == field and problem in refused.value.problem


def test_an_unknown_destination_is_refused_by_name(db_session: Session, analyst: Principal) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.search_precedents(
            PrecedentSearch(destination="Atlantis"), session=db_session, actor=analyst
        )
    assert refused.value.field == "destination"


def test_a_limit_out_of_range_is_refused_by_name(
    db_session: Session, history: Case, analyst: Principal
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.similar_cases("SUBJ", session=db_session, actor=analyst, limit=0)
    assert refused.value.field == "limit"
    assert (
        len(services.similar_cases("SUBJ", session=db_session, actor=analyst, limit=2).precedents)
        == 2
    )


def test_an_end_user_written_in_capitals_with_accents_is_the_same_end_user(
    db_session: Session, analyst: Principal, chair: Principal
) -> None:
    """Both sides are lowered by the database (SQLite folds ASCII letters only), so the same
    name is found whatever its letters; a ``%`` typed in a search is a percent sign."""
    agency = "AGÊNCIA ESPACIAL BRASILEIRA"
    decided(db_session, analyst, chair, "BR-1", destination="DE",
            parties=end_user_parties(agency, "BR"), items=[GYRO])  # fmt: skip
    under_review(db_session, analyst, "BR-2", destination="CL",
                 parties=end_user_parties(agency, "BR"), items=[GYRO])  # fmt: skip
    found = services.similar_cases("BR-2", session=db_session, actor=analyst)
    assert [s.text for s in found.precedents[0].shared][:2] == [
        "same Annex entry 9.A.4",
        f"same end user {agency}",
    ]
    assert _search(db_session, analyst, end_user="ÊNCIA espacial") == ["BR-1"]
    assert _search(db_session, analyst, end_user="%") == []
