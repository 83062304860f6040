"""A report as a document: an ordered list of sections, each with a stable id, a heading, a
marking and blocks (paragraph, table, chart with its table).

The layout modules turn figures into this; the HTML, PDF and DOCX renderers only read this, so
every format has the same sections, numbers, markings, tables and sources. A section's ``id``
stays the same from one run to the next (``country-PRK-tests``), so a later edit or clearance
can name the section it belongs to; ``data_driven`` says whether its text comes from the data
(regenerated each run) or is the office's prose.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from nonpro.reports.markings import MarkingScheme
from nonpro.reports.richtext import Run


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    source: str = ""
    empty: str = "No data recorded."
    marking: str | None = None  # a level of the scheme; None: the section's
    portion: str = ""  # "(U)": set when the document is marked


@dataclass
class Figure:
    """A chart, always with its alt text, its legend in the picture, its source, and the same
    numbers as a table."""

    caption: str
    alt: str
    png: bytes
    table: Table
    marking: str | None = None
    portion: str = ""


@dataclass
class Paragraph:
    text: str
    marking: str | None = None
    portion: str = ""
    # The office's text in a draft (``reports.richtext``): runs with their emphasis, and whether
    # the paragraph is a bullet; empty for generated text, which is ``text`` alone.
    runs: tuple[Run, ...] = ()
    bullet: bool = False


Block = Paragraph | Table | Figure


@dataclass
class Section:
    id: str
    title: str
    blocks: Sequence[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    data_driven: bool = True
    marking: str | None = None  # None: the scheme's default level
    numbered: bool = True  # a transmittal letter is not a numbered section of the report
    number: str = ""  # set by the document, from the order of the sections

    @property
    def anchor(self) -> str:
        return "s-" + self.id

    @property
    def heading(self) -> str:
        if not self.number:
            return self.title
        return f"{self.number}{' ' if '.' in self.number else '. '}{self.title}"


@dataclass
class Document:
    title: str
    subtitle: str
    issuer: str
    meta: list[tuple[str, str]]  # shown on the title page: as of, input hash, ...
    sections: list[Section]
    basis: str = ""  # the "Statutory basis" line of the title page
    draft: list[str] = field(default_factory=list)  # why this is only a draft; empty: final
    scheme: MarkingScheme | None = None  # set by ``mark``; nothing is rendered before
    banner: str = ""

    def __post_init__(self) -> None:
        number = 0
        for section in self.sections:
            if section.numbered:
                number += 1
                section.number = str(number)
                for index, sub in enumerate(section.subsections, start=1):
                    sub.number = f"{number}.{index}"

    def all_sections(self) -> list[Section]:
        found = []
        for section in self.sections:
            found.append(section)
            found.extend(section.subsections)
        return found

    def contents(self) -> list[Section]:
        return [s for s in self.all_sections() if s.number]

    def front(self) -> list[Section]:
        """Sections before the contents (a transmittal letter)."""
        return [s for s in self.sections if not s.numbered]

    def body(self) -> list[Section]:
        return [s for s in self.sections if s.numbered]

    def portions(self) -> Iterator[tuple[Section, Block]]:
        for section in self.all_sections():
            for block in section.blocks:
                yield section, block

    def mark(self, scheme: MarkingScheme, level: str | None = None) -> Document:
        """Give every portion its mark and the document its banner, in ``scheme``; ``level``
        is the level of portions that name none (default: the scheme's)."""
        default = scheme.level(level).code
        used: set[str] = set()
        inherited = {
            sub.id: sub.marking or section.marking
            for section in self.sections
            for sub in [section, *section.subsections]
        }
        for section, block in self.portions():
            code = scheme.level(block.marking or inherited[section.id] or default).code
            block.marking, block.portion = code, scheme.level(code).portion
            if isinstance(block, Figure):
                block.table.marking, block.table.portion = code, block.portion
            used.add(code)
        self.scheme, self.banner = scheme, scheme.banner(used or {default})
        return self

    @property
    def marked(self) -> bool:
        return self.scheme is not None and all(b.portion for _, b in self.portions())
