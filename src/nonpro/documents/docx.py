"""Write a ``nonpro.documents.elements.Document`` as DOCX with python-docx."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
from docx.document import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from nonpro.documents.elements import (
    Block,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
    Text,
)

_FIXED = datetime(2000, 1, 1, tzinfo=UTC)


def _runs(paragraph: DocxParagraph, runs: tuple[Text, ...] | list[Text]) -> None:
    for text in runs:
        run = paragraph.add_run(text.text)
        if text.bold:
            run.bold = True
        if text.italic:
            run.italic = True
        if text.points is not None:
            run.font.size = Pt(text.points)


def _paragraph(doc: Docx, paragraph: Paragraph) -> None:
    written = doc.add_paragraph(style=paragraph.style)
    _runs(written, paragraph.runs)
    if paragraph.centered:
        written.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paragraph.indent_inches:
        written.paragraph_format.left_indent = Inches(paragraph.indent_inches)


def _table(doc: Docx, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = table.style
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        _runs(cell.paragraphs[0], [Text(text, bold=table.bold_header, points=table.points)])
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            _runs(cell.paragraphs[0], [Text(text, points=table.points)])


def _image(doc: Docx, image: Image) -> None:
    doc.add_picture(io.BytesIO(image.png), width=Inches(image.width_inches))
    # Alt text lives on the drawing's docPr element; python-docx has no setter for it.
    doc.inline_shapes[-1]._inline.docPr.set("descr", image.alt)


def _block(doc: Docx, block: Block) -> None:
    if isinstance(block, Paragraph):
        _paragraph(doc, block)
    elif isinstance(block, Heading):
        heading = doc.add_heading(block.text, level=block.level)
        if block.centered:
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Image):
        _image(doc, block)
    else:
        assert isinstance(block, PageBreak)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _page(doc: Docx, landscape: bool) -> None:
    page = doc.sections[0]
    if landscape != (page.orientation == WD_ORIENT.LANDSCAPE):
        page.page_width, page.page_height = page.page_height, page.page_width
    page.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def _margins(doc: Docx, document: Document) -> None:
    """The header and footer lines, centred and bold, on every page."""
    page = doc.sections[0]
    for lines, area in ((document.header, page.header), (document.footer, page.footer)):
        for index, line in enumerate(lines):
            written = area.paragraphs[0] if index == 0 else area.add_paragraph()
            written.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(written, [Text(line, bold=True)])


def write_docx(document: Document) -> bytes:
    doc = docx.Document()
    _page(doc, document.landscape)
    _margins(doc, document)
    for block in document.blocks:
        _block(doc, block)
    props = doc.core_properties
    props.title = document.title
    if document.author:
        props.author = props.last_modified_by = document.author
    if document.reproducible:
        props.created = props.modified = _FIXED
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_times(buffer.getvalue()) if document.reproducible else buffer.getvalue()


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
