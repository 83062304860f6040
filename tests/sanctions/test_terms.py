"""The register enforces the statutes' terms: a measure, term or import ban the cited paragraph
does not allow is refused with the statute's words; a duplicate determination is flagged."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import principal_of
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.sanctions import services
from nonpro.sanctions.schemas import DeterminationIn, EventIn
from nonpro.sanctions.statutes import load_statutes
from nonpro.sanctions.terms import check_statute_terms

CAT_II = ["contracts_missile", "licenses_missile"]
CAT_I = ["contracts_all", "licenses_usml_all"]
MADE = today() - timedelta(days=2)


def determination(**changes: Any) -> DeterminationIn:
    data: dict[str, Any] = {
        "entities": [{"name": "Beta Aerospace Trading Company", "aliases": ["Beta Aero"]}],
        "authorities": [{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(A)"]}],
        "measures": CAT_II,
        "activity": "transfer of Category II ramjet engines to a missile program",
        "determination_date": MADE,
        "term": {"years": 2},
    }
    data.update(changes)
    return DeterminationIn.model_validate(data)


def refused(**changes: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as error:
        check_statute_terms(determination(**changes), load_statutes())
    return error.value


def test_category_ii_term_is_exactly_two_years_in_the_statutes_words() -> None:
    check_statute_terms(determination(), load_statutes())
    error = refused(term={"years": 3})
    assert error.field == "term"
    assert "a term of 3 years 0 months is not what the statute sets" in error.problem
    assert "22 U.S.C. 2797b(a)(2)(A)(i) (AECA 73 §73(a)(2)(A)(i)): for a period of 2 years" in (
        error.problem
    )
    assert refused(term={"years": 1, "months": 6}).field == "term"
    assert refused(term={"years": 0}).field == "term"  # open-ended is not "2 years"
    minimum = refused(term={"years": 2, "minimum": True})
    assert minimum.field == "term.minimum" and "not a minimum" in minimum.problem


def test_category_i_term_is_not_less_than_two_years() -> None:
    cat_i = {"authorities": [{"authority": "AECA 73"}], "measures": CAT_I}
    for term in ({"years": 2, "minimum": True}, {"years": 3, "months": 8}, {"years": 0}):
        check_statute_terms(determination(**cat_i, term=term), load_statutes())
    error = refused(**cat_i, term={"years": 1, "months": 11})
    assert error.field == "term"
    assert "for a period of not less than 2 years" in error.problem


def test_import_ban_needs_the_substantial_contribution_finding() -> None:
    cited = [{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(A)", "§73(a)(2)(C)"]}]
    error = refused(authorities=cited, measures=[*CAT_II, "import_ban"])
    assert error.field == "substantial_contribution"
    assert "22 U.S.C. 2797b(a)(2)(C)" in error.problem
    assert "has substantially contributed to the design, development, or production" in (
        error.problem
    )
    # With the finding, a Category II determination may carry the ban (law_process 1.3.5).
    check_statute_terms(
        determination(
            authorities=cited, measures=[*CAT_II, "import_ban"], substantial_contribution=True
        ),
        load_statutes(),
    )
    alone = refused(
        authorities=[{"authority": "AECA 73"}],
        measures=["import_ban"],
        substantial_contribution=True,
        term={"years": 2, "minimum": True},
    )
    assert alone.field == "measures.0" and "in addition to" in alone.problem


def test_a_measure_outside_the_cited_paragraph_is_refused() -> None:
    error = refused(measures=["contracts_all"])
    assert error.field == "measures.0"
    assert "contracts_all is not a measure of AECA 73 §73(a)(2)(A)" in error.problem
    error = refused(measures=[*CAT_II, "import_ban"], substantial_contribution=True)
    assert error.field == "measures.2"  # §73(a)(2)(C) is not cited
    us = refused(authorities=[{"authority": "AECA 72"}], measures=["import_ban"])
    assert us.field == "measures.0" and "not a measure of AECA 72" in us.problem


def test_cited_paragraphs_must_exist_the_trigger_included() -> None:
    error = refused(authorities=[{"authority": "AECA 73", "paragraphs": ["§73(a)(2)(D)"]}])
    assert error.field == "authorities.0.paragraphs.0"
    assert "§73(a)(2)(D) is not a paragraph of AECA 73 (22 U.S.C. 2797b)" in error.problem
    for ground in ("§73(a)(1)", "22 U.S.C. 2797b(a)(2)(A)", "§73"):
        cited = [{"authority": "AECA 73", "paragraphs": [ground, "§73(a)(2)(A)"]}]
        check_statute_terms(determination(authorities=cited), load_statutes())


def test_practice_terms_of_the_discretionary_authorities_are_not_enforced() -> None:
    for code, measures in (("EO 12938", ["import_ban"]), ("INKSNA", ["procurement_ban"])):
        check_statute_terms(
            determination(authorities=[{"authority": code}], measures=measures, term={"years": 3}),
            load_statutes(),
        )


# --- on both databases: the service refuses, and flags duplicates ----------------------------


@pytest.fixture
def officer(make_user: Any) -> Principal:
    user: User = make_user("sanctions-officer", Role.SANCTIONS_OFFICER)
    return principal_of(user)


def test_the_service_refuses_a_term_the_statute_does_not_allow(
    db_session: Session, officer: Principal
) -> None:
    with pytest.raises(InvalidInput) as error:
        services.add_determination(
            determination(term={"years": 3}), session=db_session, actor=officer
        )
    assert error.value.field == "term"
    assert services.list_determinations(session=db_session) == []


def test_a_duplicate_is_flagged_until_acknowledged(db_session: Session, officer: Principal) -> None:
    first = services.add_determination(determination(), session=db_session, actor=officer)
    again = determination(
        entities=[{"name": "BETA AERO"}],  # an alias of the first, spelt otherwise
        determination_date=MADE + timedelta(days=30),
    )
    with pytest.raises(InvalidInput) as error:
        services.add_determination(again, session=db_session, actor=officer)
    assert error.value.field == "acknowledge_duplicate"
    assert first.determination.id in error.value.problem
    assert "AECA 73 §73(a)(2)(A)(i)" in error.value.problem
    assert len(services.list_determinations(session=db_session)) == 1
    acknowledged = again.model_copy(update={"acknowledge_duplicate": True})
    services.add_determination(acknowledged, session=db_session, actor=officer)
    assert len(services.list_determinations(session=db_session)) == 2
    (entry,) = [
        e
        for e in audit.entries(db_session, action="sanctions.determination.add")
        if e.payload.get("acknowledge_duplicate")
    ]
    assert first.determination.id in entry.payload["duplicates"][0]


def test_no_duplicate_after_the_first_ended_or_under_another_paragraph(
    db_session: Session, officer: Principal
) -> None:
    first = services.add_determination(
        determination(determination_date=date(2020, 1, 6)), session=db_session, actor=officer
    )
    services.add_determination(determination(), session=db_session, actor=officer)  # expired
    other = determination(
        authorities=[{"authority": "EO 12938"}],
        measures=["procurement_ban"],
        determination_date=MADE + timedelta(days=1),
    )
    services.add_determination(other, session=db_session, actor=officer)
    services.terminate(
        services.list_determinations(session=db_session)[1].id,
        EventIn(effective_date=MADE + timedelta(days=3)),
        session=db_session,
        actor=officer,
    )
    later = determination(determination_date=MADE + timedelta(days=5))
    services.add_determination(later, session=db_session, actor=officer)
    assert first.determination.expires_on == date(2022, 1, 6)
    assert len(services.list_determinations(session=db_session)) == 4
