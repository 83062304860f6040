"""The semi-annual EO 12938 report read back: the period, the transmittal letter, the actions
under EO 12938 and EO 13382, the regulatory changes the office recorded, the expenses figure
(a draft without it), every portion marked and the banner on every page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.reports import services
from nonpro.reports.markings import BUILT_IN
from nonpro.sanctions import services as sanctions
from nonpro.sanctions.schemas import DeterminationIn
from tests.reports.reading import pdf_pages, read_docx, unmarked

START, END = date(2025, 1, 1), date(2025, 6, 30)
HEADINGS = [
    "1. Introduction",
    "2. Actions under Executive Order 12938",
    "3. Actions under Executive Order 13382",
    "4. Waivers and terminations",
    "5. Export license denials",
    "6. Interagency referrals",
    "7. Regulatory changes",
    "8. Expenditures",
    "9. Sources and inputs",
]


def _determine(session: Session, actor: Principal, name: str, authority: str, day: date) -> None:
    data = DeterminationIn.model_validate(
        {
            "entities": [{"name": name, "country": "Iran"}],
            "authorities": [{"authority": authority}],
            "measures": ["blocking" if authority == "EO 13382" else "procurement_ban"],
            "activity": "procurement of missile propellant ingredients",
            "determination_date": day.isoformat(),
        }
    )
    sanctions.add_determination(data, session=session, actor=actor)


@pytest.fixture
def emergency_data(loaded: Session, operator: Principal, tmp_path: Path) -> Path:
    _determine(loaded, operator, "Shahid Test Industries", "EO 12938", date(2025, 2, 3))
    _determine(loaded, operator, "Test Blocked Trading", "EO 13382", date(2025, 5, 6))
    _determine(loaded, operator, "Outside Period Co", "EO 13382", date(2025, 8, 1))
    records = tmp_path / "records.yaml"
    records.write_text(
        "records:\n"
        "  - kind: regulatory\n"
        "    date: 2025-03-15\n"
        "    text: OFAC amended the WMD Proliferators Sanctions Regulations (test record).\n"
        "    source: 90 FR 99999 (test)\n"
    )
    return records


def test_period_letter_actions_and_expenses(
    loaded: Session, operator: Principal, emergency_data: Path
) -> None:
    report = services.emergency(
        START,
        END,
        session=loaded,
        actor=operator,
        records=services.office_records(emergency_data),
        expenses=Decimal("1250000"),
    )
    assert [d.entities for d in report.eo12938] == [["Shahid Test Industries"]]
    assert [d.entities for d in report.eo13382] == [["Test Blocked Trading"]]
    made = services.generate(
        report,
        file_format="docx",
        marking=BUILT_IN["unclassified"],
        session=loaded,
        actor=operator,
        final=True,
    )
    assert made.archived.parameters["status"] == "final"
    word = read_docx(made.content)
    assert word.headings == HEADINGS
    assert word.header == ["UNCLASSIFIED"] and word.footer == ["UNCLASSIFIED"]
    assert unmarked(word.body, ("(U) ",)) == []
    letter = word.before_contents[word.before_contents.index("Transmittal letter") + 1 :]
    assert letter[0] == "(U) TO THE CONGRESS OF THE UNITED STATES:"
    assert "50 U.S.C. 1703(c)" in letter[1] and "50 U.S.C. 1641(c)" in letter[1]
    assert "It covers the period 2025-01-01 to 2025-06-30." in letter[1]
    assert "Period 2025-01-01 to 2025-06-30" in word.before_contents
    entities = {row[1] for table in word.tables for row in table[1:]}
    assert {"Shahid Test Industries", "Test Blocked Trading"} <= entities
    assert "Outside Period Co" not in entities
    assert word.paragraph("(U) 1 determinations citing EO 13382")
    assert "OFAC amended the WMD Proliferators Sanctions Regulations" in word.paragraph(
        "(U) 2025-03-15:"
    )
    assert "$1,250,000.00" in word.paragraph("Total expenditures incurred")
    assert "DRAFT" not in " ".join(word.before_contents)


def test_without_expenses_a_draft(loaded: Session, operator: Principal) -> None:
    report = services.emergency(START, END, session=loaded, actor=operator)
    pages = pdf_pages(services.render(report, "pdf", marking=BUILT_IN["cui"]))
    assert all(page[0] == "CUI" and "DRAFT" in page[:3] for page in pages)
    text = " ".join(line for page in pages for line in page)
    assert "DRAFT: the expenses figure (50 U.S.C. 1641(c)) is to be supplied" in text
    assert "(CUI) None recorded by the office (regulatory changes" in text
    assert "are to be supplied: this report is a draft until they are." in text
    word = read_docx(services.render(report, "docx", marking=BUILT_IN["cui"]))
    assert word.header == ["CUI", "DRAFT"] and word.footer == ["CUI"]
    with pytest.raises(InvalidInput) as refused:
        services.render(report, "pdf", marking=BUILT_IN["cui"], final=True)
    assert refused.value.field == "expenses"
    with pytest.raises(InvalidInput) as negative:
        services.emergency(START, END, session=loaded, actor=operator, expenses=Decimal("-1"))
    assert negative.value.field == "expenses"
