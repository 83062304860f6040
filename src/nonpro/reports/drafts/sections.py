"""A draft's sections as stored in each version, put back into a document, and compared.

A version stores, for each section id, the office's text (``reports.richtext`` markup) and the
data-driven content as lines of text (each paragraph, each table's caption, header and rows):
what the officer saw and what a clearance was given to. The figures themselves are rebuilt from
the draft's parameters when the report is finalized, and must still give these lines.

Pure: no session.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from nonpro.reports.document import Block, Document, Figure, Paragraph, Table
from nonpro.reports.richtext import parse
from nonpro.reports.schemas import SectionDiff

Stored = dict[str, Any]


def _table_lines(table: Table) -> list[str]:
    if not table.rows:
        return [f"{table.caption}: {table.empty}"]
    lines = [f"Table: {table.caption}", " | ".join(table.headers)]
    lines += [" | ".join(row) for row in table.rows]
    return lines + ([table.source] if table.source else [])


def _lines(blocks: Sequence[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Figure):
            lines += [f"Figure: {block.caption}", *_table_lines(block.table)]
        else:
            lines += _table_lines(block)
    return lines


def snapshot(document: Document, previous: Sequence[Stored] = ()) -> list[Stored]:
    """Every section of ``document`` as a version stores it, each keeping the office text it
    had in ``previous`` (so a refresh never loses an edit). A section the office writes starts
    with the generated paragraphs as its text; a data-driven one with no text (an optional
    comment or introduction)."""
    kept = {s["id"]: s["text"] for s in previous}
    stored = []
    for section in document.all_sections():
        prose = not section.data_driven
        paragraphs = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        others = [b for b in section.blocks if not isinstance(b, Paragraph)]
        stored.append(
            {
                "id": section.id,
                "heading": section.heading,
                "data_driven": section.data_driven,
                "text": kept.get(section.id, "\n\n".join(paragraphs) if prose else ""),
                "data": _lines(others if prose else section.blocks),
            }
        )
    return stored


def with_office_text(document: Document, sections: Sequence[Stored]) -> Document:
    """``document`` with the office's text: it replaces the generated paragraphs of a section
    the office writes, and comes before the generated content of a data-driven one."""
    texts = {s["id"]: s["text"] for s in sections}
    for section in document.all_sections():
        text = texts.get(section.id, "")
        if not text.strip() and section.data_driven:
            continue
        written: list[Block] = [
            Paragraph(p.text, runs=p.runs, bullet=p.bullet) for p in parse(text)
        ]
        kept = section.blocks
        if not section.data_driven:
            kept = [b for b in kept if not isinstance(b, Paragraph)]
        section.blocks = written + list(kept)
    return document


def changed_data(old: Sequence[Stored], new: Sequence[Stored]) -> list[str]:
    """The headings of the sections whose data-driven content differs."""
    before = {s["id"]: s["data"] for s in old}
    return [s["heading"] for s in new if before.get(s["id"]) != s["data"]]


def _changes(before: list[str], after: list[str]) -> list[str]:
    """Added ("+ ") and removed ("- ") lines, in order; unchanged lines left out."""
    return [line for line in difflib.ndiff(before, after) if line.startswith(("+ ", "- "))]


def diff(old: Sequence[Stored], new: Sequence[Stored]) -> list[SectionDiff]:
    """Per section, what changed from ``old`` to ``new`` in the office text and in the data;
    sections that did not change are left out."""
    before = {s["id"]: s for s in old}
    found = []
    for section in new:
        was = before.pop(section["id"], {"text": "", "data": []})
        text = _changes(was["text"].splitlines(), section["text"].splitlines())
        data = _changes(was["data"], section["data"])
        if text or data:
            found.append(
                SectionDiff(id=section["id"], heading=section["heading"], text=text, data=data)
            )
    for gone in before.values():
        removed = [f"- {line}" for line in gone["text"].splitlines()]
        removed_data = [f"- {line}" for line in gone["data"]]
        found.append(
            SectionDiff(id=gone["id"], heading=gone["heading"], text=removed, data=removed_data)
        )
    return found
