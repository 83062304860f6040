"""A report as a document: numbered sections of paragraphs, tables and figures.

The layout modules turn figures into this; the HTML, PDF and DOCX renderers only read this, so
every format has the same sections, numbers, tables and sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    source: str = ""
    empty: str = "No data recorded."


@dataclass
class Figure:
    """A chart, always with its alt text and the same numbers as a table."""

    caption: str
    alt: str
    png: bytes
    table: Table


@dataclass
class Paragraph:
    text: str


Block = Paragraph | Table | Figure


@dataclass
class Section:
    number: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "s" + self.number.replace(".", "-")


@dataclass
class Document:
    title: str
    subtitle: str
    issuer: str
    meta: list[tuple[str, str]]  # shown on the title page: as of, input hash, ...
    sections: list[Section]

    def all_sections(self) -> list[Section]:
        found = []
        for section in self.sections:
            found.append(section)
            found.extend(section.subsections)
        return found
