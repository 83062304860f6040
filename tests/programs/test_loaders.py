"""The three shared data sets read with the right counts; detection; a bad file stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.programs import services
from nonpro.programs.errors import UnreadableData
from nonpro.programs.formats.detect import read_path
from nonpro.programs.models import FlightTest, ProgramImport
from tests.programs.data import cns_tests, load_all, missiles_dir, sipri_missile_deals


def test_cns_database(shared_data: Path) -> None:
    (data,) = read_path(missiles_dir(shared_data) / "nk_missile_tests")
    assert data.dataset == "cns_nk_missile_tests"
    assert len(data.tests) == len(cns_tests(shared_data)) == 339
    assert min(t.day for t in data.tests).year == 1984
    assert max(t.day for t in data.tests).year == 2026
    assert len(data.systems) == 36  # the dictionary's 37 less "unknown"
    hwasong = next(s for s in data.systems if s.key == "hwasong-11a")
    assert hwasong.name == "Hwasong-11A" and hwasong.aliases == ["KN-23"]
    scud = next(s for s in data.systems if s.key == "scud-b")
    assert (scud.range_km, scud.payload_kg) == (300, 985) and "CSIS Missile Threat" in scud.source
    glide = next(s for s in data.systems if s.key == "hwasong-12b")
    assert glide.missile_class == "hypersonic glide"
    early = [t for t in data.tests if t.date_precision == "month"]
    assert len(early) == 8 and early[0].day.isoformat() == "1984-09-01"


def test_csis_and_sipri(shared_data: Path) -> None:
    (csis,) = read_path(missiles_dir(shared_data) / "csis_nk_provocations")
    assert len(csis.events) == 493
    assert sum(1 for e in csis.events if e.category == "Missile Provocation") == 246
    icbm = [e for e in csis.events if e.event == "Intercontinental Ballistic Missile"]
    assert icbm and all(e.missile_class == "ICBM" for e in icbm)
    (sipri,) = read_path(missiles_dir(shared_data) / "sipri" / "trade-register.csv")
    missile_deals, all_deals = sipri_missile_deals(shared_data)
    assert len(sipri.transfers) == missile_deals == 363
    assert len(sipri.transfers) + sipri.skipped == all_deals
    assert sipri.data_as_of is not None and sipri.data_as_of.isoformat() == "2025-03-13"
    to_russia = [t for t in sipri.transfers if t.supplier == "PRK" and t.recipient == "RUS"]
    assert {t.designation for t in to_russia} >= {"Hwasong-11"}


def test_unknown_file_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(UnreadableData, match="not a program data set"):
        read_path(odd)


def test_load_replaces_and_a_failed_load_changes_nothing(
    db_session: Session, operator: Principal, shared_data: Path, tmp_path: Path
) -> None:
    outcome = load_all(shared_data, session=db_session, actor=operator)
    assert {i.dataset for i in outcome.imports} == {
        "cns_nk_missile_tests",
        "csis_nk_provocations",
        "sipri_trade_register",
    }
    again = load_all(shared_data, session=db_session, actor=operator)
    assert again.replaced["cns_nk_missile_tests"] == 339 + 36
    assert db_session.scalar(select(func.count()).select_from(FlightTest)) == 339
    # A folder holding a good data set and a broken one: nothing is read into the database.
    broken = tmp_path / "sets"
    (broken / "cns").mkdir(parents=True)
    for name in ("test.en.json", "missile.en.json", "facility.en.json"):
        (broken / "cns" / name).write_text("{not json")
    before = db_session.scalar(select(func.count()).select_from(ProgramImport))
    with pytest.raises(UnreadableData):
        services.load_path(broken, session=db_session, actor=operator)
    assert db_session.scalar(select(func.count()).select_from(ProgramImport)) == before


def test_every_record_the_reader_cannot_use_is_named_with_the_file(tmp_path: Path) -> None:
    # CSIS: an event without its date, another with a month that does not exist; SIPRI: a deal
    # delivered in the year "soon". Each is named with its record or line; the loader stores
    # the rest or, strict, nothing (tests/programs/test_services.py).
    csis = tmp_path / "north_korea_provocations.json"
    csis.write_text(
        '[{"type": "Missile Provocation", "event": "Cruise Missile"},'
        ' {"type": "Missile Provocation", "event": "SRBM", "date": "2020-03-02"},'
        ' {"type": "Missile Provocation", "event": "SRBM", "date": "2020-13-02"}]'
    )
    [read] = read_path(csis)
    assert read.origin == str(csis) and (read.rows_read, read.rows_refused) == (3, 2)
    assert len(read.events) == 1 and read.counts()["refused_rows"] == 2
    assert [(row.where, row.problem) for row in read.refused] == [
        ("record 1", "missing 'date'"),
        ("record 3", "month must be in 1..12"),
    ]
    sipri = tmp_path / "trade-register.csv"
    sipri.write_text(
        "Data generated: 13 Mar 2025\n"
        "Recipient,Supplier,Year of order,,Number ordered,,Weapon designation,Weapon description,"
        "Number delivered,,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
        "SIPRI TIV for total order,SIPRI TIV of delivered weapons\n"
        "Russia,North Korea,2023,,10,,Hwasong-11,surface-to-surface missile,10,,soon,New,,,,\n"
    )
    [read] = read_path(sipri)
    assert read.transfers == [] and "line 3: invalid literal" in read.refused[0].describe()
