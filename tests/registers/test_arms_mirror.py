"""The mirror view finds the planted discrepancies between exporters' and importers' reports.

The planted data set (tests/registers/data): the United States records (own report) 12 battle
tanks and 4 missiles to Poland in 2023; Poland's report lists 10 tanks from the United States, no
missiles, 5 armoured vehicles from Germany and 2 helicopters from South Korea; Germany's report
lists the 5 armoured vehicles; South Korea sent no report. SIPRI says 12 tanks.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.validation import parse_input
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.mirror import mirror
from nonpro.registers.arms.schemas import TransferIn
from nonpro.registers.arms.sipri import import_trade_register

DATA = Path(__file__).parent / "data"


def plant(session: Session, actor: Principal, *, sipri: bool = True) -> None:
    for category, sub, number, what in (("I", "", 12, "M1A1 Abrams"), ("VII", "a", 4, "ATACMS")):
        raw = {
            "direction": "export",
            "year": 2023,
            "category": category,
            "subcategory": sub,
            "partner": "Poland",
            "number_of_items": number,
            "description": what,
        }
        arms.record_transfer(parse_input(TransferIn, raw), session=session, actor=actor)
    for state, name in (("POL", "pol-2023.csv"), ("DEU", "deu-2023.csv")):
        arms.import_state_report(DATA / name, state=state, year=2023, session=session, actor=actor)
    if sipri:
        import_trade_register(DATA / "sipri-small.csv", session=session, actor=actor)


def test_mirror_finds_the_planted_discrepancies(db_session: Session, operator: Principal) -> None:
    plant(db_session, operator)
    view = mirror(2023, session=db_session)
    assert view.reports_held == ["DEU", "POL", "USA"]
    assert view.counts == {"agree": 1, "numbers_differ": 1, "exporter_only": 1, "importer_only": 1}
    rows = {(r.exporter, r.importer, r.category.value): r for r in view.rows}
    tanks = rows[("USA", "POL", "I")]
    assert tanks.status == "numbers_differ"
    assert (tanks.exporter_side.number, tanks.importer_side.number) == (12, 10)
    assert tanks.sipri_number == 12
    assert "USA reported exporting 12 items of category I (battle tanks) to POL" in (
        tanks.explanation
    )
    assert "POL reported importing 10" in tanks.explanation
    assert "The numbers differ by 2." in tanks.explanation
    assert "report of POL for 2023 (" in tanks.explanation
    missiles = rows[("USA", "POL", "VII")]
    assert (missiles.status, missiles.counterpart_report_held) == ("exporter_only", True)
    assert "POL's report for 2023 does not list this import." in missiles.explanation
    helicopters = rows[("KOR", "POL", "V")]
    assert (helicopters.status, helicopters.counterpart_report_held) == ("importer_only", False)
    assert "No report of KOR for 2023 is held here to compare with." in helicopters.explanation
    vehicles = rows[("DEU", "POL", "II")]
    assert (vehicles.status, vehicles.exporter_side.number, vehicles.importer_side.number) == (
        "agree",
        5,
        5,
    )
    assert vehicles.sipri_number is None  # SIPRI's 9 Dingo were delivered over three years
    assert "9 delivered over 2022\u20132024 (SIPRI gives no split by year)" in vehicles.sipri_note
    assert view.rows[-1].status == "agree"  # disagreements first


def test_mirror_for_one_state_and_without_sipri(db_session: Session, operator: Principal) -> None:
    plant(db_session, operator, sipri=False)
    view = mirror(2023, session=db_session, state="Germany")
    assert [(r.exporter, r.importer, r.status) for r in view.rows] == [("DEU", "POL", "agree")]
    assert not view.sipri_imported and view.rows[0].sipri_note == ""
    assert mirror(2022, session=db_session).rows == []
