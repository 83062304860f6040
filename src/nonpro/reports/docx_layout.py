"""A document as DOCX (python-docx): title page, contents, numbered headings, tables, figures.

The core properties' dates are fixed to the report's, so the same figures give the same file.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
from docx.document import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Inches, Pt

from nonpro.reports.document import Document, Figure, Paragraph, Section, Table

_FIXED = datetime(2000, 1, 1, tzinfo=UTC)


def _table(doc: Docx, table: Table) -> None:
    caption = doc.add_paragraph()
    caption.add_run(table.caption).bold = True
    if not table.rows:
        caption.add_run(f": {table.empty}").italic = True
        return
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    if table.source:
        source = doc.add_paragraph()
        run = source.add_run("Source: " + table.source.removeprefix("Source: "))
        run.italic = True
        run.font.size = Pt(8)


def _blocks(doc: Docx, blocks: list[Paragraph | Table | Figure]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Figure):
            doc.add_picture(io.BytesIO(block.png), width=Inches(6))
            # Alt text lives on the drawing's docPr element; python-docx has no setter for it.
            shape = doc.inline_shapes[-1]
            shape._inline.docPr.set("descr", block.alt)
            doc.add_paragraph(block.caption).runs[0].bold = True
            _table(doc, block.table)
        else:
            _table(doc, block)


def _section(doc: Docx, section: Section, level: int) -> None:
    sep = ". " if level == 1 else " "
    doc.add_heading(f"{section.number}{sep}{section.title}", level=level)
    _blocks(doc, section.blocks)
    for sub in section.subsections:
        _section(doc, sub, level + 1)


def document_docx(document: Document) -> bytes:
    doc = docx.Document()
    page = doc.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    for _ in range(6):
        doc.add_paragraph()
    issuer = doc.add_paragraph(document.issuer)
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_heading(document.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = doc.add_paragraph(document.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for key, value in document.meta:
        line = doc.add_paragraph(f"{key}: {value}")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.runs[0].font.size = Pt(8)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Contents", level=1)
    for section in document.all_sections():
        sep = ". " if "." not in section.number else " "
        entry = doc.add_paragraph(f"{section.number}{sep}{section.title}")
        if "." in section.number:
            entry.paragraph_format.left_indent = Inches(0.3)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in document.sections:
        _section(doc, section, 1)
    props = doc.core_properties
    props.title = document.title
    props.author = "nonpro"
    props.created = props.modified = _FIXED
    props.last_modified_by = "nonpro"
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01: python-docx stamps the current time,
    so two runs a second apart would differ."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()
