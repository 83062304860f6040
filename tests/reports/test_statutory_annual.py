"""The annual report in the structure of §1097, read back from its PDF and DOCX: headings in
order, "no data" (never zero) where no source covers a country, every portion marked, the
banner on every page, foreign suppliers and U.S. measures from the register, MTCR and HCOC
developments from the office's records or "None recorded by the office"."""

from __future__ import annotations

from datetime import date
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

YEAR = 2025
COUNTRY_PARTS = [
    "Ballistic missile programmes",
    "Cruise missile programmes",
    "Unmanned aerial vehicle programmes",
    "Flight tests",
    "Foreign suppliers of missile equipment and technology",
    "Transfers of missiles and launchers",
    "Determinations naming its entities",
    "Export cases reviewed and denied",
    "Treaty and regime status changes",
]
TOP = [
    "1. Introduction and summary",
    "2. North Korea",
    "3. Iran",
    "4. Syria",
    "5. Transfers by suppliers",
    "6. U.S. measures taken",
    "7. MTCR and HCOC developments",
    "8. Sources and inputs",
]


def _expected_headings() -> list[str]:
    found = [TOP[0]]
    for number, country in ((2, "North Korea"), (3, "Iran"), (4, "Syria")):
        found.append(f"{number}. {country}")
        found += [f"{number}.{i} {part}" for i, part in enumerate(COUNTRY_PARTS, start=1)]
    return found + TOP[4:]


def _determine(session: Session, actor: Principal, name: str, country: str, authority: str) -> None:
    data = DeterminationIn.model_validate(
        {
            "entities": [{"name": name, "country": country}],
            "authorities": [{"authority": authority}],
            "measures": ["procurement_ban"],
            "activity": "transfer of missile guidance components to Iran",
            "determination_date": f"{YEAR}-04-02",
            "fr_citation": "90 FR 12345",
        }
    )
    sanctions.add_determination(data, session=session, actor=actor)


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "records.yaml"
    path.write_text(
        "records:\n"
        "  - kind: mtcr\n"
        f"    date: {YEAR}-10-17\n"
        "    text: The partners met in plenary and reviewed the Annex.\n"
        "    source: Office cable 25-1017 (test record)\n"
        "  - kind: regulatory\n"
        f"    date: {YEAR}-05-01\n"
        "    text: Not an annual-report record.\n"
        "    source: test\n"
    )
    return path


def test_headings_no_data_and_markings(loaded: Session, operator: Principal, records: Path) -> None:
    _determine(loaded, operator, "Dalian Test Trading Co", "China", "EO 12938")
    report = services.annual(
        YEAR, session=loaded, actor=operator, records=services.office_records(records)
    )
    unclassified = BUILT_IN["unclassified"]
    word = read_docx(services.render(report, "docx", marking=unclassified))
    assert word.headings == _expected_headings()
    assert word.header == ["UNCLASSIFIED"] and word.footer == ["UNCLASSIFIED"]
    assert unmarked(word.body, ("(U) ",)) == []
    assert any(p.startswith("Statutory basis: Section 1097") for p in word.before_contents)

    # Iran: no loaded source covers its tests or programmes: "no data", never a zero.
    assert not [p for p in word.body if "Iran conducted" in p]
    assert "(U) In 2025, no loaded data source records Iran's missile flight tests" in (
        word.paragraph("no loaded data source records Iran's missile flight tests")
    )
    assert "no data, not none" in word.paragraph("Iran's ballistic missile programmes")
    summary = word.tables[0]
    assert summary[2][:2] == ["Iran", "no data recorded"]
    programme_map = next(t for t in word.tables if t[0][:2] == ["Country", "Ballistic"])
    assert programme_map[2] == ["Iran", "no data", "no data", "no data", "no data"]
    assert programme_map[1][1] == "tested in the year"  # North Korea, from the CNS data
    assert programme_map[1][3] == "no data"  # no loaded source records UAV programmes
    on_the_map = next(t for t in word.tables if t[0][:2] == ["Country", "On the map"])
    assert [row[:2] for row in on_the_map[1:]] == [
        ["North Korea", "tested in the year"],
        ["Iran", "no data"],
        ["Syria", "no data"],
    ]

    # Foreign suppliers: the Chinese entity whose recorded activity names Iran.
    suppliers = next(t for t in word.tables if t[0][:2] == ["Entity", "Country"])
    assert suppliers[1][:3] == ["Dalian Test Trading Co", "CHN", f"{YEAR}-04-02"]
    # U.S. measures: every determination of the year, from the register.
    assert any("Dalian Test Trading Co" in row[1] for t in word.tables for row in t[1:])
    # MTCR and HCOC: the office's record with its source; the regulatory one is not here.
    assert word.paragraph("The partners met in plenary").endswith(
        "(Source: Office cable 25-1017 (test record))"
    )
    assert not [p for p in word.body if "Not an annual-report record" in p]

    pages = pdf_pages(services.render(report, "pdf", marking=BUILT_IN["cui"]))
    assert all(page[0] == "CUI" for page in pages)
    assert all("CUI" in page[-3:] for page in pages)  # bottom banner beside the page number
    lines = [line for page in pages for line in page]
    assert [line for line in lines if line in set(_expected_headings())] == (_expected_headings())
    body = lines[lines.index(TOP[0]) :]
    assert "(CUI) Summary across countries of concern, 2025" in body
    assert any(
        line.startswith("(CUI) In 2025, no loaded data source records Iran") for line in body
    )


def test_without_records_none_recorded(loaded: Session, operator: Principal) -> None:
    report = services.annual(YEAR, session=loaded, actor=operator, countries=["IRN"])
    word = read_docx(services.render(report, "docx", marking=BUILT_IN["unclassified"]))
    assert "(U) None recorded by the office (MTCR and HCOC developments, 2025)." in word.body
    # SIPRI's data ends in March 2025: the statement says so instead of claiming the year.
    assert "in 2025 up to 2025-03-13 (where the data ends)" in word.paragraph(
        "The transfers data records"
    )


def test_export_refused_without_marking(loaded: Session, operator: Principal) -> None:
    report = services.annual(YEAR, session=loaded, actor=operator, countries=["SYR"])
    for file_format in ("pdf", "docx", "html", "json"):
        with pytest.raises(InvalidInput) as refused:
            services.generate(
                report, file_format=file_format, marking=None, session=loaded, actor=operator
            )
        assert refused.value.field == "marking"
    assert services.archive(session=loaded, actor=operator) == []
    with pytest.raises(InvalidInput) as unset:
        services.marking_scheme(None, configured=None)
    assert unset.value.field == "marking" and "NONPRO_MARKING_SCHEME" in unset.value.problem
    with pytest.raises(InvalidInput) as path_by_form:
        services.marking_scheme("/etc/passwd", configured=None)  # only the CLI reads files
    assert path_by_form.value.field == "marking"


def test_configured_scheme_and_portion_levels(
    loaded: Session, operator: Principal, tmp_path: Path
) -> None:
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text(
        "name: office\n"
        "levels:\n"
        "  - {code: U, portion: (U), banner: UNCLASSIFIED}\n"
        '  - {code: FOUO, portion: (FOUO), banner: "UNCLASSIFIED//FOR OFFICIAL USE ONLY"}\n'
        "default: U\n"
        "handling: [Handle as the office directs]\n"
    )
    records = tmp_path / "records.json"
    records.write_text(
        '{"records": [{"kind": "hcoc", "date": "2025-06-05", "text": "A restricted note.",'
        ' "source": "test", "marking": "FOUO"}]}'
    )
    chosen = services.marking_scheme("office", configured=str(scheme))
    assert services.marking_choices(str(scheme)) == ["unclassified", "cui", "office"]
    report = services.annual(
        YEAR,
        session=loaded,
        actor=operator,
        countries=["SYR"],
        records=services.office_records(records),
    )
    word = read_docx(services.render(report, "docx", marking=chosen))
    # The banner is the highest level any portion carries.
    assert word.header == ["UNCLASSIFIED//FOR OFFICIAL USE ONLY"]
    assert "(FOUO) 2025-06-05: A restricted note. (Source: test)" in word.body
    assert unmarked([p for p in word.body if "restricted" not in p], ("(U) ",)) == []
    pages = pdf_pages(services.render(report, "pdf", marking=chosen))
    assert pages[0][0] == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    with pytest.raises(InvalidInput) as unknown_level:
        services.render(report, "pdf", marking=BUILT_IN["unclassified"])
    assert unknown_level.value.field == "marking" and "FOUO" in unknown_level.value.problem


def test_bad_inputs_name_their_field(tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text("records:\n  - kind: mtcr\n    date: 2025-01-01\n    text: No source.\n")
    with pytest.raises(InvalidInput) as refused:
        services.office_records(records)
    assert refused.value.field == "records" and "records.0.source" in refused.value.problem
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text("name: x\nlevels: [{code: U, portion: (U), banner: U}]\ndefault: S\n")
    with pytest.raises(InvalidInput) as bad_scheme:
        services.marking_scheme(str(scheme), configured=None, allow_files=True)
    assert bad_scheme.value.field == "marking" and "default" in bad_scheme.value.problem
    with pytest.raises(InvalidInput) as bad_setting:
        services.marking_scheme(None, configured=str(tmp_path / "missing.yaml"))
    assert bad_setting.value.field == "NONPRO_MARKING_SCHEME"


def test_the_same_data_the_same_sections(loaded: Session, operator: Principal) -> None:
    """Section ids are stable: the next session's drafts and clearances name them."""
    first = services.document_of(services.annual(YEAR, session=loaded, actor=operator))
    again = services.document_of(services.annual(YEAR, session=loaded, actor=operator))
    ids = [s.id for s in first.all_sections()]
    assert ids == [s.id for s in again.all_sections()] and len(set(ids)) == len(ids)
    assert "country-IRN-tests" in ids and "mtcr-hcoc" in ids
    assert date(YEAR, 12, 31) == services.annual(YEAR, session=loaded, actor=operator).as_of


def test_suppliers_regime_status(loaded: Session, operator: Principal) -> None:
    """Transfers by suppliers say where each supplier stands in the MTCR and the HCOC."""
    report = services.annual(2016, session=loaded, actor=operator, countries=["IND"])
    statuses = {r.supplier: (r.mtcr, r.hcoc) for r in report.supplier_regimes}
    # SIPRI records Russian and U.S. missiles for India in 2016; the treaty records date the
    # U.S. partnership to the day, Russia's only to the year.
    assert statuses == {
        "Russia": ("partner (in 1995)", "subscribing state (since 2002-11-25)"),
        "United States": ("partner (since 1987-04-16)", "subscribing state (since 2002-11-25)"),
    }
    word = read_docx(services.render(report, "docx", marking=BUILT_IN["unclassified"]))
    table = next(t for t in word.tables if t[0] == ["Supplier", "MTCR", "HCOC"])
    assert {row[0] for row in table[1:]} == set(statuses)


def test_nothing_loaded_says_no_data_everywhere(db_session: Session, operator: Principal) -> None:
    """Without the program data sets, no count of tests, programmes or transfers is a zero."""
    report = services.annual(YEAR, session=db_session, actor=operator, countries=["PRK"])
    (summary,) = report.summary
    assert (summary.flight_tests, summary.transfers_in, summary.transfers_out) == (None,) * 3
    word = read_docx(services.render(report, "docx", marking=BUILT_IN["unclassified"]))
    assert (
        word.tables[0][1][:5] == ["North Korea", "no data recorded", "—"] + ["no data recorded"] * 2
    )
    assert "no data, not none" in word.paragraph("North Korea in 2025: no data")
    assert "no data, not none" in word.paragraph("North Korea's ballistic missile programmes")
    assert not [p for p in word.body if "conducted 0" in p or "records no supplier" in p]
