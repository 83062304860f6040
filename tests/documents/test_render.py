"""One Jinja environment for every document: templates by package, autoescape, PDF after it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from nonpro.documents.render import environment, render_html, render_pdf
from nonpro.reports.document import Document, Paragraph, Section
from nonpro.reports.markings import MarkingLevel, MarkingScheme


def _report(title: str) -> Document:
    section = Section("1", "Summary", blocks=[Paragraph("Two flight tests in the year.")])
    return Document(
        title, "2023", "Office of Missile Threat Reduction", [("As of", "X")], [section]
    )


def test_each_capability_s_templates_are_named_after_its_package() -> None:
    names = set(environment().list_templates())
    assert {"cases/letter.html", "interagency/minutes.html", "reports/report.html"} <= names
    # The web's pages keep their own environment (request globals), not this one.
    assert not any(name.startswith("web/") for name in names)


def test_text_from_the_data_is_escaped() -> None:
    html = render_html("reports/report.html", doc=_report("Tests & <script>x</script>"))
    assert "Tests &amp; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


def test_the_pdf_reads_back_and_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    pdf = render_pdf("reports/report.html", doc=_report("Annual Report"))
    assert pdf == render_pdf("reports/report.html", doc=_report("Annual Report"))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Annual Report" in text and "Two flight tests in the year." in text


def test_a_banner_cannot_break_out_of_the_page_margin_css() -> None:
    """The banner goes into ``@page { @top-center { content: "..." } }`` inside ``<style>``,
    where HTML escaping does not apply: quotes, backslashes and ``<`` are CSS-escaped."""
    level = MarkingLevel(code="X", portion="(X)", banner='SAY "HI" \\ </style><script>')
    scheme = MarkingScheme(name="odd", levels=[level], default="X")
    html = render_html("reports/report.html", doc=_report("Markings").mark(scheme))
    style = html.split("</style>", 1)[0]
    assert 'content: "SAY \\"HI\\" \\\\ \\3C /style>\\3C script>"' in style
    assert "<script>" not in html and "(X) Two flight tests in the year." in html
