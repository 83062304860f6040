"""The annual report: its figures match counts taken straight from the source files, the same
data gives the same report, and the documents open."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import docx
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.reports import services
from nonpro.reports.annual import build_annual
from nonpro.reports.markings import BUILT_IN
from tests.programs.data import cns_year

U = BUILT_IN["unclassified"]


def test_north_korea_figures_match_the_source(loaded: Session, shared_data: Path) -> None:
    for year in (2022, 2023):
        report = build_annual(year, session=loaded)
        prk = next(c for c in report.countries if c.country == "PRK")
        tests, months, classes = cns_year(shared_data, year)
        assert prk.flight_tests == tests
        assert prk.by_month == {f"{m:02d}": months[f"{m:02d}"] for m in range(1, 13)}
        assert prk.by_class == dict(classes)
        assert sum(s.tests for s in prk.systems) == tests
        summary = next(r for r in report.summary if r.country == "PRK")
        assert summary.flight_tests == tests
    assert [c.country for c in report.countries] == ["PRK", "IRN", "SYR"]
    # SIPRI records North Korean missiles ordered by Russia in 2023.
    assert {t.designation for t in prk.transfers_out} >= {"Hwasong-11"}
    assert prk.cases is not None and prk.cases.reviewed == 0


def test_treaty_changes_in_the_year(loaded: Session) -> None:
    report = build_annual(2016, session=loaded, countries=["India"])
    (india,) = report.countries
    changes = {(c.instrument, c.before, c.after, c.date) for c in india.treaty_changes}
    assert ("MTCR", "none", "party", date(2016, 6, 27)) in changes
    assert ("HCOC", "none", "party", date(2016, 6, 1)) in changes
    assert report.summary[0].treaty_changes == len(india.treaty_changes)
    # No loaded data set records India's flight tests: "no data", never 0.
    assert india.flight_tests is None and india.reported_missile_events is None
    assert "No loaded data source covers India's flight tests in 2016: no data, not zero." in (
        india.notes
    )


def test_a_country_no_source_covers_says_no_data_and_never_zero(loaded: Session) -> None:
    report = build_annual(2022, session=loaded)
    iran = next(c for c in report.countries if c.country == "IRN")
    assert iran.flight_tests is None
    assert next(r for r in report.summary if r.country == "IRN").flight_tests is None
    figures = json.loads(services.render(report, "json", marking=U))
    assert next(c for c in figures["countries"] if c["country"] == "IRN")["flight_tests"] is None
    pdf = services.render(report, "pdf", marking=U)
    assert b"%PDF" in pdf[:8]
    document = services.render(report, "docx", marking=U)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(document)).paragraphs)
    assert "Iran conducted 0" not in body
    assert "no loaded data source records Iran" in body
    # North Korea is covered by the CNS database: a count, even where it is small.
    assert next(c for c in report.countries if c.country == "PRK").flight_tests is not None


def test_same_data_same_report(loaded: Session, operator: Principal) -> None:
    first = build_annual(2022, session=loaded)
    again = build_annual(2022, session=loaded)
    assert first.input_hash == again.input_hash and len(first.input_hash) == 64
    one = services.render(first, "json", marking=U)
    assert one == services.render(again, "json", marking=U)
    assert json.loads(one)["countries"][0]["flight_tests"] == first.countries[0].flight_tests
    assert services.render(first, "docx", marking=U) == services.render(again, "docx", marking=U)
    assert services.render(first, "pdf", marking=U) == services.render(again, "pdf", marking=U)
    other = build_annual(2023, session=loaded)
    assert other.input_hash != first.input_hash


def test_pdf_and_docx_open(loaded: Session, operator: Principal, tmp_path: Path) -> None:
    report = build_annual(2023, session=loaded)
    made = services.generate(report, file_format="pdf", marking=U, session=loaded, actor=operator)
    assert made.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(made.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Annual Report on the Proliferation of Missiles" in text
    assert "Contents" in text and "2. North Korea" in text and "2.4 Flight tests" in text
    assert report.input_hash in text.replace(" ", "")
    assert "Source: CNS North Korea Missile Test Database" in text
    assert text.startswith("UNCLASSIFIED") and "(U) Summary across countries of concern" in text

    made = services.generate(report, file_format="docx", marking=U, session=loaded, actor=operator)
    document = docx.Document(io.BytesIO(made.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "2. North Korea" in headings and "1. Introduction and summary" in headings
    # The map of programmes; per month and class, by class, distances.
    assert len(document.inline_shapes) >= 4
    summary = document.tables[0]
    assert summary.rows[1].cells[0].text == "North Korea"
    assert summary.rows[1].cells[1].text == str(report.countries[0].flight_tests)
    archived = services.archive(session=loaded, actor=operator)
    assert [a.file_format for a in archived[:2]] == ["docx", "pdf"]
    assert archived[0].input_hash == report.input_hash


def test_country_profile(loaded: Session, operator: Principal) -> None:
    profile = services.country("DPRK", as_of=date(2024, 1, 1), session=loaded, actor=operator)
    assert profile.country == "PRK" and profile.name == "North Korea"
    assert profile.tests_by_year["2022"] == 69
    assert {s.instrument for s in profile.treaty_status} >= {"NPT"}
    scud = next(r for r in profile.systems if r.name == "Scud-B")
    assert scud.range_km == 300 and scud.range_source and "CSIS" in scud.range_source
    html = services.render(profile, "html", marking=U).decode()
    assert "Country Profile: North Korea" in html and 'alt="Bar chart of' in html
