"""The SIPRI trade register as a comparison data set: mapping, allocation by delivery year,
replacement on re-import, and a broken file that changes nothing (both databases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.rejected_rows import RejectedRows, RowProblems
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.models import ArmsTransfer
from nonpro.registers.arms.schemas import TransferQuery
from nonpro.registers.arms.sipri import import_trade_register, read_trade_register
from nonpro.registers.errors import UnreadableRegisterFile

DATA = Path(__file__).parent / "data"


def test_one_transfer_per_delivery_year_and_honest_numbers() -> None:
    read = read_trade_register(DATA / "sipri-small.csv", RowProblems("sipri-small.csv"))
    assert read.counts == {
        "deals": 6,
        "deals_in_register_categories": 5,
        "skipped_other_descriptions": 1,
        "skipped_no_deliveries": 1,
        "transfers": 6,
        "exact_numbers": 3,
        "spread_over_years": 1,
        "unresolved_parties": 1,
        "refused_rows": 0,
    }
    abrams, *dingo, shahed, burkan = read.rows
    assert (abrams["category"], abrams["year"], abrams["number_of_items"]) == ("I", 2023, 12)
    assert (abrams["exporter"], abrams["importer"]) == ("USA", "POL")
    assert [(d["year"], d["number_of_items"]) for d in dingo] == [
        (2022, None),
        (2023, None),
        (2024, None),
    ]
    assert dingo[0]["remarks"] == (
        "9 delivered over 2022\u20132024 (SIPRI gives no split by year)"
        " (SIPRI marks the number uncertain)"
    )
    assert dingo[0]["comments"] == "Split over two lines"
    assert (shahed["category"], shahed["subcategory"]) == ("VII", "VII.a missiles and launchers")
    assert burkan["importer"] is None  # a non-state actor stays unresolved


def test_the_real_trade_register_gives_stable_counts(
    db_session: Session, operator: Principal, shared_data: Path
) -> None:
    path = shared_data / "missiles" / "sipri" / "trade-register.csv"
    found = import_trade_register(path, session=db_session, actor=operator)
    assert found.counts == {
        "deals": 29515,
        "deals_in_register_categories": 11445,
        "skipped_other_descriptions": 18070,
        "skipped_no_deliveries": 379,
        "transfers": 22988,
        "exact_numbers": 5834,
        "spread_over_years": 5232,
        "unresolved_parties": 519,
        "refused_rows": 0,
    }
    stored = (
        select(func.count()).select_from(ArmsTransfer).where(ArmsTransfer.source_kind == "sipri")
    )
    assert db_session.scalar(stored) == 22988
    exact = stored.where(ArmsTransfer.number_of_items.is_not(None))
    assert db_session.scalar(exact) == 5834


def test_reimport_replaces_and_a_broken_file_leaves_the_previous_data(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    first = import_trade_register(DATA / "sipri-small.csv", session=db_session, actor=operator)
    again = import_trade_register(DATA / "sipri-small.csv", session=db_session, actor=operator)
    assert [d.id for d in arms.list_datasets(session=db_session)] == [again.id] != [first.id]
    assert len(arms.list_transfers(TransferQuery(source_kind="sipri"), session=db_session)) == 6
    broken = tmp_path / "broken.csv"
    text = (DATA / "sipri-small.csv").read_text("latin-1")
    broken.write_text(text.replace(",tank,12,,2023,", ",tank,twelve,,2023,"), "latin-1")
    with pytest.raises(RejectedRows, match="Number delivered") as problem:
        import_trade_register(broken, session=db_session, actor=operator, strict=True)
    assert problem.value.field == str(broken)
    assert [row.where for row in problem.value.rows] == ["line 7"]
    assert [d.id for d in arms.list_datasets(session=db_session)] == [again.id]
    # Without strict: the bad deal is refused, the others replace the register, and the data
    # set says a row was refused.
    kept = import_trade_register(broken, session=db_session, actor=operator)
    assert kept.report is not None
    assert (kept.report.rows_read, kept.report.rows_stored, kept.report.rows_refused) == (6, 5, 1)
    assert [(r.where, r.column) for r in kept.report.refused] == [("line 7", "Number delivered")]
    assert "'twelve' is not a whole number" in kept.report.refused[0].problem
    assert kept.counts["refused_rows"] == 1 and kept.counts["deals"] == 5
    assert len(arms.list_transfers(TransferQuery(source_kind="sipri"), session=db_session)) == 5
    assert [d.id for d in arms.list_datasets(session=db_session)] == [kept.id]
    broken.write_text(text.replace("Dingo-2", "Din\x00go-2"), "latin-1")
    with pytest.raises(UnreadableRegisterFile, match="a NUL byte") as problem:
        import_trade_register(broken, session=db_session, actor=operator)
    assert problem.value.line == 8
    headless = tmp_path / "headless.csv"
    headless.write_text("no,header\n", "latin-1")
    with pytest.raises(UnreadableRegisterFile, match="no header row"):
        import_trade_register(headless, session=db_session, actor=operator)
