"""Reports read back as their reader gets them: PDF through pdftotext, DOCX through python-docx."""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx


def pdf_pages(content: bytes) -> list[list[str]]:
    """Each page's non-empty lines, as pdftotext reads them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]
    return [page for page in pages if page]


@dataclass
class WordReport:
    header: list[str]
    footer: list[str]
    headings: list[str]  # in order, the contents' and title's left out
    body: list[str]  # the paragraphs after the contents, headings left out
    tables: list[list[list[str]]]
    before_contents: list[str]  # title page and a transmittal letter

    def paragraph(self, starting: str) -> str:
        return next(p for p in self.body if starting in p)


def read_docx(content: bytes) -> WordReport:
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    contents = next(i for i, (_, text) in enumerate(paragraphs) if text == "Contents")
    after = [(style, text) for style, text in paragraphs[contents + 1 :] if text.strip()]
    # The contents' lines end at the first heading after it.
    first = next(i for i, (style, _) in enumerate(after) if style.startswith("Heading"))
    after = after[first:]
    return WordReport(
        header=[p.text for p in section.header.paragraphs],
        footer=[p.text for p in section.footer.paragraphs],
        headings=[text for style, text in after if style.startswith("Heading")],
        body=[text for style, text in after if not style.startswith("Heading")],
        tables=[[[c.text for c in row.cells] for row in t.rows] for t in document.tables],
        before_contents=[text for _, text in paragraphs[:contents] if text.strip()],
    )


def unmarked(paragraphs: list[str], marks: tuple[str, ...]) -> list[str]:
    """Paragraphs without a portion mark; a table's source line belongs to its table."""
    return [p for p in paragraphs if not p.startswith(marks) and not p.startswith("Source: ")]
