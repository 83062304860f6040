"""A Word document as data: the few elements the office's documents are made of.

Capabilities lay their documents out in these (a notice's fields, a report's sections, the arms
register's forms) and ``nonpro.documents.docx`` writes them, so no capability drives python-docx
itself and every DOCX the office sends is written the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A run of text and its emphasis; ``points`` None keeps the paragraph style's size."""

    text: str
    bold: bool = False
    italic: bool = False
    points: float | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Text, ...] = ()
    style: str | None = None  # a style of Word's default template, e.g. "List Bullet"
    centered: bool = False
    indent_inches: float = 0.0

    @classmethod
    def of(
        cls,
        text: str,
        *,
        style: str | None = None,
        centered: bool = False,
        indent_inches: float = 0.0,
    ) -> Paragraph:
        """One run of plain text."""
        return cls((Text(text),), style=style, centered=centered, indent_inches=indent_inches)


@dataclass(frozen=True)
class Heading:
    """Word's heading styles: level 0 is the document title, 1-9 the headings."""

    text: str
    level: int
    centered: bool = False


@dataclass(frozen=True)
class Table:
    """A grid with one header row; every cell is plain text."""

    header: list[str]
    rows: list[list[str]]
    bold_header: bool = False
    points: float | None = None  # one size for every cell
    style: str = "Table Grid"


@dataclass(frozen=True)
class Image:
    png: bytes
    width_inches: float
    alt: str  # read aloud by screen readers; Word shows it as the picture's description


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Heading | Table | Image | PageBreak


@dataclass
class Document:
    """``reproducible``: dates fixed, so the same content gives the same bytes (an archived
    report must be reproducible from its figures); otherwise Word's dates are the time written."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    author: str | None = None
    landscape: bool = False
    reproducible: bool = False
    # Lines centred at the top and the bottom of every page (a report's marking banner).
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
