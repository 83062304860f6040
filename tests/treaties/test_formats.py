"""Parsers: file and folder detection, the generic CSV, and clear errors on broken input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nonpro.core.errors import InvalidInput
from nonpro.treaties.errors import TreatyParseError, UnknownState
from nonpro.treaties.formats._names import flag_to_alpha3, to_alpha3
from nonpro.treaties.formats.detect import load_path
from nonpro.treaties.reconcile import reconcile
from nonpro.treaties.rules import status_of
from nonpro.treaties.schemas import EventKind, Status


@pytest.fixture(scope="module")
def ctbt_page(treaties_data: Path) -> str:
    return (treaties_data / "untc" / "html" / "ctbt.html").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_path_reads_a_single_page(treaties_data: Path) -> None:
    found = load_path(treaties_data / "untc" / "html" / "ottawa.html")
    assert found.instruments == ["APMBC"]
    withdrawals = [e for e in found.events if e.kind is EventKind.WITHDRAWAL]
    assert {e.state: (e.date, e.effective_date) for e in withdrawals}["EST"] == (
        date(2025, 6, 27),
        date(2025, 12, 27),
    )
    assert len(withdrawals) == 5  # Estonia, Finland, Latvia, Lithuania; Poland pending


def test_broken_cell_names_file_row_and_participant(tmp_path: Path, ctbt_page: str) -> None:
    broken = ctbt_page.replace("<td>24 Sep\t 2003 <br></td>", "<td>24 Sepx 2003 <br></td>", 1)
    assert broken != ctbt_page
    with pytest.raises(TreatyParseError) as caught:
        load_path(_write(tmp_path, "ctbt.html", broken))
    message = str(caught.value)
    assert "ctbt.html" in message and "participants row 1 (Afghanistan)" in message
    assert "unreadable cell '24 Sepx 2003'" in message
    assert isinstance(caught.value, InvalidInput)


def test_unknown_country_is_refused_with_its_row(tmp_path: Path, ctbt_page: str) -> None:
    broken = ctbt_page.replace("<td>Afghanistan<br></td>", "<td>Atlantis<br></td>", 1)
    with pytest.raises(UnknownState) as caught:
        load_path(_write(tmp_path, "ctbt.html", broken))
    assert "participants row 1" in str(caught.value) and "'Atlantis'" in str(caught.value)


def test_truncated_page_is_refused(tmp_path: Path, ctbt_page: str) -> None:
    cut = ctbt_page[: ctbt_page.index('<table id="ctl00_ctl00_ContentPlaceHolder1_Content')]
    with pytest.raises(TreatyParseError, match=r"ctbt\.html \(participants\): no participants"):
        load_path(_write(tmp_path, "ctbt.html", cut))


def test_page_cut_inside_the_table_does_not_reconcile(tmp_path: Path, ctbt_page: str) -> None:
    russia = ctbt_page.index("<td>Russian Federation<br></td>")
    with pytest.raises(TreatyParseError, match=r"participants row 141\): expected 3 cells, got 0"):
        load_path(_write(tmp_path, "ctbt.html", ctbt_page[:russia]))
    # Cut between rows, the page still parses, and reconciliation shows what is missing.
    found = load_path(
        _write(tmp_path, "ctbt.html", ctbt_page[: ctbt_page.rindex("<tr", 0, russia)])
    )
    differences = reconcile(events=found.events, stated=found.stated_counts)
    assert {(d.measure, d.stated) for d in differences} == {
        (Status.PARTY, 178),
        (Status.SIGNATORY, 187),
    }
    assert all(d.derived < d.stated for d in differences)


def test_page_without_status_header_is_not_mistaken(tmp_path: Path) -> None:
    with pytest.raises(TreatyParseError, match="neither a UNTC nor a UNODA"):
        load_path(_write(tmp_path, "other.html", "<html><body><p>hello</p></body></html>"))


def test_unoda_page_without_its_date_is_refused(tmp_path: Path, treaties_data: Path) -> None:
    page = (treaties_data / "unoda" / "timeline.html").read_text(encoding="utf-8")
    folder = tmp_path / "unoda"
    folder.mkdir()
    _write(folder, "timeline.html", page.replace("dataDate = new Date", "when = new Date"))
    with pytest.raises(TreatyParseError, match="dataDate"):
        load_path(folder)


GENERIC = """# events kept by hand
state,instrument,event,date,effective_date,source,note,disputed
Russian Federation,CTBT,signature,1996-09-24,,UNTC,,
RUS,CTBT,ratification,2000-06-30,,UNODA,,
RUS,CTBT,withdrawal_of_ratification,2023-11-03,,UNODA,law of 2 Nov 2023,
Türkiye,MTCR,admission,1997-12-31,,mtcr.info,,
"""


def test_generic_csv(tmp_path: Path) -> None:
    found = load_path(_write(tmp_path, "events.csv", GENERIC))
    assert found.instruments == ["CTBT", "MTCR"]
    assert [e.state for e in found.events] == ["RUS", "RUS", "RUS", "TUR"]
    status = status_of("RUS", "CTBT", events=found.events, as_of=date(2024, 1, 1))
    assert status.status is Status.SIGNATORY


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("2000-06-30", "30/06/2000"), "line 4, column 'date': '30/06/2000' is not YYYY-MM-DD"),
        (("ratification", "ratify"), "line 4, column 'event': unknown kind 'ratify'"),
        (
            ("RUS,CTBT,ratification", "RUS,XYZ,ratification"),
            "line 4, column 'instrument': unknown code",
        ),
        (("UNODA,,\n", ",,\n"), "line 4, column 'source': empty"),
    ],
)
def test_generic_csv_errors_name_line_and_column(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    text = GENERIC.replace(*change, 1)
    found = load_path(_write(tmp_path, "events.csv", text))
    [refused] = found.refused
    assert problem in refused.describe()
    assert found.rows_read == 4 and len(found.events) == 3
    # What the row stood for, as far as it can be read: its stored events are kept.
    assert found.held == [("CTBT", "RUS")] or found.held == [(None, "RUS")]


def test_a_missing_column_refuses_the_whole_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_path(_write(tmp_path, "events.csv", GENERIC.replace("state,", "country,", 1)))
    assert "events.csv" in str(caught.value)
    assert "(line 2): missing columns: state" in str(caught.value)


def test_every_bad_row_is_named_with_what_it_stood_for(tmp_path: Path) -> None:
    """Every bad row is reported in one pass, with the instrument and state it was about (so
    the store keeps their earlier events instead of reading the row as never having happened)."""
    lines = GENERIC.splitlines()
    text = "\n".join([*lines, lines[4].replace("RUS", "XYZ"), lines[-1] + ",surplus,cells"])
    text = text.replace("2000-06-30", "2000-13-45", 1)
    found = load_path(_write(tmp_path, "events.csv", text))
    described = [row.describe() for row in found.refused]
    assert described[0] == "line 4, column 'date': '2000-13-45' is not YYYY-MM-DD"
    assert any("unknown country name 'XYZ'" in line for line in described)
    assert any(line.endswith("more cells than columns") for line in described)
    assert len(found.refused) == 3 and found.rows_read == 6
    assert found.held == [("CTBT", "RUS"), ("CTBT", None), ("MTCR", "TUR")]


def test_a_folder_names_the_file_of_each_bad_row(tmp_path: Path) -> None:
    _write(tmp_path, "a.csv", GENERIC)
    _write(tmp_path, "b.csv", GENERIC.replace("2000-06-30", "2000-13-45"))
    found = load_path(tmp_path)
    assert [row.where for row in found.refused] == ["b.csv, line 4"]
    assert found.rows_read == 8 and len(found.events) == 7


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russian Federation", "RUS"),
        ("Türkiye", "TUR"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Côte d'Ivoire", "CIV"),
        ("Iran (Islamic Republic of)3", "IRN"),
        ("Germany 4,", "DEU"),
        ("Netherlands (Kingdom of the) 4", "NLD"),
        ("Macedonia, North", "MKD"),
        ("Vatican City", "VAT"),
        ("Zaire", "COD"),
        ("Czechoslovakia", "CSK"),
        ("Yugoslavia", "YUG"),
        ("German Democratic Republic", "DDR"),
        ("USSR", "SUN"),
        ("Korea, North", "PRK"),
    ],
)
def test_names_on_the_pages_resolve(name: str, code: str) -> None:
    assert to_alpha3(name) == code


def test_flags_resolve() -> None:
    assert flag_to_alpha3("🇰🇵") == "PRK"
    assert flag_to_alpha3("?") is None


def test_annex_2_on_the_page_is_checked_against_the_rule(tmp_path: Path, ctbt_page: str) -> None:
    edited = ctbt_page.replace("Viet Nam and Zaire)", "Viet Nam and Zambia)", 1)
    found = load_path(_write(tmp_path, "ctbt.html", edited))
    assert len(found.warnings) == 1
    assert "Annex 2 on the page differs from the rule: ['COD', 'ZMB']" in found.warnings[0]


def test_generic_csv_refuses_unknown_state_codes(tmp_path: Path) -> None:
    found = load_path(
        _write(tmp_path, "events.csv", GENERIC.replace("RUS,CTBT,ratif", "XYZ,CTBT,ratif"))
    )
    [refused] = found.refused
    assert refused.describe() == "line 4, column 'state': unknown country name 'XYZ'"
    assert found.held == [("CTBT", None)]  # every state's CTBT events from the source stay
    found = load_path(
        _write(tmp_path, "events.csv", GENERIC.replace("RUS,CTBT,ratif", "UAE,CTBT,ratif"))
    )
    assert found.events[1].state == "ARE"  # not a code, but a name the resolver knows


def test_declarations_are_kept_as_notes(treaties_data: Path) -> None:
    found = load_path(treaties_data / "untc" / "html" / "ctbt.html")
    [iran] = [e for e in found.events if e.state == "IRN"]  # signature only
    assert iran.kind is EventKind.SIGNATURE
    assert iran.note and "MESA grouping" in iran.note
    assert iran.note.startswith("Declarations/reservations: Declarations upon signature")
