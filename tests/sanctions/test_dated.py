"""Sanctions decided on the activity's date: MTCR adherence asked of the treaties capability
(yes, no or unknown), the terrorism designation and the statutes' start dates as of that day.

``QUESTIONS`` is the table of dated questions in docs/sanctions.md: each row is asked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.controls import load_annex
from nonpro.sanctions.schemas import AuthorityResult, Evaluation
from nonpro.sanctions.services import evaluate, parse_facts
from nonpro.treaties import services as treaties

TODAY = date(2026, 12, 7)
DOCS = Path(__file__).parents[2] / "docs" / "sanctions.md"


def facts(country: str, day: str | None, *, item: str = "3.A.2", **destination: Any) -> Any:
    activity: dict[str, Any] = {"kind": "transfer", "knowing": True}
    if day is not None:
        activity["date"] = day
    return parse_facts(
        {
            "person": {"name": "Beta Aerospace Trading", "nationality": "Malaysia"}
            | {"us_person": False},
            "activity": activity,
            "item": {"annex_item": item},
            "destination": {"country": country, **destination},
        }
    )


def ask(country: str, day: str | None, session: Session | None = None, **kw: Any) -> Evaluation:
    return evaluate(facts(country, day, **kw), annex=load_annex(), as_of=TODAY, session=session)


def authority(result: Evaluation, code: str) -> AuthorityResult:
    return next(a for a in result.authorities if a.authority == code)


@dataclass(frozen=True)
class Question:
    """One row of the docs table: the question, the facts, and what the answer must say."""

    text: str
    country: str
    day: str | None
    authority: str
    applies: bool | None
    says: str  # in the authority's reasons, the destination's evidence or the information needed
    item: str = "3.A.2"
    destination: dict[str, Any] = field(default_factory=dict)


QUESTIONS = [
    Question(
        "A Category II item transferred to India on 2015-03-01: is India an MTCR adherent?",
        "India",
        "2015-03-01",
        "AECA 73",
        True,
        "India was not an MTCR partner on 2015-03-01; it joined 2016-06-27",
    ),
    Question(
        "The same transfer to India on 2016-07-01?",
        "India",
        "2016-07-01",
        "AECA 73",
        False,
        "India was an adherent on 2016-07-01",
    ),
    Question(
        "To the Czech Republic on 1998-06-01 (admitted 'in 1998')?",
        "Czech Republic",
        "1998-06-01",
        "AECA 73",
        None,
        "Czechia's MTCR join date is only known as 'in 1998'",
    ),
    Question(
        "The same, the officer answering that it was not yet an adherent?",
        "Czech Republic",
        "1998-06-01",
        "AECA 73",
        True,
        "given in the facts (destination.mtcr_adherent): Czechia is not an MTCR adherent",
        destination={"mtcr_adherent": False},
    ),
    Question(
        "To Iran on 1998-03-01, the end user in Poland (admitted 'in 1998')?",
        "Iran",
        "1998-03-01",
        "AECA 73",
        None,
        "Poland's MTCR join date is only known as 'in 1998'",
        destination={"end_user_country": "Poland"},
    ),
    Question(
        "A Category I item to North Korea on 2010-05-01: is the §73(f) terrorism presumption "
        "stated?",
        "North Korea",
        "2010-05-01",
        "AECA 73",
        True,
        "no substantial contribution is determined",  # and no presumption: not designated then
        item="2.A.1.d",
    ),
    Question(
        "The same on 2018-03-01 (re-designated 2017-11-20)?",
        "North Korea",
        "2018-03-01",
        "AECA 73",
        True,
        "presumed designed for use in an MTCR Annex missile",
        item="2.A.1.d",
    ),
    Question(
        "To Syria on 2004-06-01: does INKSNA reach it?",
        "Syria",
        "2004-06-01",
        "INKSNA",
        False,
        "Syria added by Pub. L. 109-112 (November 22, 2005): the activity (2004-06-01) is earlier",
    ),
    Question(
        "To Iran on 1990-06-01: does AECA §73 reach it?",
        "Iran",
        "1990-06-01",
        "AECA 73",
        False,
        "the activity (1990-06-01) is not after 1990-11-05",
    ),
]


def _said(result: Evaluation, code: str) -> str:
    found = authority(result, code)
    needed = [f"{n.fact}: {n.why}" for n in result.information_needed]
    return " | ".join([*found.reasons, *result.destination.evidence, *needed])


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.text[:40] for q in QUESTIONS])
def test_dated_question_of_the_user_guide(question: Question) -> None:
    result = ask(question.country, question.day, item=question.item, **question.destination)
    assert result.facts_date == date.fromisoformat(str(question.day))
    assert authority(result, question.authority).applies is question.applies
    assert question.says in _said(result, question.authority)
    assert question.text in DOCS.read_text("utf-8")


def test_the_north_korea_2010_answer_has_no_terrorism_presumption() -> None:
    result = ask("North Korea", "2010-05-01", item="2.A.1.d")
    assert not result.destination.state_sponsor_of_terrorism
    assert not any("presumed" in r for r in authority(result, "AECA 73").reasons)


def test_unknown_adherence_is_information_needed_naming_fact_date_and_field() -> None:
    result = ask("Czech Republic", "1998-06-01")
    (needed,) = result.information_needed
    assert needed.field == "destination.mtcr_adherent"
    assert needed.date == date(1998, 6, 1)
    assert "Czechia" in needed.fact and "mtcr.info" in needed.why
    assert result.destination.mtcr_adherent is None
    assert authority(result, "EAA 11B(b)").applies is None
    assert authority(result, "AECA 73").measures == []
    assert "information needed to decide AECA 73, EAA 11B(b)" in result.summary
    # An answer that does not turn on adherence is still given: a U.S. person's trade.
    us = evaluate(
        parse_facts(
            {
                "person": {"name": "Acme", "us_person": True},
                "activity": {"kind": "export", "knowing": True, "date": "1998-06-01"},
                "item": {"annex_item": "3.A.2"},
                "destination": {"country": "Czech Republic"},
            }
        ),
        annex=load_annex(),
        as_of=TODAY,
    )
    assert authority(us, "AECA 72").applies is True
    assert us.information_needed == []


def test_without_an_activity_date_the_evaluation_date_is_used_and_said() -> None:
    result = ask("India", None)
    assert result.facts_date == TODAY == result.as_of
    assert "the facts give no activity date" in result.facts_date_basis
    dated = ask("India", "2015-03-01")
    assert dated.facts_date_basis == "the activity's date (2015-03-01)"


def test_stored_treaty_events_answer_on_both_databases(
    db_session: Session, operator: Principal
) -> None:
    before = ask("India", "2015-03-01", session=db_session)
    assert any("not loaded into this database" in e for e in before.destination.evidence)
    treaties.load_reference(session=db_session, actor=operator)
    for day, adherent in (("2015-03-01", False), ("2016-07-01", True), ("1998-06-01", None)):
        country = "Czech Republic" if day.startswith("1998") else "India"
        result = ask(country, day, session=db_session)
        assert result.destination.mtcr_adherent is adherent, (country, day)
        assert any("stored treaty events" in e for e in result.destination.evidence)
