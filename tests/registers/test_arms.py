"""The UN Register: recording own transfers, background, the national report (CSV and DOCX), and
importing another state's report in the same layout (both databases)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.rejected_rows import RejectedRows
from nonpro.core.validation import parse_input
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.report_csv import REPORT_COLUMNS, to_csv
from nonpro.registers.arms.schemas import BackgroundIn, TransferIn, TransferQuery
from nonpro.registers.arms.services import build_report, to_docx
from nonpro.registers.errors import UnreadableRegisterFile

DATA = Path(__file__).parent / "data"


def transfer(**changes: Any) -> TransferIn:
    raw: dict[str, Any] = {
        "direction": "export",
        "year": 2023,
        "category": "I",
        "partner": "Poland",
        "number_of_items": 12,
        "description": "M1A1 Abrams",
        "comments": "from Army stocks",
    }
    return parse_input(TransferIn, {**raw, **changes})


def record_year(session: Session, actor: Principal) -> None:
    """A 2023 with exports in I and VII.a, an import in IV.a, and background holdings."""
    for data in (
        transfer(),
        transfer(partner="Romania", number_of_items=3, description="M1A2"),
        transfer(category="VII", subcategory="a", number_of_items=4, description="ATACMS"),
        transfer(
            direction="import",
            category="IV",
            subcategory="manned",
            partner="GBR",
            number_of_items=1,
            description="Typhoon",
            state_of_origin="Germany",
        ),
    ):
        arms.record_transfer(data, session=session, actor=actor)
    salw = transfer(
        category="SALW_SA",
        subcategory="rifles and carbines",
        number_of_items=300,
        description="M4 carbines",
    )
    arms.record_transfer(salw, session=session, actor=actor)
    arms.record_transfer(transfer(year=2022), session=session, actor=actor)
    background = {"year": 2023, "kind": "holdings", "category": "I", "number_of_items": 2500}
    arms.record_background(parse_input(BackgroundIn, background), session=session, actor=actor)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "VIII"}, "category"),
        ({"direction": "sideways"}, "direction"),
        ({"year": 1980}, "year"),
        ({"number_of_items": -1}, "number_of_items"),
        ({"partner": "Atlantis"}, "partner"),
        ({"partner": "US"}, "partner"),  # the reporting state itself
        ({"reporting_state": "Narnia"}, "reporting_state"),
        ({"category": "VII"}, "subcategory"),  # VII is reported per sub-category
        ({"category": "I", "subcategory": "a"}, "subcategory"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as problem:
        transfer(**changes)
    assert problem.value.field == field


def test_record_edit_delete_list_and_audit(db_session: Session, operator: Principal) -> None:
    found = arms.record_transfer(transfer(), session=db_session, actor=operator)
    assert (found.exporter, found.importer, found.importer_name) == ("USA", "POL", "Poland")
    assert (found.source_kind, found.reporting_state) == ("own", "USA")
    edited = arms.edit_transfer(
        found.id, transfer(number_of_items=14), session=db_session, actor=operator
    )
    assert edited.number_of_items == 14
    imported = transfer(direction="import", partner="DEU", category="VII", subcategory="MANPADS")
    arms.record_transfer(imported, session=db_session, actor=operator)
    assert [
        t.subcategory
        for t in arms.list_transfers(TransferQuery(direction="import"), session=db_session)
    ] == ["VII.b MANPADS"]
    assert len(arms.list_transfers(TransferQuery(state="Poland"), session=db_session)) == 1
    assert len(arms.list_transfers(TransferQuery(category="7"), session=db_session)) == 1
    assert arms.list_transfers(TransferQuery(year=2001), session=db_session) == []
    arms.delete_transfer(found.id, session=db_session, actor=operator)
    assert len(arms.list_transfers(TransferQuery(), session=db_session)) == 1
    actions = db_session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.action.like("registers.arms.%"))
        .order_by(AuditEntry.seq)
    ).all()
    assert actions == [
        "registers.arms.record",
        "registers.arms.edit",
        "registers.arms.record",
        "registers.arms.delete",
    ]


def test_the_national_report_reproduces_the_recorded_transfers_per_category(
    db_session: Session, operator: Principal
) -> None:
    record_year(db_session, operator)
    report = build_report(2023, session=db_session)
    assert (report.reporting_state, report.transfers) == ("USA", 5)
    by_block = {(s.form, s.title): s for s in report.sections}
    tanks = by_block[("exports", "I. Battle tanks")]
    assert [(line.state, line.number_of_items) for line in tanks.lines] == [
        ("Poland", 12),
        ("Romania", 3),
    ]
    assert [
        line.description for line in by_block[("exports", "VII.a missiles and launchers")].lines
    ] == ["ATACMS"]
    assert by_block[("exports", "VII.b MANPADS")].nil
    (typhoon,) = by_block[("imports", "IV.a manned")].lines
    assert (typhoon.state, typhoon.state_of_origin) == ("United Kingdom", "Germany")
    assert by_block[("exports", "II. Armoured combat vehicles")].nil
    assert [line.number_of_items for line in by_block[("holdings", _holdings_title())].lines] == [
        2500
    ]
    # Every recorded 2023 transfer appears once, in its own category's section, nowhere else.
    recorded = arms.list_transfers(TransferQuery(year=2023, source_kind="own"), session=db_session)
    expected = sorted(
        (
            t.direction + "s",
            t.category.value,
            t.subcategory,
            t.importer_name if t.direction == "export" else t.exporter_name,
            t.number_of_items,
            t.description,
        )
        for t in recorded
    )
    reported = sorted(
        (
            s.form,
            s.category.value,
            line.subcategory,
            line.state,
            line.number_of_items,
            line.description,
        )
        for s in report.sections
        if s.category is not None
        for line in s.lines
    )
    assert reported == expected and len(expected) == 5
    (salw,) = by_block[("exports", "Small arms")].lines
    assert (salw.subcategory, salw.number_of_items) == ("rifles and carbines", 300)


def _holdings_title() -> str:
    return "Background information: military holdings"


def test_report_csv_lists_each_transfer_and_nil_and_reads_back_as_a_state_report(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    record_year(db_session, operator)
    text = to_csv(build_report(2023, session=db_session))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == REPORT_COLUMNS
    tanks = [r for r in rows if r["Form"] == "exports" and r["Category"] == "I. Battle tanks"]
    assert [(r["Final importer/exporter State(s)"], r["Number of items"]) for r in tanks] == [
        ("Poland", "12"),
        ("Romania", "3"),
    ]
    nil = [r for r in rows if r["Final importer/exporter State(s)"] == "nil"]
    assert len(nil) == len(rows) - 6  # every other block reports nil
    # The same file, imported as another state's report (e.g. read back for 2023 as USA's
    # report in a database that holds no own records for USA).
    path = tmp_path / "usa-2023.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(Conflict, match="own report"):
        arms.import_state_report(path, state="USA", year=2023, session=db_session, actor=operator)
    for t in arms.list_transfers(TransferQuery(year=2023), session=db_session):
        arms.delete_transfer(t.id, session=db_session, actor=operator)
    with pytest.raises(Conflict, match="recorded by hand"):
        arms.import_state_report(path, state="USA", year=2023, session=db_session, actor=operator)


def test_a_report_exported_as_csv_imports_back_as_that_states_report(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    """Round trip: the United Kingdom's report written here, read back as an imported report;
    a text a spreadsheet would run as a formula is written inert and reads back as it was."""
    for data in (
        transfer(
            reporting_state="GBR",
            partner="NOR",
            number_of_items=14,
            state_of_origin="DEU",
            description='=HYPERLINK("http://evil.example","M1A1")',
            comments="-refurbished+upgraded",
        ),
        transfer(
            reporting_state="GBR",
            direction="import",
            partner="USA",
            category="VII",
            subcategory="b",
            number_of_items=40,
            comments="Stinger, via Ramstein",
            intermediate_location="Germany",
        ),
    ):
        arms.record_transfer(data, session=db_session, actor=operator)
    path = tmp_path / "gbr-2023.csv"
    path.write_text(to_csv(build_report(2023, session=db_session, state="United Kingdom")))
    [norway] = [r for r in csv.DictReader(path.open()) if r["Number of items"] == "14"]
    assert norway["Description of item"] == '\'=HYPERLINK("http://evil.example","M1A1")'
    assert norway["Comments on the transfer"] == "'-refurbished+upgraded"
    fields = (
        "direction",
        "category",
        "subcategory",
        "exporter",
        "importer",
        "number_of_items",
        "state_of_origin",
        "intermediate_location",
        "description",
        "comments",
    )

    def facts(source: str) -> list[tuple[object, ...]]:
        found = arms.list_transfers(TransferQuery(source_kind=source), session=db_session)
        return sorted(tuple(getattr(t, f) for f in fields) for t in found)

    written = facts("own")
    for t in arms.list_transfers(TransferQuery(), session=db_session):
        arms.delete_transfer(t.id, session=db_session, actor=operator)
    found = arms.import_state_report(
        path, state="GBR", year=2023, session=db_session, actor=operator
    )
    assert found.counts["transfers"] == 2 and found.counts["nil_rows"] > 0
    assert facts("state_report") == written


def test_report_docx_holds_the_same_lines(db_session: Session, operator: Principal) -> None:
    record_year(db_session, operator)
    document = docx.Document(io.BytesIO(to_docx(build_report(2023, session=db_session))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Reporting State: United States (USA)" in text
    assert "Calendar year: 2023" in text
    exports, imports, holdings, _production, salw_exports, _salw_imports = document.tables
    header = [c.text for c in exports.rows[0].cells]
    assert header[1:3] == ["Final importer State(s)", "Number of items"]
    assert [c.text for c in imports.rows[0].cells][1] == "Exporter State(s)"
    body = [[c.text for c in row.cells] for row in exports.rows[1:]]
    assert ["I. Battle tanks", "Poland", "12", "", "", "M1A1 Abrams", "from Army stocks"] in body
    assert ["I. Battle tanks", "Romania", "3", "", "", "M1A2", "from Army stocks"] in body
    assert body[-2][:3] == ["VII.a missiles and launchers", "Poland", "4"]
    assert body[-1][:2] == ["VII.b MANPADS", "nil"]
    assert ["II. Armoured combat vehicles", "nil", "", "", "", "", ""] in body
    assert [c.text for c in imports.rows[1:][3].cells][:3] == ["IV.a manned", "United Kingdom", "1"]
    assert [c.text for c in holdings.rows[1].cells][:2] == ["I. Battle tanks", "2500"]
    assert [c.text for c in salw_exports.rows[1].cells][:3] == [
        "Small arms: rifles and carbines",
        "Poland",
        "300",
    ]
    assert [c.text for c in salw_exports.rows[2].cells][:2] == ["Light weapons", "nil"]


def test_import_a_state_report_replaces_the_earlier_one(
    db_session: Session, operator: Principal
) -> None:
    first = arms.import_state_report(
        DATA / "pol-2023.csv", state="Poland", year=2023, session=db_session, actor=operator
    )
    assert first.counts == {"transfers": 3, "background": 1, "nil_rows": 1, "refused_rows": 0}
    again = arms.import_state_report(
        DATA / "pol-2023.csv", state="POL", year=2023, session=db_session, actor=operator
    )
    assert [d.id for d in arms.list_datasets(session=db_session)] == [again.id]
    found = arms.list_transfers(TransferQuery(state="POL"), session=db_session)
    assert {(t.exporter, t.importer, t.category, t.number_of_items) for t in found} == {
        ("USA", "POL", "I", 10),
        ("DEU", "POL", "II", 5),
        ("KOR", "POL", "V", 2),
    }
    assert all(t.source_kind == "state_report" and t.direction == "import" for t in found)
    with pytest.raises(Conflict, match="imported"):
        arms.delete_transfer(found[0].id, session=db_session, actor=operator)
    (holdings,) = arms.list_background(session=db_session, state="POL")
    assert (holdings.number_of_items, holdings.remarks) == (800, "approximate")


@pytest.mark.parametrize(
    ("replace", "line", "problem"),
    [
        ("Republic of Korea", 5, "line 5, column 'Final importer/exporter State(s)': 'Atlantis'"),
        ("V.a manned", 5, "line 5, column 'Sub-category'"),
        (",10,", 3, "line 3, column 'Number of items': 'ten'"),
        ("POL,2023,exports", 2, "line 2, column 'Reporting State': says DEU"),
        ("Dingo 2", 4, "a NUL byte"),
    ],
)
def test_a_broken_state_report_names_line_and_column(
    db_session: Session, operator: Principal, tmp_path: Path, replace: str, line: int, problem: str
) -> None:
    broken = {
        "Republic of Korea": "Atlantis",
        "V.a manned": "V.c",
        ",10,": ",ten,",
        "POL,2023,exports": "DEU,2023,exports",
        "Dingo 2": "Din\x00go 2",
    }
    path = tmp_path / "pol.csv"
    path.write_text((DATA / "pol-2023.csv").read_text().replace(replace, broken[replace]))
    with pytest.raises((UnreadableRegisterFile, RejectedRows)) as error:
        arms.import_state_report(
            path, state="POL", year=2023, session=db_session, actor=operator, strict=True
        )
    assert problem in error.value.message
    if isinstance(error.value, UnreadableRegisterFile):
        assert error.value.line == line
    assert arms.list_datasets(session=db_session) == []


def test_a_strict_state_report_with_several_bad_rows_names_every_one_and_stores_nothing(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    text = (DATA / "pol-2023.csv").read_text()
    path = tmp_path / "pol.csv"
    path.write_text(text.replace(",10,", ",ten,").replace("Republic of Korea", "Atlantis"))
    with pytest.raises(RejectedRows) as error:
        arms.import_state_report(
            path, state="POL", year=2023, session=db_session, actor=operator, strict=True
        )
    assert [(row.where, row.column) for row in error.value.rows] == [
        ("line 3", "Number of items"),
        ("line 5", "Final importer/exporter State(s)"),
    ]
    assert arms.list_datasets(session=db_session) == []
