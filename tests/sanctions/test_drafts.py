"""The Federal Register notice draft and the INKSNA report material."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from docx import Document
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.services import principal_of
from nonpro.controls import load_annex
from nonpro.core.clock import today
from nonpro.sanctions import inksna, notice, notice_docx, services
from nonpro.sanctions.schemas import DeterminationIn, TermIn


def test_term_words() -> None:
    assert notice.term_words(TermIn(years=2, minimum=True)) == (
        "for a period of not less than two years"
    )
    assert notice.term_words(TermIn(years=3, months=8)) == (
        "for a period of three years and eight months"
    )
    assert notice.term_words(TermIn(years=0)) == "until the measures are lifted"


def _add(db_session: Session, make_user: Any, **changes: Any) -> str:
    officer = principal_of(make_user("drafter", Role.SANCTIONS_OFFICER))
    data: dict[str, Any] = {
        "entities": [
            {
                "name": "China Great Wall Industry Corporation",
                "country": "China",
                "government_activities": True,
            },
            {"name": "Second Entity", "country": "China"},
        ],
        "authorities": [{"authority": "AECA 73"}, {"authority": "EAA 11B(b)"}],
        "measures": ["contracts_missile", "licenses_missile", "licenses_ear_missile"],
        "activity": "missile technology proliferation activities",
        "determination_date": today() - timedelta(days=5),
        "term": {"years": 2},
    }
    data.update(changes)
    change = services.add_determination(
        DeterminationIn.model_validate(data), session=db_session, actor=officer
    )
    return change.determination.id


def test_notice_names_statutes_entities_measures_and_flags(
    db_session: Session, make_user: Any
) -> None:
    ident = _add(db_session, make_user)
    out = services.determination_out(services.get_determination(ident, session=db_session))
    draft = notice.build_notice(out, contact="Jane Doe, Office X, 202-555-0100")
    text = notice.to_markdown(draft)
    assert "foreign persons have engaged" in text
    assert "22 U.S.C. 2797b(a)(1)" in text and "Executive Order 12851" in text
    assert "China Great Wall Industry Corporation (China) and its sub-units and successors" in text
    assert "for a period of two years" in text
    assert "22 U.S.C. 2797b(a)(2)(A)(i)" in text
    assert "non-market economy" in text and "military aircraft" in text
    assert "Jane Doe, Office X" in text
    assert "UNVERIFIED: EAA 11B(b) §11B(b)(1)(B)(i)" in text
    document = Document(io.BytesIO(notice_docx.to_docx(draft)))
    assert any("SUMMARY" in p.text for p in document.paragraphs)


def test_inksna_material_lists_measures_or_a_justification_owed(
    db_session: Session, make_user: Any
) -> None:
    _add(
        db_session,
        make_user,
        entities=[{"name": "Imposed Person Co"}],
        authorities=[{"authority": "INKSNA"}],
        measures=["procurement_ban", "assistance_ban"],
    )
    facts = services.parse_facts(
        {
            "person": {"name": "Considered Trading", "us_person": False},
            "activity": {"kind": "transfer", "knowing": True, "date": "2026-03-01"},
            "item": {"annex_item": "3.A.2"},
            "destination": {"country": "Syria"},
        }
    )
    evaluation = services.evaluate(facts, annex=load_annex(), as_of=date(2026, 11, 22))
    report = services.inksna_report(
        session=db_session,
        period_start=today() - timedelta(days=180),
        period_end=today(),
        considered=[evaluation],
    )
    lines = {line.person: line for line in report.lines}
    assert lines["Imposed Person Co"].measures == ["procurement_ban", "assistance_ban"]
    assert lines["Considered Trading"].justification == inksna.JUSTIFICATION_PLACEHOLDER
    text = inksna.inksna_markdown(report)
    assert "Considered Trading" in text and "## Unverified facts" in text
