"""The DOCX writer: every element of the model reads back from the file as Word sees it."""

from __future__ import annotations

import io
import time

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt

from nonpro.documents import elements as word
from nonpro.documents.docx import write_docx
from nonpro.reports.charts import bar_chart


def _every_element() -> word.Document:
    chart = bar_chart(["Jan", "Feb"], [3, 1], title="Tests", xlabel="Month", ylabel="Tests")
    return word.Document(
        "Imposition of Measures",
        [
            word.Heading("Imposition of Measures", level=0, centered=True),
            word.Paragraph(
                (word.Text("SUMMARY: ", bold=True), word.Text("A determination has been made."))
            ),
            word.Paragraph.of("China Great Wall Industry Corporation.", style="List Bullet"),
            word.Paragraph(
                (word.Text("As of 2024-01-01", points=8),), centered=True, indent_inches=0.3
            ),
            word.Paragraph((word.Text("Source: CNS", italic=True),)),
            word.PageBreak(),
            word.Heading("1. Exports", level=1),
            word.Table(
                ["Category", "Items"], [["I. Battle tanks", "12"]], bold_header=True, points=8
            ),
            word.Image(chart, width_inches=6, alt="Bar chart of tests by month"),
        ],
        author="nonpro",
    )


def test_each_element_reads_back() -> None:
    read = docx.Document(io.BytesIO(write_docx(_every_element())))
    title, summary, bullet, meta, source, brk, heading = read.paragraphs[:7]
    assert title.style.name == "Title" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(r.text, r.bold) for r in summary.runs] == [
        ("SUMMARY: ", True),
        ("A determination has been made.", None),
    ]
    assert bullet.style.name == "List Bullet"
    assert meta.alignment == WD_ALIGN_PARAGRAPH.CENTER and meta.runs[0].font.size == Pt(8)
    assert meta.paragraph_format.left_indent == Inches(0.3)
    assert source.runs[0].italic is True
    assert 'w:type="page"' in brk._p.xml
    assert heading.style.name == "Heading 1" and heading.text == "1. Exports"
    (table,) = read.tables
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Category", "Items"],
        ["I. Battle tanks", "12"],
    ]
    header_run = table.rows[0].cells[0].paragraphs[0].runs[0]
    assert header_run.bold is True and header_run.font.size == Pt(8)
    assert table.rows[1].cells[0].paragraphs[0].runs[0].bold is None
    (picture,) = read.inline_shapes
    assert picture.width == Inches(6)
    assert picture._inline.docPr.get("descr") == "Bar chart of tests by month"
    assert read.core_properties.title == "Imposition of Measures"
    assert read.core_properties.author == "nonpro"
    assert read.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_landscape_turns_the_page() -> None:
    read = docx.Document(io.BytesIO(write_docx(word.Document("Forms", landscape=True))))
    page = read.sections[0]
    assert page.orientation == WD_ORIENT.LANDSCAPE
    assert page.page_width is not None and page.page_height is not None
    assert page.page_width > page.page_height


def test_a_reproducible_document_gives_the_same_bytes_a_second_later() -> None:
    fixed = _every_element()
    fixed.reproducible = True
    first = write_docx(fixed)
    time.sleep(2.1)  # zip entries carry the time to two seconds
    assert write_docx(fixed) == first
    read = docx.Document(io.BytesIO(first))
    assert read.core_properties.created is not None
    assert read.core_properties.created.year == 2000
