"""The semi-annual emergency report: determinations, waivers, terminations in the period."""

from __future__ import annotations

import io
from datetime import date

import docx
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.reports import services
from nonpro.reports.markings import BUILT_IN
from nonpro.sanctions import services as sanctions
from nonpro.sanctions.schemas import DeterminationIn, EventIn


def _determination(day: date, name: str, session: Session, actor: Principal) -> str:
    data = DeterminationIn.model_validate(
        {
            "entities": [{"name": name, "country": "North Korea"}],
            "authorities": [{"authority": "EO 12938"}],
            "measures": ["procurement_ban"],
            "activity": "transfer of missile guidance sets",
            "determination_date": day.isoformat(),
        }
    )
    return sanctions.add_determination(data, session=session, actor=actor).determination.id


def test_actions_in_the_period(loaded: Session, operator: Principal) -> None:
    ryonbong = "Korea Ryonbong General Corporation"
    inside = _determination(date(2025, 2, 3), ryonbong, loaded, operator)
    _determination(date(2024, 5, 6), "Earlier Trading Co", loaded, operator)
    waived = _determination(date(2024, 9, 1), "Waived Machinery Ltd", loaded, operator)
    sanctions.waive(
        waived,
        EventIn(effective_date=date(2025, 3, 1), citation="90 FR 1"),
        session=loaded,
        actor=operator,
    )
    ended = _determination(date(2024, 10, 1), "Ended Metals Co", loaded, operator)
    sanctions.terminate(
        ended, EventIn(effective_date=date(2025, 7, 1)), session=loaded, actor=operator
    )
    report = services.emergency(date(2025, 1, 1), date(2025, 6, 30), session=loaded, actor=operator)
    assert [d.entities for d in report.determinations] == [[ryonbong]]
    assert report.determinations[0].countries == ["PRK"] and inside
    assert [(w.entities, w.citation) for w in report.waivers] == [
        (["Waived Machinery Ltd"], "90 FR 1")
    ]
    assert report.terminations == []  # July is outside the period
    assert report.license_denials == {} and report.referrals == {}
    assert report.active_determinations == 3  # the earlier one, the one inside, the ended one

    annual = services.annual(2025, session=loaded, actor=operator)
    assert len(annual.countries[0].determinations) == 1
    made = services.generate(
        report, file_format="docx", marking=BUILT_IN["unclassified"], session=loaded, actor=operator
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(made.content)).paragraphs)
    assert "6. Interagency referrals" in text and "No referrals in the period" in text
    assert "Executive Order 12938" in text
