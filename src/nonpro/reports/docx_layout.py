"""A report's document in Word's terms: banner in header and footer, title page, transmittal
letter, contents, numbered headings, marked paragraphs, tables and figures.

``nonpro.documents`` writes the file; the report asks for a reproducible one, so the same figures
give the same bytes. Every mark and number comes from the ``Document`` (``portion``,
``heading``, ``banner``), which the HTML/PDF template reads too.
"""

from __future__ import annotations

from collections.abc import Sequence

from nonpro.documents import elements as word
from nonpro.reports.document import Block, Document, Figure, Paragraph, Section, Table

_SMALL = 8  # points: tables, their sources and the title page's metadata
_FIGURE_WIDTH = 6  # inches: the text width of a Letter page


def _table(table: Table) -> list[word.Block]:
    caption = word.Text(f"{table.portion} {table.caption}", bold=True)
    if not table.rows:
        return [word.Paragraph((caption, word.Text(f": {table.empty}", italic=True)))]
    written: list[word.Block] = [
        word.Paragraph((caption,)),
        word.Table(table.headers, table.rows, bold_header=True, points=_SMALL),
    ]
    if table.source:
        source = "Source: " + table.source.removeprefix("Source: ")
        written.append(word.Paragraph((word.Text(source, italic=True, points=_SMALL),)))
    return written


def _blocks(blocks: Sequence[Block]) -> list[word.Block]:
    written: list[word.Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.runs:
            runs = [word.Text(f"{block.portion} ")]
            runs += [word.Text(r.text, bold=r.bold, italic=r.italic) for r in block.runs]
            style = "List Bullet" if block.bullet else None
            written.append(word.Paragraph(tuple(runs), style=style))
        elif isinstance(block, Paragraph):
            written.append(word.Paragraph.of(f"{block.portion} {block.text}"))
        elif isinstance(block, Figure):
            written.append(word.Image(block.png, width_inches=_FIGURE_WIDTH, alt=block.alt))
            written.append(
                word.Paragraph((word.Text(f"{block.portion} {block.caption}", bold=True),))
            )
            written += _table(block.table)
        else:
            written += _table(block)
    return written


def _section(section: Section, level: int) -> list[word.Block]:
    written: list[word.Block] = [word.Heading(section.heading, level)]
    written += _blocks(section.blocks)
    for sub in section.subsections:
        written += _section(sub, level + 1)
    return written


def _title_page(document: Document) -> list[word.Block]:
    # Six empty lines lower the title, as on the PDF's title page.
    written: list[word.Block] = [word.Paragraph() for _ in range(6)]
    written += [
        word.Paragraph.of(document.issuer, centered=True),
        word.Heading(document.title, level=0, centered=True),
        word.Paragraph.of(document.subtitle, centered=True),
    ]
    if document.draft:
        written.append(
            word.Paragraph(
                (word.Text("DRAFT: " + "; ".join(document.draft), bold=True),), centered=True
            )
        )
    if document.basis:
        written.append(word.Paragraph.of(f"Statutory basis: {document.basis}", centered=True))
    written += [
        word.Paragraph((word.Text(f"{key}: {value}", points=_SMALL),), centered=True)
        for key, value in document.meta
    ]
    if document.scheme is not None:
        written += [
            word.Paragraph((word.Text(line, points=_SMALL),), centered=True)
            for line in document.scheme.handling
        ]
    written.append(word.PageBreak())
    return written


def _front(document: Document) -> list[word.Block]:
    written: list[word.Block] = []
    for section in document.front():
        written += _section(section, 1)
        written.append(word.PageBreak())
    return written


def _contents(document: Document) -> list[word.Block]:
    written: list[word.Block] = [word.Heading("Contents", level=1)]
    for section in document.contents():
        sub = "." in section.number
        written.append(word.Paragraph.of(section.heading, indent_inches=0.3 if sub else 0.0))
    written.append(word.PageBreak())
    return written


def word_document(document: Document) -> word.Document:
    blocks = _title_page(document) + _front(document) + _contents(document)
    for section in document.body():
        blocks += _section(section, 1)
    margin = (document.banner,) + (("DRAFT",) if document.draft else ())
    return word.Document(
        document.title,
        blocks,
        author="nonpro",
        reproducible=True,
        header=margin,
        footer=(document.banner,),
    )
